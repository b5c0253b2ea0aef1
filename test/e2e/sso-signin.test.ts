// Single sign-on in the browser: 「统一身份认证登录」 on the sign-in page leads to the identity platform (a real
// oidc-provider on loopback), whose own sign-in and consent forms send the browser back; the console takes the
// ticket out of the address, opens the session and lands the user on their home page, signed in. A person the
// platform knows but this one does not sees the refusal in Chinese with the way back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, newContext } from './support/browser.js';
import { startE2EPlatform, type E2EPlatform } from './support/platform.js';
import { startOidcPeer, type OidcPeer } from '../support/oidc-peer.js';
import { freePort } from '../support/smtp-peer.js';

let t: E2EPlatform;
let idp: OidcPeer;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  // the redirect URI is registered at the provider before the platform listens, so the port is chosen first
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  idp = await startOidcPeer(`${url}/api/auth/oidc/callback`, { 'zhang.teacher': { preferred_username: 'dept' }, stranger: { preferred_username: 'li-not-here' } });
  t = await startE2EPlatform({ PORT: String(port), ZY_PUBLIC_URL: url, ...idp.env() });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
  await idp?.stop();
});

/** From our sign-in page through the platform's forms, as `who`. */
async function throughPlatform(page: Page, who: string) {
  await page.goto('/signin');
  await page.getByRole('link', { name: '统一身份认证登录' }).click();
  await page.waitForURL((u) => u.origin === idp.issuer);
  await page.locator('input[name="login"]').fill(who);
  await page.locator('input[name="password"]').fill('the-platform-checks-this');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

describe('single sign-on in the console', { timeout: 60_000 }, () => {
  it('offers 统一身份认证登录 above the password form, accessibly', async () => {
    const page = await (await newContext(browser, t.url)).newPage();
    await page.goto('/signin');
    await page.getByRole('link', { name: '统一身份认证登录' }).waitFor();
    await expect.poll(() => page.getByLabel('用户名').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('signs a department user in through the identity platform and lands them on their home page', async () => {
    const page = await (await newContext(browser, t.url)).newPage();
    await throughPlatform(page, 'zhang.teacher');
    await page.waitForURL((u) => u.origin === t.url && !u.pathname.startsWith('/signin'), { timeout: 15_000 });
    expect(new URL(page.url()).hash).toBe('');
    await expect.poll(() => page.getByText('张老师（市教育局）').first().isVisible()).toBe(true);
    // the session is the console's usual one: it reads the user's projects
    const session = JSON.parse((await page.evaluate<string | null>('sessionStorage.getItem("zy.session")')) ?? '{}');
    expect(session.user.username).toBe('dept');
    expect(session.token).toMatch(/^zy_/);
    await page.context().close();
  });

  it('tells a person without an account here why, in Chinese, with the way back', async () => {
    const page = await (await newContext(browser, t.url)).newPage();
    await throughPlatform(page, 'stranger');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('统一身份认证账号「li-not-here」在本平台没有对应的账号');
    await page.getByRole('link', { name: '返回登录页' }).click();
    await page.waitForURL((u) => u.pathname === '/signin');
    await page.context().close();
  });
});
