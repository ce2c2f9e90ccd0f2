// Spec 7: the same registration in Chinese on a 390×844 phone, the language chosen with the
// switcher before signing up (so the account, the SMS and the server's quality messages are all in
// Chinese), signing out after the identity step and resuming the draft after signing in again,
// with the due date shown in China's time zone.
import { registerLine } from './support/registration_flow';
import { expect, seedLine, test } from './support/simreg';
import { kRegistrationStringsZh, kSubscriberStringsZh } from './support/strings_zh';
import { signUpAndSignIn } from './support/subscriber_flow';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, timezoneId: 'Asia/Shanghai' });

test('新用户在手机上完成号码实名登记（中文）', async ({ page }) => {
  const line = seedLine();
  await page.goto('/');
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: '中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const email = await signUpAndSignIn(page, kSubscriberStringsZh, 'registration-zh', 'zh-CN');
  await registerLine(page, kRegistrationStringsZh, 'registration-zh', 'zh-CN', line, { email, strings: kSubscriberStringsZh });
});
