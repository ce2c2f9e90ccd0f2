// Spec 2: the same journey in Chinese, chosen with the language switcher on the first page; the
// choice is kept across pages, sent as the account's locale at sign-up, and sets <html lang>.
import { kSubscriberStringsZh } from './support/strings_zh';
import { subscriberJourney } from './support/subscriber_flow';
import { expect, test } from './support/simreg';

test('subscriber sign-up → verify → sign-in → sign-out (中文)', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Register your SIM card with confidence' })).toBeVisible();
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: '中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('button', { name: '中文' })).toHaveAttribute('aria-pressed', 'true');
  await subscriberJourney(page, kSubscriberStringsZh, 'subscriber-zh', 'zh-CN');
  // The choice survives a reload (localStorage) without touching the browser's own languages.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible();
});
