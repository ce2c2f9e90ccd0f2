// The registration journey a new subscriber walks on a phone, written once and run per language
// with that language's visible text: link a demo line with the SMS code from the demo outbox, fill
// the identity form rendered from the profile, upload a blurred ID photo and be told at once that it
// is blurred and what to do, replace it, add the other photos, review and declare, submit, and see
// the application pending with its due date (on the status page and on the account home).
import type { Page } from '@playwright/test';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, expectNoHorizontalScroll, readCodeFromOutbox, shot, type DemoLine } from './simreg';
import { kSubscriberPassword, type SubscriberStrings } from './subscriber_flow';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const kPhotos = {
  front: resolve(fixtures, 'id_front.jpg'),
  frontBlurred: resolve(fixtures, 'id_front_blurred.jpg'),
  back: resolve(fixtures, 'id_back.jpg'),
  selfie: resolve(fixtures, 'selfie.jpg'),
};

export interface RegistrationStrings {
  linkLine: string;
  linkTitle: string;
  msisdn: string;
  sendCode: string;
  codeTitle: string;
  smsCode: string;
  confirmLink: string;
  linkedNotice: (msisdn: string) => string;
  unregistered: string;
  startRegistration: string;
  startTitle: string;
  startSubmit: string;
  identityHeading: string;
  fullName: string;
  dateOfBirth: string;
  female: string;
  nationality: string;
  address: string;
  residentId: string;
  documentNumber: string;
  numberHint: string;
  expiry: string;
  contactPhone: string;
  continueButton: string;
  documentsHeading: string;
  blurredMessage: string;
  blurredHint: string;
  accepted: string;
  reviewHeading: string;
  show: string;
  declaration: string;
  declare: string;
  submit: string;
  statusTitle: string;
  submittedNotice: string;
  submittedStatus: string;
  dueLabel: string;
  pendingLine: string;
  nextPending: (date: string) => string;
  person: { fullName: string; address: string };
  myAccount: string;
  continueRegistration: string;
}

/** When given, the journey signs out after the identity step and back in, and resumes the draft. */
export interface SignOutMidway {
  email: string;
  strings: SubscriberStrings;
}

// A valid GB 11643 number for a woman born 1990-03-07 (check digit computed, not a real person).
export const kIdNumber = '110105199003070025';

/** Appends the GB 11643 (ISO 7064 MOD 11-2) check character to 17 digits. */
export function withGbCheck(seventeen: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...seventeen].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return seventeen + '10X98765432'[sum % 11]!;
}

/**
 * Another valid number for the same woman (born 1990-03-07), unique per call: a spec whose case
 * must not be flagged as a duplicate document (which needs a supervisor) uses its own number.
 */
export function freshIdNumber(): string {
  let sequence: string;
  do {
    // The 17th digit is even for women.
    sequence = String(10 + Math.floor(Math.random() * 89)).padStart(2, '0') + String(2 * Math.floor(Math.random() * 5));
  } while (sequence === '002');
  return withGbCheck(`11010519900307${sequence}`);
}
const kDateOfBirth = '1990-03-07';
const kExpiry = '2036-03-07';

/** The due date as the page formats it (the person's locale and time zone). */
async function formattedInPage(page: Page, iso: string, locale: string): Promise<string> {
  return page.evaluate(
    ([when, loc]) =>
      new Intl.DateTimeFormat(loc, {
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        timeZoneName: 'short',
      }).format(new Date(when!)),
    [iso, locale],
  );
}

