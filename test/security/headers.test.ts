// Headers (issue 19, finding 7): a Content-Security-Policy the console works under, no framing, Permissions-Policy,
// Referrer-Policy, and HSTS only when configured (README "Hardening"). The console itself runs under this policy in
// test/e2e/csp.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let plain: TestPlatform;
let tls: TestPlatform;
beforeAll(async () => {
  plain = await startTestPlatform();
  tls = await startTestPlatform({ ZY_HSTS_MAX_AGE_SECONDS: '31536000' });
});
afterAll(async () => {
  await plain?.stop();
  await tls?.stop();
});

/** the policy's directives by name */
function directives(header: string | undefined): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('security headers', () => {
  it('sends a CSP that allows scripts only from the platform itself and forbids framing', async () => {
    for (const path of ['/api/health', '/api/catalog', '/api/no-such-endpoint', '/signin']) {
      const res = await plain.http.get(path);
      const csp = directives(res.headers['content-security-policy']);
      expect(csp.get('script-src'), path).toEqual(["'self'"]);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'self'"]);
      // no inline or evaluated scripts anywhere
      expect(res.headers['content-security-policy']).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('switches off the browser features the console never uses (Permissions-Policy)', async () => {
    const res = await plain.http.get('/api/health');
    const policy = res.headers['permissions-policy'] ?? '';
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) expect(policy).toContain(`${feature}=()`);
  });

  it('sends no Strict-Transport-Security unless configured', async () => {
    expect((await plain.http.get('/api/health')).headers['strict-transport-security']).toBeUndefined();
    expect((await tls.http.get('/api/health')).headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('sends no X-Powered-By', async () => {
    expect((await plain.http.get('/api/health')).headers['x-powered-by']).toBeUndefined();
  });
});
