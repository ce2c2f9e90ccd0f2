// Spec: the review round trip (issue 4 §8). A subscriber registers a line on a phone with photos the
// upload check accepts; a reviewer created with `simreg staff add` signs in with TOTP on a laptop,
// takes the next case from the keyboard and asks for a resubmission because the photo looks blurred
// to them (image.blurred); the subscriber sees that reason with what to do, replaces the photo and
// submits again; the reviewer takes the case again and approves it; the subscriber's line shows as
// registered. Cases other specs left in the queue (due earlier) are escalated to a supervisor so the
// reviewer's "next case" reaches this one.
import type { Page } from '@playwright/test';
import { freshIdNumber, kPhotos, registerLine } from './support/registration_flow';
import { addStaff, expect, seedLine, shot, test, uniqueEmail } from './support/simreg';
import { firstStaffSignIn } from './support/staff_flow';
import { kRegistrationStringsEn, kSubscriberStringsEn } from './support/strings_en';
import { signUpAndSignIn } from './support/subscriber_flow';

test.use({
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  locale: 'en-GB',
  timezoneId: 'Europe/London',
  actionTimeout: 20_000,
});

const kBlurredMessage = 'The photo is blurred.';
const kBlurredHint = 'Hold the phone steady, tap the screen to focus, and take it again.';

/** Fails the test on CSP violations or uncaught errors in a page the automatic guard doesn't watch. */
function watch(page: Page, problems: string[]): void {
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content Security Policy|Refused to (load|apply|execute)/i.test(text)) problems.push(text);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
}

/** On the queue page: "n" until this application's case is open; other cases go to a supervisor. */
async function takeCase(reviewer: Page, applicationId: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    // A fresh queue page, so no earlier "queue is empty" state can answer for this press.
    await reviewer.goto('/staff/review');
    await expect(reviewer.getByRole('heading', { level: 1, name: 'Review queue' })).toBeVisible();
    await expect(reviewer.getByTestId('queue-counts')).toBeVisible();
    await reviewer.keyboard.press('n');
    const casePage = reviewer.getByTestId('case-page');
    await expect(casePage.or(reviewer.getByTestId('queue-empty'))).toBeVisible();
    if (!(await casePage.isVisible())) throw new Error(`the queue ran empty before case ${applicationId}`);
    if ((await casePage.getAttribute('data-case')) === applicationId) return;
    await reviewer.keyboard.press('e');
    const note = reviewer.getByLabel(/^Note for the supervisor/);
    await expect(note).toBeFocused();
    await reviewer.keyboard.type('Not part of the review_flow browser test.');
    await reviewer.keyboard.press('Enter');
    await expect(reviewer.getByText('The case was escalated to a supervisor.')).toBeVisible();
  }
  throw new Error(`case ${applicationId} never came up`);
}

/** After a decision the next case opens by itself; release any other case and go to the queue. */
async function settleAfterDecision(reviewer: Page, applicationId: string): Promise<void> {
  // The decided case stays on screen until the server has answered.
  await expect(reviewer.locator(`[data-testid="case-page"][data-case="${applicationId}"]`)).toHaveCount(0);
  const casePage = reviewer.getByTestId('case-page');
  const empty = reviewer.getByTestId('queue-empty');
  await expect(casePage.or(empty)).toBeVisible();
  if (await casePage.isVisible()) {
    expect(await casePage.getAttribute('data-case')).not.toBe(applicationId);
    await reviewer.keyboard.press('Escape');
    await expect(reviewer.getByRole('dialog', { name: 'Release this case?' })).toBeVisible();
    await reviewer.keyboard.press('Enter');
    await expect(reviewer.getByText('The case went back to the queue.')).toBeVisible();
  } else {
    await expect(empty).toContainText('Decision saved. There is no other case for you right now.');
  }
}