export async function registerLine(
  page: Page,
  s: RegistrationStrings,
  prefix: string,
  locale: 'en' | 'zh-CN',
  line: DemoLine,
  signOutMidway?: SignOutMidway,
  idNumber: string = kIdNumber,
): Promise<string> {
  // ---- Link the line (proof of possession) ----
  await page.getByTestId('next-step').getByRole('link', { name: s.linkLine }).click();
  await expect(page.getByRole('heading', { level: 1, name: s.linkTitle })).toBeVisible();
  await page.getByLabel(s.msisdn, { exact: true }).fill(line.national);
  await expectNoHorizontalScroll(page);
  await shot(page, `${prefix}-07-link-number`);
  await page.getByRole('button', { name: s.sendCode }).click();
  await expect(page.getByRole('heading', { level: 1, name: s.codeTitle })).toBeVisible();
  expect(page.url()).not.toContain(line.msisdn.slice(1));
  const smsCode = await readCodeFromOutbox(page, line.msisdn, `${prefix}-08-sms-outbox`);
  await page.getByLabel(s.smsCode, { exact: true }).fill(smsCode);
  await shot(page, `${prefix}-09-link-code`);
  await page.getByRole('button', { name: s.confirmLink }).click();

  await expect(page.getByText(s.linkedNotice(line.msisdn))).toBeVisible();
  const lineItem = page.getByTestId('line').filter({ hasText: line.msisdn });
  await expect(lineItem.getByTestId('line-status')).toHaveText(s.unregistered);
  await expectNoHorizontalScroll(page);
  await shot(page, `${prefix}-10-home-linked`);

  // ---- Start the application ----
  await page.getByTestId('next-step').getByRole('link', { name: s.startRegistration }).click();
  await expect(page.getByRole('heading', { level: 1, name: s.startTitle })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: new RegExp(line.msisdn.replace('+', '\\+')) })).toBeChecked();
  await page.getByRole('button', { name: s.startSubmit }).click();

  // ---- Identity, rendered from the profile; each field saves on blur ----
  await expect(page.getByRole('heading', { level: 1, name: s.identityHeading })).toBeVisible();
  await page.getByLabel(s.fullName, { exact: true }).fill(s.person.fullName);
  await page.getByLabel(s.dateOfBirth, { exact: true }).fill(kDateOfBirth);
  await page.getByLabel(s.female, { exact: true }).check();
  await page.getByLabel(s.nationality, { exact: true }).selectOption('CN');
  await page.getByLabel(s.address, { exact: true }).fill(s.person.address);
  await page.getByLabel(s.residentId, { exact: true }).check();
  await expect(page.getByText(s.numberHint)).toBeVisible();
  await page.getByLabel(s.documentNumber, { exact: true }).fill(idNumber);
  await page.getByLabel(s.expiry, { exact: true }).fill(kExpiry);
  await page.getByLabel(s.contactPhone, { exact: true }).fill(line.national);
  await page.getByLabel(s.fullName, { exact: true }).focus(); // blur the last field: it saves
  await expect(page.locator('.field--invalid')).toHaveCount(0);
  const applicationPath = `/api/v1/applications/${new URL(page.url()).pathname.split('/')[2]}`;
  await expect
    .poll(async () => ((await (await page.request.get(applicationPath)).json()) as { missing: string[] }).missing.filter((m) => m.startsWith('/identity/')))
    .toEqual([]);
  await expectNoHorizontalScroll(page);
  await shot(page, `${prefix}-11-identity`);

  // The draft lives on the server: a reload reopens it with every value kept.
  await page.reload();
  await expect(page.getByLabel(s.documentNumber, { exact: true })).toHaveValue(idNumber);
  await expect(page.getByLabel(s.female, { exact: true })).toBeChecked();
  if (signOutMidway !== undefined) {
    // The draft also survives signing out: sign in again and the home page offers to continue,
    // which reopens the wizard at the first incomplete step (the photos).
    const sub = signOutMidway.strings;
    await page.getByRole('navigation').getByRole('link', { name: s.myAccount }).click();
    await page.getByRole('button', { name: sub.signOut }).click();
    await expect(page.getByText(sub.signedOutNotice)).toBeVisible();
    await page.getByLabel(sub.email, { exact: true }).fill(signOutMidway.email);
    await page.getByLabel(sub.password, { exact: true }).fill(kSubscriberPassword);
    await page.getByRole('button', { name: sub.signInSubmit, exact: true }).click();
    await page.getByTestId('next-step').getByRole('link', { name: s.continueRegistration }).click();
  } else {
    await page.getByRole('button', { name: s.continueButton }).click();
  }

  // ---- Documents: a blurred photo is refused at once, with what to do ----
  await expect(page.getByRole('heading', { level: 1, name: s.documentsHeading })).toBeVisible();
  const front = page.getByTestId('upload-id_front');
  await page.locator('#upload-id_front').setInputFiles(kPhotos.frontBlurred);
  const blurred = front.locator('[data-code="image.blurred"]');
  await expect(blurred).toBeVisible({ timeout: 30_000 });
  await expect(blurred).toContainText(s.blurredMessage);
  await expect(blurred).toContainText(s.blurredHint);
  await blurred.scrollIntoViewIfNeeded();
  await expectNoHorizontalScroll(page);
  await shot(page, `${prefix}-12-blurred-photo`);

  await page.locator('#upload-id_front').setInputFiles(kPhotos.front);
  await expect(front.getByTestId('quality-accepted')).toContainText(s.accepted, { timeout: 30_000 });
  await expect(front.locator('[data-code="image.blurred"]')).toHaveCount(0);
  await page.locator('#upload-id_back').setInputFiles(kPhotos.back);
  await expect(page.getByTestId('upload-id_back').getByTestId('quality-accepted')).toBeVisible({ timeout: 30_000 });
  await page.locator('#upload-selfie').setInputFiles(kPhotos.selfie);
  await expect(page.getByTestId('upload-selfie').getByTestId('quality-accepted')).toBeVisible({ timeout: 30_000 });
  await expectNoHorizontalScroll(page);
  await shot(page, `${prefix}-13-photos-accepted`);
  await page.getByRole('button', { name: s.continueButton }).click();

  // ---- Review and declare ----
  await expect(page.getByRole('heading', { level: 1, name: s.reviewHeading })).toBeVisible();
  const review = page.getByTestId('review-identity');
  await expect(review).toContainText(s.person.fullName);
  await expect(page.getByTestId('document-number')).not.toHaveText(idNumber);
  await expect(page.getByTestId('document-number')).toHaveText(new RegExp(`${idNumber.slice(-4)}$`));
  await page.getByRole('button', { name: new RegExp(`^${s.show}`) }).click();
  await expect(page.getByTestId('document-number')).toHaveText(idNumber);
  await expect(page.getByText(s.declaration)).toBeVisible();
  await page.getByLabel(s.declare, { exact: true }).check();
  await expectNoHorizontalScroll(page);
  await shot(page, `${prefix}-14-review`);
  await page.getByRole('button', { name: s.submit }).click();

  // ---- Submitted: pending, with the due date in the person's locale and time zone ----
  await expect(page.getByRole('heading', { level: 1, name: s.statusTitle })).toBeVisible();
  await expect(page.getByText(s.submittedNotice)).toBeVisible();
  await expect(page.getByTestId('application-status')).toHaveText(s.submittedStatus);
  await expect(page.getByText(s.dueLabel, { exact: true })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(applicationPath.replace('/api/v1', ''));
  const api = await page.request.get(applicationPath);
  expect(api.status()).toBe(200);
  const application = (await api.json()) as { id: string; status: string; due_at: string; submitted_at: string; identity: Record<string, string> };
  expect(application.status).toBe('submitted');
  expect(Date.parse(application.due_at)).toBeGreaterThan(Date.parse(application.submitted_at));
  expect(application.identity.document_number).toBe(idNumber);
  await expect(page.getByTestId('due-at')).toHaveText(await formattedInPage(page, application.due_at, locale));
  await expectNoHorizontalScroll(page);
  await shot(page, `${prefix}-15-status-pending`);

  // The account home now says the line is pending review, with the same due date.
  await page.goto('/');
  await expect(lineItem.getByTestId('line-status')).toHaveText(s.pendingLine);
  await expect(page.getByTestId('next-pending')).toHaveText(s.nextPending(await formattedInPage(page, application.due_at, locale)));
  await expectNoHorizontalScroll(page);
  await shot(page, `${prefix}-16-home-pending`);
  return application.id;
}
