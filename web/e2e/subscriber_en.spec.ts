// Spec 1: a subscriber signs up, verifies the e-mail with the code from the outbox, signs in and
// signs out — in English.
import { subscriberJourney } from './support/subscriber_flow';
import { expect, test } from './support/simreg';

test('subscriber sign-up → verify → sign-in → sign-out (English)', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await subscriberJourney(
    page,
    {
      landingTitle: 'Register your SIM card with confidence',
      createAccountLink: 'Create an account',
      signupTitle: 'Create your account',
      email: 'E-mail address',
      password: 'Password',
      signupSubmit: 'Create account',
      verifyTitle: 'Verify your e-mail address',
      code: 'Verification code',
      verifySubmit: 'Verify e-mail',
      verifiedNotice: 'Your e-mail address is verified. You can sign in now.',
      signInTitle: 'Sign in',
      signInSubmit: 'Sign in',
      accountTitle: 'Your account',
      verifiedBadge: 'Verified',
      nextStepTitle: 'Your next step: register your SIM card',
      signOut: 'Sign out',
      signedOutNotice: 'You have signed out.',
    },
    'subscriber-en',
    'en',
  );
});
