// Overload is not a fault: when every database connection is taken past the wait for a transaction, a request that
// needs one answers 503 SERVICE_BUSY with Retry-After and a message in the reader's language, not a 500 — and
// nothing was done, so the same request succeeds once a connection is free again. Pool of one connection, held by a
// transaction of the test's own. The request: a project's view, read with its actions in one transaction (once
// nothing kept from before a write is left: core/cache/read-cache.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceWriteClock } from '../../core/cache/write-clock.js';
import { emptyDraft } from '../support/project-factories.js';
import { apiOf } from '../support/scene.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform({ DATABASE_POOL_MAX: '1', RUN_WORKERS: 'false' });
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

describe('a request that finds every connection busy', () => {
  it('answers 503 SERVICE_BUSY with Retry-After, then succeeds once a connection is free', { timeout: 60_000 }, async () => {
    const p = await emptyDraft(apiOf(t));
    const headers = await t.as('dept');
    // as after any write: the view the draft's creation kept is not served, the request reads the project afresh
    advanceWriteClock();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    // the pool's one connection, held for longer than a transaction waits for one
    const holder = t.platform.db.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        holding();
        await released;
      },
      { timeout: 30_000 },
    );
    await held;
    try {
      const busy = await t.http.get(`/api/projects/${p.id}`).set(headers);
      expect(busy.status).toBe(503);
      expect(busy.body.code).toBe('SERVICE_BUSY');
      expect(busy.headers['retry-after']).toBe('2');
      expect(busy.body.message).toContain('系统繁忙');
      const en = await t.http.get(`/api/projects/${p.id}`).set(headers).set('Accept-Language', 'en');
      expect(en.status).toBe(503);
      expect(en.body.message).toMatch(/busy/);
    } finally {
      release();
      await holder;
    }
    const ok = await t.http.get(`/api/projects/${p.id}`).set(headers);
    expect(ok.status).toBe(200);
    expect(ok.body.id).toBe(p.id);
  });
});
