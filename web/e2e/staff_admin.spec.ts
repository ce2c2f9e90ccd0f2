// Spec 3: a staff admin created with `simreg staff add` signs in with the one-time password, sees
// the TOTP QR, sets a new password with a fresh TOTP code, reaches the staff home and the admin
// page, adds a reviewer (one-time password + QR shown once) and disables it after confirming.
import { addStaff, expect, shot, test, uniqueEmail } from './support/simreg';
import { freshTotp } from './support/totp';

test('staff first sign-in → admin adds a reviewer → disables it', async ({ page }) => {
  const admin = addStaff(uniqueEmail('admin'), ['admin']);
  expect(admin.totp_secret).toMatch(/^[A-Z2-7]+=*$/);

  await page.goto('/staff/login');
  await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible();
  await page.getByLabel('E-mail address', { exact: true }).fill(admin.email);
  await page.getByLabel('Password', { exact: true }).fill(admin.one_time_password);
  await page.getByLabel('Authenticator code', { exact: true }).fill(await freshTotp(admin.totp_secret));
  await shot(page, 'staff-01-login');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();

  // First sign-in: QR and manual key, then the password change.
  await expect(page.getByRole('heading', { level: 1, name: 'Finish setting up your account' })).toBeVisible();
  const qr = page.getByRole('img', { name: /QR code/ });
  await expect(qr).toBeVisible();
  const qrInk = await qr.evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
    return dark;
  });
  expect(qrInk, 'the QR canvas has been drawn').toBeGreaterThan(1000);
  await expect(page.getByTestId('totp-secret')).toHaveText(admin.totp_secret.replace(/=+$/, '').replace(/(.{4})(?=.)/g, '$1 '));
  await shot(page, 'staff-02-first-sign-in-qr');

  const newPassword = 'Granite-Orchard-Compass-77';
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Repeat the new password', { exact: true }).fill(newPassword);
  await expect(page.getByLabel('One-time password from your administrator', { exact: true })).toHaveValue(admin.one_time_password);
  await page.getByLabel('Authenticator code', { exact: true }).fill(await freshTotp(admin.totp_secret));
  await shot(page, 'staff-03-first-sign-in-password');
  await page.getByRole('button', { name: 'Save password and sign in' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Staff home' })).toBeVisible();
  await expect(page.getByTestId('staff-email')).toHaveText(admin.email);
  await expect(page.getByText('Administrator', { exact: true })).toBeVisible();
  await shot(page, 'staff-04-home');

  await page.getByRole('link', { name: 'Manage staff accounts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Staff accounts' })).toBeVisible();
  await expect(page.getByTestId(`staff-row-${admin.email}`)).toBeVisible();
  await shot(page, 'staff-05-admin');

  // Add a reviewer.
  const reviewer = uniqueEmail('reviewer');
  const addForm = page.getByRole('form', { name: 'Add a staff member' });
  await addForm.getByLabel('E-mail address', { exact: true }).fill(reviewer);
  await addForm.getByLabel('Reviewer', { exact: true }).check();
  await addForm.getByRole('button', { name: 'Add staff member' }).click();
  const created = page.getByTestId('created-credentials');
  await expect(created.getByRole('heading', { name: `Account created for ${reviewer}` })).toBeVisible();
  await expect(created.getByTestId('one-time-password')).not.toBeEmpty();
  await expect(created.getByRole('img', { name: 'Authenticator QR code' })).toBeVisible();
  await shot(page, 'staff-06-reviewer-created');
  await created.getByRole('button', { name: /Done/ }).click();
  await expect(created).toHaveCount(0);

  const row = page.getByTestId(`staff-row-${reviewer}`);
  await expect(row).toContainText('Reviewer');
  await expect(row).toContainText('Active');

  // Disable it, after confirming.
  await row.getByRole('button', { name: 'Disable' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disable this account?' });
  await expect(dialog).toBeVisible();
  await shot(page, 'staff-07-confirm-disable');
  await dialog.getByRole('button', { name: 'Yes, disable the account' }).click();
  await expect(page.getByText(`${reviewer} is now disabled.`)).toBeVisible();
  await expect(row).toContainText('Disabled');
  await shot(page, 'staff-08-reviewer-disabled');

  // The server agrees.
  const list = await page.request.get('/api/v1/admin/staff');
  expect(list.status()).toBe(200);
  const items = ((await list.json()) as { items: Array<{ email: string; status: string; roles: string[] }> }).items;
  expect(items.find((s) => s.email === reviewer)).toMatchObject({ status: 'disabled', roles: ['reviewer'] });
});