test('reviewer requests a resubmission for a blurred photo, the subscriber fixes it, the reviewer approves', async ({ page, browser }) => {
  test.setTimeout(420_000);
  const prefix = 'review-flow';

  // ---- The subscriber registers a line (accepted photos) ----
  const line = seedLine();
  await page.goto('/');
  const subscriberEmail = await signUpAndSignIn(page, kSubscriberStringsEn, `${prefix}-subscriber`, 'en');
  const applicationId = await registerLine(page, kRegistrationStringsEn, `${prefix}-subscriber`, 'en', line, undefined, freshIdNumber());

  // ---- A reviewer signs in with TOTP on a laptop ----
  const reviewerContext = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    isMobile: false,
    hasTouch: false,
    deviceScaleFactor: 1,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  const reviewer = await reviewerContext.newPage();
  const problems: string[] = [];
  watch(reviewer, problems);
  const staff = addStaff(uniqueEmail('reviewer'), ['reviewer']);
  await firstStaffSignIn(reviewer, staff);
  await reviewer.getByRole('link', { name: 'Review queue' }).first().click();
  await expect(reviewer.getByRole('heading', { level: 1, name: 'Review queue' })).toBeVisible();
  await expect(reviewer.getByTestId('queue-counts')).toBeVisible();
  const ourRow = reviewer.locator(`[data-testid="queue-row"][data-case="${applicationId}"]`);
  await expect(ourRow).toContainText('W');
  await expect(ourRow).not.toContainText(kRegistrationStringsEn.person.fullName);
  await shot(reviewer, `${prefix}-01-queue`);

  // ---- Next case, side by side; zoom and rotate from the keyboard ----
  await takeCase(reviewer, applicationId);
  await expect(reviewer.getByTestId('identity-full_name')).toHaveText(kRegistrationStringsEn.person.fullName);
  await expect(reviewer.getByTestId('lease')).toContainText(/Your claim ends in 1[45]:\d\d/);
  const image = reviewer.getByTestId('document-image');
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const layout = await reviewer.evaluate(() => {
    const docs = document.querySelector('.case-layout__docs')!.getBoundingClientRect();
    const data = document.querySelector('.case-layout__data')!.getBoundingClientRect();
    return { docsRight: docs.right, dataLeft: data.left, sameRow: Math.abs(docs.top - data.top) < 5 };
  });
  expect(layout.sameRow, 'documents and data side by side').toBe(true);
  expect(layout.docsRight).toBeLessThanOrEqual(layout.dataLeft);
  await reviewer.keyboard.press('+');
  await reviewer.keyboard.press('r');
  await expect(reviewer.getByTestId('viewer-zoom')).toHaveText('Zoom 125%, rotated 90°');
  await shot(reviewer, `${prefix}-02-case-zoomed`);
  await reviewer.keyboard.press('0');
  await reviewer.keyboard.press(']');
  await expect(reviewer.getByRole('tab', { name: 'Back of your ID document' })).toHaveAttribute('aria-selected', 'true');
  await reviewer.keyboard.press('[');

  // ---- "s": request a resubmission, reason image.blurred, all from the keyboard ----
  await reviewer.keyboard.press('s');
  const panel = reviewer.getByTestId('decision-panel');
  await expect(panel.getByRole('heading', { name: 'Ask the subscriber to fix and resubmit' })).toBeVisible();
  await expect(panel.locator('[data-code="document.forged"]')).toHaveCount(0);
  const filter = panel.getByRole('combobox', { name: 'Filter reasons' });
  await expect(filter).toBeFocused();
  await reviewer.keyboard.type('blurred');
  await expect(panel.getByRole('option')).toHaveCount(1);
  await reviewer.keyboard.press(' ');
  await expect(panel.locator('[data-code="image.blurred"]')).toHaveAttribute('aria-selected', 'true');
  await reviewer.keyboard.press('Tab');
  await expect(panel.getByLabel(/^Note/)).toBeFocused();
  await reviewer.keyboard.type('The front of the ID card looks blurred. Please take it again.');
  await shot(reviewer, `${prefix}-03-request-resubmission`);
  await reviewer.keyboard.press('Enter');
  await settleAfterDecision(reviewer, applicationId);
  await shot(reviewer, `${prefix}-04-after-decision`);

  // ---- The subscriber sees the reason with what to do, fixes the photo and submits again ----
  await page.goto(`/applications/${applicationId}`);
  await expect(page.getByTestId('application-status')).toHaveText('Changes requested');
  const decision = page.getByTestId('decision');
  await expect(decision.locator('[data-code="image.blurred"]')).toContainText(kBlurredMessage);
  await expect(decision.locator('[data-code="image.blurred"]')).toContainText(kBlurredHint);
  await expect(decision).toContainText('The front of the ID card looks blurred. Please take it again.');
  await shot(page, `${prefix}-05-subscriber-changes-requested`);
  await page.goto('/');
  await expect(page.getByTestId('line').filter({ hasText: line.msisdn }).getByTestId('line-status')).toHaveText('Not registered');
  await page.goto(`/applications/${applicationId}`);
  await page.getByTestId('fix-and-resubmit').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Step 2 of 3: Photos' })).toBeVisible();
  const front = page.getByTestId('upload-id_front');
  await page.locator('#upload-id_front').setInputFiles(kPhotos.front);
  await expect(front.getByTestId('quality-accepted')).toBeVisible({ timeout: 30_000 });
  await shot(page, `${prefix}-06-subscriber-photo-replaced`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Step 3 of 3: Review and declare' })).toBeVisible();
  await page.getByLabel(kRegistrationStringsEn.declare, { exact: true }).check();
  await page.getByRole('button', { name: /^(Submit again|Submit registration)$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your registration' })).toBeVisible();
  await expect(page.getByTestId('application-status')).toHaveText('Submitted');
  await shot(page, `${prefix}-07-subscriber-resubmitted`);

  // ---- The reviewer takes it again: the earlier decision is on the case; approve ----
  await takeCase(reviewer, applicationId);
  const previous = reviewer.getByTestId('previous-decisions');
  await expect(previous).toContainText('Resubmission requested');
  await expect(previous.locator('[data-code="image.blurred"]')).toContainText(kBlurredMessage);
  await expect(reviewer.getByText('No. 2')).toBeVisible();
  await reviewer.keyboard.press('a');
  await expect(reviewer.getByTestId('decision-panel').getByRole('heading', { name: 'Approve this registration' })).toBeVisible();
  await shot(reviewer, `${prefix}-08-approve`);
  await reviewer.keyboard.press('Enter');
  await settleAfterDecision(reviewer, applicationId);

  // ---- The subscriber's line is registered, and they were told ----
  await page.goto(`/applications/${applicationId}`);
  await expect(page.getByTestId('application-status')).toHaveText('Approved');
  await expect(page.getByText('Approved: your lines are registered.')).toBeVisible();
  await page.goto('/');
  await expect(page.getByTestId('line').filter({ hasText: line.msisdn }).getByTestId('line-status')).toHaveText('Registered');
  await shot(page, `${prefix}-09-subscriber-registered`);
  await expect
    .poll(async () => {
      const answer = await page.request.get(`/api/v1/demo/outbox?to=${encodeURIComponent(subscriberEmail)}`);
      const items = ((await answer.json()) as { items: Array<{ template: string }> }).items;
      return items.map((m) => m.template);
    })
    .toEqual(expect.arrayContaining(['application.resubmission_requested', 'application.approved']));

  await reviewerContext.close();
  expect(problems, 'CSP violations or uncaught errors in the reviewer page').toEqual([]);
});
