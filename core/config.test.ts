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
});
