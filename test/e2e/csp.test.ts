// The console works under the Content-Security-Policy (README "Hardening"): a user signs in and moves through the
// console in Chromium with the policy enforced, and no violation is reported; an inline script slipped into the page
// is blocked (the policy is enforced, not just sent).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newContext } from './support/browser.js';
import { useBrowserScene } from './support/scene.js';
import { signIn } from './support/ui.js';

const scene = useBrowserScene();

/** A page that collects what Chromium reports about the policy: violation events and console messages. */
async function watchedPage(): Promise<{ page: Page; violations: string[] }> {
  const page = await (await newContext(scene.browser, scene.t.url)).newPage();
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(`console: ${msg.text()}`);
  });
  await page.exposeFunction('__reportCsp', (v: string) => void violations.push(v));
  // runs in the page before its own scripts (the test build has no DOM types: a string)
  await page.addInitScript({ content: "document.addEventListener('securitypolicyviolation', (e) => window.__reportCsp(e.violatedDirective + ' ' + e.blockedURI));" });
  return { page, violations };
}

describe('the console under its Content-Security-Policy', { timeout: 90_000 }, () => {
  it('signs in and shows the lists without a single violation', async () => {
    const { page, violations } = await watchedPage();
    const first = await page.goto('/signin');
    expect(first?.headers()['content-security-policy']).toContain("script-src 'self'");
    await signIn(page, 'dept');
    await page.getByTestId('main-menu').waitFor();
    for (const path of ['/portal/projects', '/portal/projects/new', '/migration/systems']) {
      await page.goto(path);
      // the live badge keeps an event stream open, so the network never idles: the page's content is waited for
      await page.getByTestId('main-menu').waitFor();
      await page.locator('main, .ant-layout-content').first().waitFor();
      await page.waitForTimeout(1000);
    }
    // antd's run-time styles were applied (they are <style> elements the policy allows)
    expect(await page.locator('style').count()).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });

  it('blocks an inline script slipped into the page and reports it', async () => {
    const { page, violations } = await watchedPage();
    await page.goto('/signin');
    await page.evaluate("const s = document.createElement('script'); s.textContent = 'window.__injected = true'; document.body.appendChild(s);");
    await page.waitForTimeout(300);
    expect(await page.evaluate('window.__injected')).toBeUndefined();
    expect(violations.some((v) => v.includes('script-src'))).toBe(true);
  });
});
