// Spec 6: on a 390×844 phone, a new subscriber registers a line end to end in English — sign up,
// verify, link a demo line with the SMS code, fill the profile's form, get told at upload that a
// blurred ID photo is blurred and why, replace it, declare, submit, and see it pending with its
// due date (formatted in the browser's locale and time zone).
import { registerLine } from './support/registration_flow';
import { seedLine, test } from './support/simreg';
import { signUpAndSignIn } from './support/subscriber_flow';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'en-GB', timezoneId: 'Europe/London' });

test('a new subscriber registers a line on a phone (English)', async ({ page }) => {
  const line = seedLine();
  await page.goto('/');
  await signUpAndSignIn(
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
    'registration-en',
    'en',
  );
  await registerLine(
    page,
    {
      linkLine: 'Link a line',
      linkTitle: 'Link a line',
      msisdn: 'Mobile number',
      sendCode: 'Send code',
      codeTitle: 'Enter the code from the SMS',
      smsCode: 'Code from the SMS',
      confirmLink: 'Link this line',
      linkedNotice: (msisdn) => `The line ${msisdn} is now linked to your account.`,
      unregistered: 'Not registered',
      startRegistration: 'Start your registration',
      startTitle: 'Register your SIM card',
      startSubmit: 'Start registration',
      identityHeading: 'Step 1 of 3: Your details',
      fullName: 'Full name',
      dateOfBirth: 'Date of birth',
      female: 'Female',
      nationality: 'Nationality',
      address: 'Home address',
      residentId: 'Resident Identity Card',
      documentNumber: 'Document number',
      numberHint: '18 characters, the last may be X',
      expiry: 'Expiry date',
      contactPhone: 'Contact phone number',
      continueButton: 'Continue',
      documentsHeading: 'Step 2 of 3: Photos',
      blurredMessage: 'The photo is blurred.',
      blurredHint: 'Hold the phone steady, tap the screen to focus, and take it again.',
      accepted: 'Photo accepted',
      reviewHeading: 'Step 3 of 3: Review and declare',
      show: 'Show',
      declaration: 'I declare that the information I have given is true',
      declare: 'I have read the declaration above and confirm it is true.',
      submit: 'Submit registration',
      statusTitle: 'Your registration',
      submittedNotice: 'Thank you. Your registration has been submitted.',
      submittedStatus: 'Submitted',
      dueLabel: 'Review due by',
      pendingLine: 'Pending review',
      nextPending: (date) => `Pending review, due ${date}`,
      myAccount: 'My account',
      continueRegistration: 'Continue your registration',
      person: { fullName: 'WANG XIAOMEI', address: '1 Dongchang’an Avenue, Dongcheng District, Beijing' },
    },
    'registration-en',
    'en',
    line,
  );
});
