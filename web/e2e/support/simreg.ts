// Test-side access to the server under test: the CLI (same binary and data directory as the
// webServer in playwright.config.ts: staff accounts, SIM lines in the inventory), screenshots,
// outbox reading through the UI, and a guard that fails a test when the page logs a CSP violation
// or an uncaught error.
import { test as base, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('../..', import.meta.url));
const screenshotDir = resolve(webDir, '../test-results/screenshots');

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set; run through playwright.config.ts`);
  return value;
}

export interface StaffCredentials {
  id: string;
  email: string;
  roles: string[];
  one_time_password: string;
  totp_secret: string;
  totp_uri: string;
}

/** `simreg staff add --json` against the running server's data directory. */
export function addStaff(email: string, roles: string[]): StaffCredentials {
  const args = ['staff', 'add', '--email', email, ...roles.flatMap((r) => ['--role', r]), '--json', '--data-dir', env('SIMREG_E2E_DATA_DIR')];
  const out = execFileSync(env('SIMREG_E2E_BIN'), args, { encoding: 'utf8' });
  const line = out.trim().split('\n').filter((l) => l.trim().startsWith('{')).pop();
  if (line === undefined) throw new Error(`simreg staff add printed no JSON: ${out}`);
  return JSON.parse(line) as StaffCredentials;
}

/** A unique address per run and retry, so reruns against one data directory don't collide. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}@example.test`;
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: resolve(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * Reads the newest 6-digit code sent to `address`, the way a person would: opens /demo/outbox in
 * a second tab, filters by the address and reads the newest message. Retries while the outbox
 * worker hasn't delivered yet. `skip` lists codes already used (a resend must bring a new one).
 */
export async function readCodeFromOutbox(page: Page, address: string, screenshotName?: string, skip: string[] = []): Promise<string> {
  const outbox = await page.context().newPage();
  try {
    await outbox.goto('/demo/outbox');
    let code: string | null = null;
    for (let attempt = 0; attempt < 20 && code === null; attempt++) {
      await outbox.getByLabel(/^(Recipient|收件人)$/).fill(address);
      await outbox.getByRole('button', { name: /Show messages|显示消息/ }).click();
      const first = outbox.getByTestId('outbox-message').first();
      if (await first.isVisible().catch(() => false)) {
        const body = await first.locator('.message__body').innerText();
        const match = /\b(\d{6})\b/.exec(body);
        if (match?.[1] !== undefined && !skip.includes(match[1])) code = match[1];
      }
      if (code === null) await outbox.waitForTimeout(500);
    }
    if (code === null) throw new Error(`no 6-digit code in the demo outbox for ${address}`);
    if (screenshotName !== undefined) await shot(outbox, screenshotName);
    return code;
  } finally {
    await outbox.close();
  }
}

/** Asserts the horizontal scroll width fits the viewport (no sideways scrolling on phones). */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, 'page is wider than the viewport').toBeLessThanOrEqual(clientWidth);
}

/** `test` with an automatic guard: CSP violations and uncaught page errors fail the test. */
export const test = base.extend<{ pageGuard: void }>({
  pageGuard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (msg) => {
        const text = msg.text();
        if (/Content Security Policy|Refused to (load|apply|execute)/i.test(text)) problems.push(text);
      });
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      await use();
      expect(problems, 'CSP violations or uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export interface DemoLine {
  /** E.164, as the server stores it and the outbox addresses it. */
  msisdn: string;
  /** The same number as a person in the country types it. */
  national: string;
  iccid: string;
}

/** Appends the ITU-T E.118 (Luhn) check digit. */
export function withLuhn(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits + String((10 - (sum % 10)) % 10);
}

/**
 * A fresh line in the SIM inventory, unique per call (specs must not share a line: a line linked
 * by one subscriber cannot be claimed by another), imported with `simreg sims import`.
 */
export function seedLine(): DemoLine {
  const tail = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  const line: DemoLine = {
    msisdn: `+86139${tail}`,
    national: `139 ${tail.slice(0, 4)} ${tail.slice(4)}`,
    iccid: withLuhn(`898600${String(Date.now()).slice(-7)}${tail.slice(0, 5)}`),
  };
  const dataDir = env('SIMREG_E2E_DATA_DIR');
  const csv = resolve(dataDir, `e2e-line-${tail}.csv`);
  writeFileSync(csv, `msisdn,iccid\n${line.msisdn},${line.iccid}\n`);
  execFileSync(env('SIMREG_E2E_BIN'), ['sims', 'import', csv, '--data-dir', dataDir], { encoding: 'utf8' });
  return line;
}
