// Playwright browser tests against the real server binary. The config computes one free port and
// one fresh data directory, publishes them through the environment (worker processes load this
// file again and must agree), and starts `simreg serve --demo` serving ./dist (built by `pree2e`).
import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('.', import.meta.url));

function freePort(): number {
  const script =
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close();});";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

process.env.SIMREG_E2E_PORT ??= String(freePort());
process.env.SIMREG_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'simreg-e2e-'));
process.env.SIMREG_E2E_BIN ??= resolve(webDir, process.env.SIMREG_BIN ?? '../build/simreg');

const port = process.env.SIMREG_E2E_PORT;
const dataDir = process.env.SIMREG_E2E_DATA_DIR;
const bin = process.env.SIMREG_E2E_BIN;

export default defineConfig({
  testDir: './e2e',
  testMatch: '*.spec.ts',
  // One server, single-use TOTP codes and shared demo outbox: run specs one after another.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  outputDir: '../test-results/playwright-output',
  globalTeardown: './e2e/support/global_teardown.ts',
  reporter: [['list'], ['junit', { outputFile: '../test-results/browser-junit.xml' }]],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: 'en-US',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-background-networking',
            '--disable-gpu',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    // --log-level warn: the per-request log lines would bury the test report; warnings still show.
    command: `"${bin}" serve --demo --data-dir "${dataDir}" --listen 127.0.0.1:${port} --web-root ./dist --log-level warn`,
    cwd: webDir,
    url: `http://127.0.0.1:${port}/readyz`,
    // Fast webhook retries (a receiver that fails once is retried within seconds) and every approval
    // sampled for a second review, so the back-office specs see both. Older binaries ignore them.
    env: { ...(process.env as Record<string, string>), SIMREG_WEBHOOK_RETRY_BASE_SECONDS: '1', SIMREG_REVIEW_SAMPLE_RATE: '1' },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
