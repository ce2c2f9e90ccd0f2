// Spec 1: a subscriber signs up, verifies the e-mail with the code from the outbox, signs in and
// signs out — in English.
import { kSubscriberStringsEn } from './support/strings_en';
import { subscriberJourney } from './support/subscriber_flow';
import { expect, test } from './support/simreg';

test('subscriber sign-up → verify → sign-in → sign-out (English)', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await subscriberJourney(
    page,
    kSubscriberStringsEn,
    'subscriber-en',
    'en',
  );
});
