// Spec 2: the same journey in Chinese, chosen with the language switcher on the first page; the
// choice is kept across pages, sent as the account's locale at sign-up, and sets <html lang>.
import { subscriberJourney } from './support/subscriber_flow';
import { expect, test } from './support/simreg';

test('subscriber sign-up → verify → sign-in → sign-out (中文)', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Register your SIM card with confidence' })).toBeVisible();
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: '中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('button', { name: '中文' })).toHaveAttribute('aria-pressed', 'true');
  await subscriberJourney(
    page,
    {
      landingTitle: '放心办理 SIM 卡实名登记',
      createAccountLink: '注册账户',
      signupTitle: '注册账户',
      email: '电子邮箱',
      password: '密码',
      signupSubmit: '注册',
      verifyTitle: '验证电子邮箱',
      code: '验证码',
      verifySubmit: '验证邮箱',
      verifiedNotice: '电子邮箱已验证，现在可以登录了。',
      signInTitle: '登录',
      signInSubmit: '登录',
      accountTitle: '我的账户',
      verifiedBadge: '已验证',
      nextStepTitle: '下一步：办理 SIM 卡实名登记',
      signOut: '退出登录',
      signedOutNotice: '您已退出登录。',
    },
    'subscriber-zh',
    'zh-CN',
  );
  // The choice survives a reload (localStorage) without touching the browser's own languages.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible();
});
