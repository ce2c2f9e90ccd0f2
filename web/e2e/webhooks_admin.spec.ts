// Spec: an admin registers a webhook endpoint in the browser and watches it work. A receiver on
// loopback answers the first delivery with 500 and later ones with 204; a subscriber then submits a
// registration (application.submitted, sim.status_changed). The receiver checks each request's
// HMAC-SHA256 signature with the secret the page showed once, sees the same event id on the retry
// and no personal values in the bodies; the admin sees the delivery with both attempts, sends it
// once more on the receiver's behalf, then deactivates the endpoint after confirming.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freshIdNumber, registerLine } from './support/registration_flow';
import { addStaff, expect, seedLine, shot, test, uniqueEmail } from './support/simreg';
import { firstStaffSignIn } from './support/staff_flow';
import { kRegistrationStringsEn, kSubscriberStringsEn } from './support/strings_en';
import { signUpAndSignIn } from './support/subscriber_flow';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-GB', timezoneId: 'Europe/London' });

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

test('admin adds a webhook endpoint, deliveries are signed and retried, then it is deactivated', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const received: Received[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const answered = received.length === 0 ? 500 : 204;
      received.push({ headers: req.headers, body, answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/simreg-hook`;
  const secret = `e2e-${Date.now().toString(36)}-webhook-signing-secret`;

  try {
    // ---- The admin adds the endpoint; the secret is shown once ----
    const adminContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false, locale: 'en-GB' });
    const admin = await adminContext.newPage();
    await firstStaffSignIn(admin, addStaff(uniqueEmail('admin-hooks'), ['admin']));
    await admin.getByTestId('staff-tools').getByRole('link', { name: 'Webhooks' }).click();
    await expect(admin.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
    const form = admin.getByRole('form', { name: 'Add an endpoint' });
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(form.getByText('Choose at least one event.')).toBeVisible();
    await form.getByLabel('URL', { exact: true }).fill(url);
    await form.getByLabel(/^Application submitted/).check();
    await form.getByLabel(/^Line status changed/).check();
    await form.getByLabel(/^Signing secret/).fill(secret);
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    const created = admin.getByTestId('webhook-created');
    await expect(created.getByTestId('webhook-secret')).toHaveText(secret);
    await shot(admin, 'webhooks-01-created');
    await created.getByRole('button', { name: /^Done/ }).click();
    await expect(admin.getByTestId('webhook-secret')).toHaveCount(0);
    const row = admin.getByTestId('webhook-row').filter({ hasText: url });
    await expect(row).toContainText('Active');
    await expect(row).toContainText(secret.slice(-4));
    await expect(row).not.toContainText(secret);

    // ---- A subscriber submits a registration ----
    const line = seedLine();
    await page.goto('/');
    await signUpAndSignIn(page, kSubscriberStringsEn, 'webhooks-subscriber', 'en');
    const idNumber = freshIdNumber();
    const applicationId = await registerLine(page, kRegistrationStringsEn, 'webhooks-subscriber', 'en', line, undefined, idNumber);

    // ---- The receiver gets signed events; the failed one comes again with the same id ----
    await expect
      .poll(() => received.filter((r) => r.answered === 204 && r.headers['simreg-event-type'] === 'application.submitted').length, { timeout: 60_000 })
      .toBeGreaterThan(0);
    // The first request was answered 500: the same event comes again (retry base 1 s in these tests).
    const sameEvent = () => received.filter((r) => r.headers['simreg-event-id'] === received[0]!.headers['simreg-event-id']);
    await expect.poll(() => sameEvent().some((r) => r.answered === 204), { timeout: 60_000 }).toBe(true);
    for (const r of received) {
      const signature = String(r.headers['simreg-signature']);
      const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature);
      expect(match, signature).not.toBeNull();
      expect(createHmac('sha256', secret).update(`${match![1]}.${r.body}`).digest('hex')).toBe(match![2]);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(r.headers['user-agent']).toBe('simreg-webhooks/1');
      for (const personal of [idNumber, kRegistrationStringsEn.person.fullName, line.msisdn]) expect(r.body).not.toContain(personal);
      const event = JSON.parse(r.body) as { id: string; type: string; data: Record<string, unknown> };
      expect(event.id).toBe(r.headers['simreg-event-id']);
    }
    const first = received[0]!;
    const retried = sameEvent().find((r) => r.answered === 204)!;
    expect(retried.body, 'a redelivery carries the same body').toBe(first.body);
    const submitted = received.find((r) => r.headers['simreg-event-type'] === 'application.submitted')!;
    expect((JSON.parse(submitted.body) as { data: { application_id: string; status: string } }).data).toMatchObject({
      application_id: applicationId,
      status: 'submitted',
    });

    // ---- The admin sees the deliveries and their attempts ----
    await row.getByRole('button', { name: 'Deliveries' }).click();
    const deliveries = admin.getByTestId('delivery');
    await expect(deliveries.first()).toBeVisible();
    const retriedDelivery = deliveries.filter({ hasText: String(first.headers['simreg-event-id']) });
    await expect(retriedDelivery).toContainText('Delivered');
    await retriedDelivery.getByRole('button', { name: /^Show attempts \(\d+\)$/ }).click();
    const attempts = admin.getByTestId('delivery-attempt');
    await expect(attempts.first()).toContainText('500');
    await expect(attempts.nth(1)).toContainText('204');
    await shot(admin, 'webhooks-02-deliveries');

    // ---- The receiver lost that event: the admin sends it again, same id and body ----
    const firstId = String(first.headers['simreg-event-id']);
    const before = sameEvent().length;
    await retriedDelivery.getByRole('button', { name: `Send again: ${firstId}` }).click();
    await expect(admin.getByText(`Event ${firstId} will be sent again now.`)).toBeVisible();
    await expect.poll(() => sameEvent().length, { timeout: 30_000 }).toBe(before + 1);
    expect(sameEvent().at(-1)!.body).toBe(first.body);

    // ---- Deactivate, after confirming ----
    await row.getByRole('button', { name: 'Deactivate' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Deactivate this endpoint?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Yes, deactivate' }).click();
    await expect(admin.getByText(`The endpoint ${url} is deactivated.`)).toBeVisible();
    await expect(row).toContainText('Deactivated');
    await shot(admin, 'webhooks-03-deactivated');
    await adminContext.close();
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});
