// Steps a person takes in the console, written once for all browser tests.
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

/** The labels of the side menu's entries, in order. */
export async function menuLabels(page: Page): Promise<string[]> {
  const menu = page.getByTestId('main-menu');
  await menu.waitFor();
  return (await menu.locator('.ant-menu-item').allInnerTexts()).map((s) => s.trim());
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
  await summary.waitFor({ state: 'detached' });
  return text;
}
