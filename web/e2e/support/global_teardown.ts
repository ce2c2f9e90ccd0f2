// Removes the fresh data directory made by playwright.config.ts once the run is over
// (set SIMREG_E2E_KEEP_DATA=1 to keep it for debugging a failed run).
import { rmSync } from 'node:fs';

export default function globalTeardown(): void {
  const dir = process.env.SIMREG_E2E_DATA_DIR;
  if (dir === undefined || dir === '' || process.env.SIMREG_E2E_KEEP_DATA === '1') return;
  rmSync(dir, { recursive: true, force: true });
}
