// Debian's Chromium driven by playwright-core (Playwright's own browser download does not work here).
// Without Chromium the browser tests fail with a clear message: nothing is skipped silently.
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the browser end-to-end tests need it. ` +
        'Install it with `apt-get update && apt-get install -y chromium` (.ci/run does this), or set CHROMIUM_PATH.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

/** A fresh browser context as a clerk in Yuncheng would have it: Chinese, Shanghai time, a desktop screen. */
export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 960 } });
  // fail a step well before the test's own timeout, with Playwright's account of what it waited for
  context.setDefaultTimeout(10_000);
  return context;
}
