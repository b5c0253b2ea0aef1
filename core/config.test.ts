import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to the embedded database in demo mode on port 3000', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, embedded: true, demoMode: true, databaseUrl: undefined });
    expect(c.dataDir.endsWith('/data')).toBe(true);
  });

  it('turns demo mode off on PostgreSQL unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://x@h/db' }).demoMode).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgresql://x@h/db', DEMO_MODE: 'true' }).demoMode).toBe(true);
  });

  it('names every wrong setting in one clear message', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', DEMO_MODE: 'maybe' })).toThrowError(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/DATABASE_URL: must be a postgresql:\/\/ URL/);
    }
  });

  it('requires an explicit demo password in production demo mode (no default secrets in production)', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DEMO_PASSWORD/);
    expect(loadConfig({ NODE_ENV: 'production', DEMO_PASSWORD: 'Some-Passw0rd!' }).demoMode).toBe(true);
  });

  it('reads the reminder schedule: days ahead (largest first, each once), escalation, cron or off', () => {
    expect(loadConfig({}).reminders).toEqual({ cron: '0 8,14 * * *', daysAhead: [3, 1], escalateAfter: 3 });
    expect(loadConfig({ ZY_REMINDER_DAYS_AHEAD: '1, 5,3,5', ZY_REMINDER_ESCALATE_AFTER: '5', ZY_REMINDER_CRON: 'off' }).reminders).toEqual({ cron: null, daysAhead: [5, 3, 1], escalateAfter: 5 });
    for (const bad of ['', '0', '3;1', 'three', '3,,1', '61']) expect(() => loadConfig({ ZY_REMINDER_DAYS_AHEAD: bad }), bad).toThrow(/ZY_REMINDER_DAYS_AHEAD/);
    expect(() => loadConfig({ ZY_REMINDER_CRON: 'every morning' })).toThrow(/ZY_REMINDER_CRON/);
  });

  it('turns single sign-on on only with an issuer and a client id, over https unless told otherwise', () => {
    expect(loadConfig({}).oidc).toBeNull();
    const on = loadConfig({ OIDC_ISSUER: 'https://sso.yuncheng.gov.cn/oidc', OIDC_CLIENT_ID: 'zhengyun', ZY_PUBLIC_URL: 'https://zy.yuncheng.gov.cn/' }).oidc;
    expect(on).toMatchObject({
      clientSecret: undefined,
      redirectUri: 'https://zy.yuncheng.gov.cn/api/auth/oidc/callback',
      scopes: 'openid profile',
      userClaim: 'preferred_username',
      match: 'username',
      orgClaim: undefined,
      passwordSignIn: 'all',
      displayName: '统一身份认证登录',
    });
    expect(() => loadConfig({ OIDC_ISSUER: 'https://sso.yuncheng.gov.cn' })).toThrow(/OIDC_CLIENT_ID/);
    expect(() => loadConfig({ OIDC_CLIENT_ID: 'zhengyun' })).toThrow(/OIDC_ISSUER/);
    expect(() => loadConfig({ OIDC_ISSUER: 'http://127.0.0.1:9000', OIDC_CLIENT_ID: 'zhengyun' })).toThrow(/OIDC_ALLOW_HTTP/);
    expect(loadConfig({ OIDC_ISSUER: 'http://127.0.0.1:9000', OIDC_CLIENT_ID: 'zhengyun', OIDC_ALLOW_HTTP: 'true' }).oidc?.allowHttp).toBe(true);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://sso.example', OIDC_CLIENT_ID: 'z', OIDC_SCOPES: 'profile email' })).toThrow(/OIDC_SCOPES/);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://sso.example', OIDC_CLIENT_ID: 'z', OIDC_MATCH: 'email' })).toThrow(/OIDC_MATCH/);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://sso.example', OIDC_CLIENT_ID: 'z', OIDC_PASSWORD_SIGNIN: 'none' })).toThrow(/OIDC_PASSWORD_SIGNIN/);
  });
});
