// The subscriber journey (sign up → verify → sign in → sign out) written once and run per
// language with that language's visible text, so each spec asserts real translated UI. The
// registration specs reuse its first half (signUpAndSignIn).
import type { Page } from '@playwright/test';
import { expect, readCodeFromOutbox, shot, uniqueEmail } from './simreg';

export interface SubscriberStrings {
  landingTitle: string;
  createAccountLink: string;
  signupTitle: string;
  email: string;
  password: string;
  signupSubmit: string;
  verifyTitle: string;
  code: string;
  verifySubmit: string;
  verifiedNotice: string;
  signInTitle: string;
  signInSubmit: string;
  accountTitle: string;
  verifiedBadge: string;
  nextStepTitle: string;
  signOut: string;
  signedOutNotice: string;
}

/**
 * Landing → sign up → verify with the code from the demo outbox → sign in; ends on the account
 * page. Returns the new account's address.
 */
export const kSubscriberPassword = 'Blue-Harbour-Lantern-42';

export async function signUpAndSignIn(page: Page, s: SubscriberStrings, prefix: string, locale: 'en' | 'zh-CN'): Promise<string> {
  const address = uniqueEmail(prefix);
  const password = kSubscriberPassword;

  await expect(page.getByRole('heading', { level: 1, name: s.landingTitle })).toBeVisible();
  await shot(page, `${prefix}-01-landing`);
  await page.getByRole('link', { name: s.createAccountLink }).first().click();

  await expect(page.getByRole('heading', { level: 1, name: s.signupTitle })).toBeVisible();
  await page.getByLabel(s.email, { exact: true }).fill(address);
  await page.getByLabel(s.password, { exact: true }).fill(password);
  await shot(page, `${prefix}-02-signup-filled`);
  await page.getByRole('button', { name: s.signupSubmit }).click();

  await expect(page.getByRole('heading', { level: 1, name: s.verifyTitle })).toBeVisible();
  await expect(page.getByLabel(s.email, { exact: true })).toHaveValue(address);
  expect(page.url()).not.toContain(address.split('@')[0]!);
  await shot(page, `${prefix}-03-verify`);

  const code = await readCodeFromOutbox(page, address, `${prefix}-04-outbox`);
  await page.getByLabel(s.code, { exact: true }).fill(code);
  await page.getByRole('button', { name: s.verifySubmit }).click();

  await expect(page.getByRole('heading', { level: 1, name: s.signInTitle })).toBeVisible();
  await expect(page.getByText(s.verifiedNotice)).toBeVisible();
  await expect(page.getByLabel(s.email, { exact: true })).toHaveValue(address);
  await page.getByLabel(s.password, { exact: true }).fill(password);
  await shot(page, `${prefix}-05-sign-in`);
  await page.getByRole('button', { name: s.signInSubmit, exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: s.accountTitle })).toBeVisible();
  await expect(page.getByTestId('account-email')).toHaveText(address);
  await expect(page.getByText(s.verifiedBadge, { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: s.nextStepTitle })).toBeVisible();
  const me = await page.request.get('/api/v1/me');
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ kind: 'subscriber', email: address, email_verified: true, locale });
  await shot(page, `${prefix}-06-account`);
  return address;
}

export async function subscriberJourney(page: Page, s: SubscriberStrings, prefix: string, locale: 'en' | 'zh-CN') {
  await signUpAndSignIn(page, s, prefix, locale);
  await page.getByRole('button', { name: s.signOut }).click();
  await expect(page.getByText(s.signedOutNotice)).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  expect((await page.request.get('/api/v1/me')).status()).toBe(401);
  await shot(page, `${prefix}-07-signed-out`);
}
