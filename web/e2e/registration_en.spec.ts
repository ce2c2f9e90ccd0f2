// Spec 6: on a 390×844 phone, a new subscriber registers a line end to end in English — sign up,
// verify, link a demo line with the SMS code, fill the profile's form, get told at upload that a
// blurred ID photo is blurred and why, replace it, declare, submit, and see it pending with its
// due date (formatted in the browser's locale and time zone).
import { registerLine } from './support/registration_flow';
import { seedLine, test } from './support/simreg';
import { kRegistrationStringsEn, kSubscriberStringsEn } from './support/strings_en';
import { signUpAndSignIn } from './support/subscriber_flow';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'en-GB', timezoneId: 'Europe/London' });

test('a new subscriber registers a line on a phone (English)', async ({ page }) => {
  const line = seedLine();
  await page.goto('/');
  await signUpAndSignIn(page, kSubscriberStringsEn, 'registration-en', 'en');
  await registerLine(page, kRegistrationStringsEn, 'registration-en', 'en', line);
});
