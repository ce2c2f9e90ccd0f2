// Spec 4: errors appear next to the field that caused them, in the person's language, and are
// wired to the input (aria-invalid + aria-describedby); server problems are translated too.
import type { Page } from '@playwright/test';
import { expect, shot, test, uniqueEmail } from './support/simreg';

async function describedError(page: Page, label: string): Promise<string> {
  const input = page.getByLabel(label, { exact: true });
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(' ');
  const errorId = ids.find((id) => id.endsWith('-error'));
  expect(errorId).toBeDefined();
  return page.locator(`[id="${errorId}"]`).innerText();
}

test('a short password shows the translated message next to the field', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('E-mail address', { exact: true }).fill(uniqueEmail('short'));
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  expect(await describedError(page, 'Password')).toContain('Use at least 12 characters.');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await shot(page, 'errors-01-short-password-en');

  await page.getByRole('button', { name: '中文' }).click();
  // Already-shown errors follow the language switch.
  expect(await describedError(page, '密码')).toContain('密码至少需要 12 个字符。');
  await page.getByLabel('密码', { exact: true }).fill('mylocalpart-is-here');
  await page.getByLabel('电子邮箱', { exact: true }).fill('mylocalpart@example.test');
  await page.getByRole('button', { name: '注册' }).click();
  expect(await describedError(page, '密码')).toContain('密码中不能包含电子邮箱 @ 前面的部分。');
  await page.getByLabel('电子邮箱', { exact: true }).fill('not-an-address');
  await page.getByRole('button', { name: '注册' }).click();
  expect(await describedError(page, '电子邮箱')).toContain('请输入有效的电子邮箱');
  await shot(page, 'errors-02-fields-zh');
});

test('server problems are shown translated: wrong credentials and a wrong code', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('E-mail address', { exact: true }).fill(uniqueEmail('nobody'));
  await page.getByLabel('Password', { exact: true }).fill('Wrong-Password-123');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The e-mail address or password is wrong.' })).toBeVisible();
  await shot(page, 'errors-03-invalid-credentials-en');

  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '电子邮箱或密码错误。' })).toBeVisible();

  await page.goto('/verify-email');
  await page.getByLabel('电子邮箱', { exact: true }).fill(uniqueEmail('nobody'));
  await page.getByLabel('验证码', { exact: true }).fill('000000');
  await page.getByRole('button', { name: '验证邮箱' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '验证码错误或已过期' })).toBeVisible();
  await shot(page, 'errors-04-invalid-code-zh');
});

test('keyboard only: skip link, fill and submit sign-in with the keyboard, visible focus', async ({ page }) => {
  await page.goto('/login');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const email = page.getByLabel('E-mail address', { exact: true });
  await expect(email).toBeFocused();
  const outline = await email.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline, 'focused input shows an outline').not.toBe('none');
  await page.keyboard.type('not-an-address');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  // The first invalid field gets focus and its message is announced through aria-describedby.
  await expect(email).toBeFocused();
  expect(await describedError(page, 'E-mail address')).toContain('Enter an e-mail address like name@example.com.');
  expect(await describedError(page, 'Password')).toContain('Fill in this field.');
  await shot(page, 'errors-05-keyboard');
});
