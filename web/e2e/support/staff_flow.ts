// A staff member's first sign-in, as a person does it: the one-time password and a TOTP code, then
// the enrolment page (QR + key), a new password and a fresh code; ends on the staff home page.
import type { Page } from '@playwright/test';
import { expect, type StaffCredentials } from './simreg';
import { freshTotp } from './totp';

export const kStaffPassword = 'Granite-Orchard-Compass-77';

export async function firstStaffSignIn(page: Page, staff: StaffCredentials): Promise<void> {
  await page.goto('/staff/login');
  await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible();
  await page.getByLabel('E-mail address', { exact: true }).fill(staff.email);
  await page.getByLabel('Password', { exact: true }).fill(staff.one_time_password);
  await page.getByLabel('Authenticator code', { exact: true }).fill(await freshTotp(staff.totp_secret));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Finish setting up your account' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill(kStaffPassword);
  await page.getByLabel('Repeat the new password', { exact: true }).fill(kStaffPassword);
  await page.getByLabel('Authenticator code', { exact: true }).fill(await freshTotp(staff.totp_secret));
  await page.getByRole('button', { name: 'Save password and sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Staff home' })).toBeVisible();
}
