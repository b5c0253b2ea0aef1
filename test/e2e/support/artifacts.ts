// What the browser tests keep for people to look at after a run: full-page screenshots, as PNGs in one directory
// ($ZY_E2E_ARTIFACTS, else /tmp/zy-e2e-artifacts), named for what they show (`gia-day-1-queue`).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

export const ARTIFACTS_DIR = process.env.ZY_E2E_ARTIFACTS || '/tmp/zy-e2e-artifacts';

/**
 * Saves a screenshot of `page` as `<name>.png` in the artefact directory and returns its path: the whole page, or
 * only what the window shows with `{ fullPage: false }`.
 */
export async function keepScreenshot(page: Page, name: string, { fullPage = true } = {}): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}
