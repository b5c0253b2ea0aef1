// Steps a person takes in the console, written once for all browser tests.
import fs from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { newContext } from './browser.js';
import { DEMO_PASSWORD } from './platform.js';

/** Signs in through the form (labels, Enter submits) and waits to leave the sign-in page. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByLabel('密码').press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 15_000 });
}

/** A page of its own browser context (its own session), signed in as `username`. */
export async function signedInPage(browser: Browser, baseURL: string, username: string): Promise<Page> {
  const page = await (await newContext(browser, baseURL)).newPage();
  await signIn(page, username);
  return page;
}

/** The labels of the side menu's entries, in order (without the badges counting what waits). */
export async function menuLabels(page: Page): Promise<string[]> {
  const menu = page.getByTestId('main-menu');
  await menu.waitFor();
  return menu.locator('.ant-menu-item').evaluateAll((items) =>
    items.map((item) => {
      // runs in the page: the DOM's types are not this file's (no "dom" lib in the test build)
      const copy = item.cloneNode(true) as typeof item;
      copy.querySelectorAll('.zy-menu-count').forEach((b: { remove(): void }) => b.remove());
      return (copy.textContent ?? '').trim();
    }),
  );
}

/** The badge of a menu entry (what waits behind it; api/console-counts.ts), 0 when it shows none. */
export async function menuCount(page: Page, key: string): Promise<number> {
  await page.getByTestId('main-menu').waitFor();
  const badge = page.getByTestId(`menu-count-${key}`);
  if (!(await badge.count())) return 0;
  return Number(await badge.getAttribute('data-count'));
}

/** Picks an option of an Ant Design Select by typing into it (its search) and pressing Enter. */
export async function pickOption(page: Page, combobox: ReturnType<Page['locator']>, text: string): Promise<void> {
  await combobox.click();
  await combobox.fill(text);
  await page.locator('.ant-select-item-option-active:visible').first().waitFor();
  await combobox.press('Enter');
}

/** A minimal real PDF (the server sniffs the content, not the name). */
export { PDF } from '../../support/documents.js';

/**
 * Confirms an irreversible action in the dialog it opens, after checking that the dialog says what will happen
 * (`expects`, when given), and returns that summary.
 */
export async function confirmDecision(page: Page, expects?: string): Promise<string> {
  const summary = page.getByTestId('confirm-summary');
  await summary.waitFor();
  const text = await summary.innerText();
  if (expects !== undefined && !text.includes(expects)) throw new Error(`the confirmation says "${text}", not "${expects}"`);
  await page.getByTestId('confirm-ok').click();
  // the decision's request runs meanwhile: seconds on a loaded CI machine (10 s was overrun once with both cores busy)
  await summary.waitFor({ state: 'detached', timeout: 30_000 });
  return text;
}

/** Clicks the download button `testId` and returns the file the browser saved: its suggested name and its bytes. */
export async function download(page: Page, testId: string): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), body: await fs.readFile((await file.path())!) };
}

/** A downloaded spreadsheet's sheets as rows of cell texts (the header row first), by sheet name. */
export async function readXlsx(body: Buffer): Promise<Map<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  return new Map(wb.worksheets.map((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
    return [sheet.name, rows];
  }));
}

/** GIA's review form filled in as a reviewer would: every Art. 8 dimension 符合 with a note, and the overall comment. */
export async function fillReview(page: Page, comment: string): Promise<void> {
  for (const d of ['need', 'intensiveness', 'feasibility', 'budget', 'performance']) {
    const card = page.getByTestId(`dimension-${d}`);
    await card.getByText('符合', { exact: true }).click();
    await card.getByLabel('说明').fill('符合要求');
  }
  await page.getByLabel('综合意见').fill(comment);
}

/**
 * Starts watching the page's requests and returns a wait for the network to be quiet: no request pending for
 * `quietMs`, event streams left out. Playwright's own 'networkidle' leaves out only the browser's EventSource; the
 * console reads its streams with fetch (to send the bearer token), and a stream never ends while the page is open.
 */
export function watchNetwork(page: Page, quietMs = 500): (timeoutMs?: number) => Promise<void> {
  const pending = new Set<unknown>();
  let lastChange = Date.now();
  const isStream = (r: { headers(): Record<string, string> }) => (r.headers().accept ?? '').includes('text/event-stream');
  page.on('request', (r) => {
    if (isStream(r)) return;
    pending.add(r);
    lastChange = Date.now();
  });
  const done = (r: unknown) => {
    if (pending.delete(r)) lastChange = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return async (timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (pending.size > 0 || Date.now() - lastChange < quietMs) {
      if (Date.now() > deadline) throw new Error(`the network is not quiet after ${timeoutMs} ms: ${pending.size} requests pending`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
}
