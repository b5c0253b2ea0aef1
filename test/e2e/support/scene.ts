// One platform and one browser for a browser test file, and the API for arranging each test's data through the
// factories of test/support (the same `Api` the API tests use): `useBrowserScene()` at the top of the file.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Api } from '../../support/scene.js';
import { apiClient } from './api.js';
import { launchBrowser, newContext } from './browser.js';
import { startE2EPlatform, type E2EPlatform } from './platform.js';
import { signIn } from './ui.js';

export interface BrowserScene {
  readonly t: E2EPlatform;
  readonly browser: Browser;
  /** the API as the factories take it, with the platform's movable "today" */
  readonly api: Api;
  /** a new browser context (zh-CN, Shanghai) signed in as `username`, on the page they land on */
  as(username: string): Promise<Page>;
}

/**
 * Starts the platform (with `settings`, more of its environment) and the browser for the file (beforeAll), puts
 * "today" back before each test, stops both after.
 */
export function useBrowserScene(settings: Record<string, string> = {}): BrowserScene {
  let t: E2EPlatform | undefined;
  let browser: Browser | undefined;
  let api: Api | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    t = await startE2EPlatform(settings);
    const platform = t;
    api = { call: apiClient(platform.url).call, today: () => platform.today(), setToday: (d) => platform.setToday(d) };
  }, 240_000);
  beforeEach(() => t?.setToday(null));
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });
  const need = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error('the browser scene is used before it started (call useBrowserScene at the top of the file)');
    return x;
  };
  return {
    get t() {
      return need(t);
    },
    get browser() {
      return need(browser);
    },
    get api() {
      return need(api);
    },
    async as(username) {
      const page = await (await newContext(need(browser), need(t).url)).newPage();
      await signIn(page, username);
      return page;
    },
  };
}
