// Spec 5: on a 390×844 phone viewport the main subscriber pages fit without sideways scrolling,
// in both languages and with errors shown.
import { expect, expectNoHorizontalScroll, shot, test } from './support/simreg';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

test('sign-up on a phone has no horizontal scroll', async ({ page }) => {
  await page.goto('/signup');
  await expect(page.getByRole('heading', { level: 1, name: 'Create your account' })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await shot(page, 'mobile-01-signup');

  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Use at least 12 characters.')).toBeVisible();
  await expectNoHorizontalScroll(page);
  await shot(page, 'mobile-02-signup-errors');

  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '注册账户' })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await shot(page, 'mobile-03-signup-zh');

  for (const path of ['/', '/login', '/verify-email', '/forgot-password', '/staff/login', '/nowhere']) {
    await page.goto(path);
    await expect(page.locator('h1')).toBeVisible();
    await expectNoHorizontalScroll(page);
  }
  await page.goto('/');
  await shot(page, 'mobile-04-landing-zh');
});
