// Everything attributable (issue 19, finding 6): 401s (anonymous, forged and expired tokens), 404s on objects the
// caller may not see, document downloads and exports are in the audit trail; probes are counted per address,
// account and minute, so 500 of them make a handful of records whose counts add up (README "Hardening").
// Client addresses come from X-Forwarded-For (TRUST_PROXY=true), one per test, so each test reads its own records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { PDF } from '../support/documents.js';
import { createDraft } from '../support/projects.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ TRUST_PROXY: 'true' });
});
afterAll(() => t?.stop());

interface Row {
  action: string;
  outcome: string;
  actorName: string | null;
  ip: string | null;
  requestId: string | null;
  targetType: string | null;
  targetId: string | null;
  detail: Record<string, any>;
}

async function recordsFrom(ip: string, action?: string): Promise<Row[]> {
  // the counted refusals are written when their minute is over; flushing writes the current minute's now
  await t.platform.attribution.probes.flush(true);
  const { rows } = await t.platform.db.pool.query<Row>(
    `SELECT action, outcome::text, "actorName", ip, "requestId", "targetType", "targetId", detail FROM audit_event WHERE ip = $1 ${action ? 'AND action = $2' : ''} ORDER BY seq`,
    action ? [ip, action] : [ip],
  );
  return rows;
}

const FAKE_ID = '7f3c1d8e-4b2a-4c6f-9e1d-2a3b4c5d6e7f';

describe('401s', () => {
  it('records anonymous, forged-token and expired-session requests on protected routes, with the address and why', async () => {
    const ip = '203.0.113.11';
    expect((await t.http.get('/api/projects').set('X-Forwarded-For', ip)).status).toBe(401);
    expect((await t.http.get('/api/projects').set('X-Forwarded-For', ip).set('Authorization', 'Bearer forged.token.value')).status).toBe(401);
    const login = await t.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ username: 'county', password: DEMO_PASSWORD });
    const token = login.body.token as string;
    await t.http.post('/api/auth/logout').set('X-Forwarded-For', ip).set('Authorization', `Bearer ${token}`);
    expect((await t.http.get(`/api/projects/${FAKE_ID}`).set('X-Forwarded-For', ip).set('Authorization', `Bearer ${token}`)).status).toBe(401);
    const rows = await recordsFrom(ip, 'probe.unauthenticated');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'DENIED', actorName: null, ip });
    expect(rows[0]!.detail.count).toBe(3);
    expect(Object.values(rows[0]!.detail.reasons as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(3);
    expect(rows[0]!.detail.reasons.NO_TOKEN).toBe(1);
    expect(rows[0]!.detail.paths).toEqual(expect.arrayContaining(['GET /api/projects', `GET /api/projects/${FAKE_ID}`]));
  });

  it('does not count a wrong password twice: sign-in records its own failures', async () => {
    const ip = '203.0.113.12';
    expect((await t.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ username: 'county', password: 'Wrong-password-1' })).status).toBe(401);
    const rows = await recordsFrom(ip);
    expect(rows.map((r) => r.action)).toEqual(['auth.login']);
  });
});

describe('404s on objects the caller may not see', () => {
  it('records who reached for another organisation’s project, document or resource', async () => {
    const draft = await createDraft(t, 'dept');
    const ip = '203.0.113.21';
    const as = async (u: string) => ({ ...(await t.as(u)), 'X-Forwarded-For': ip });
    expect((await t.http.get(`/api/projects/${draft.id}`).set(await as('county'))).status).toBe(404);
    expect((await t.http.get(`/api/projects/${draft.id}/documents/${FAKE_ID}`).set(await as('county'))).status).toBe(404);
    expect((await t.http.post(`/api/resources/${FAKE_ID}/credentials`).set(await as('county'))).status).toBe(404);
    const rows = await recordsFrom(ip, 'probe.not_found');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorName: 'county', outcome: 'DENIED' });
    expect(rows[0]!.detail.count).toBe(3);
    expect(rows[0]!.detail.paths).toContain(`GET /api/projects/${draft.id}`);
    expect(rows[0]!.detail.paths).toContain(`POST /api/resources/${FAKE_ID}/credentials`);
  });
});

describe('files that leave the platform', () => {
  it('records each document download with the project, the document and the request', async () => {
    const draft = await createDraft(t, 'dept');
    const up = await t.http.post(`/api/projects/${draft.id}/documents`).set(await t.as('dept')).field('kind', 'PROPOSAL').attach('file', PDF, '建议书.pdf');
    expect(up.status).toBe(201);
    const ip = '203.0.113.31';
    const res = await t.http.get(`/api/projects/${draft.id}/documents/${up.body.id}`).set(await t.as('dept')).set('X-Forwarded-For', ip);
    expect(res.status).toBe(200);
    const rows = await recordsFrom(ip);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'document.download', actorName: 'dept', targetType: 'ProjectDocument', targetId: up.body.id, requestId: res.headers['x-request-id'] });
    expect(rows[0]!.detail).toMatchObject({ projectId: draft.id, file: '建议书.pdf', bytes: PDF.length, sm3: up.body.sm3 });
  });

  it('records each export with its filters, and the audit export once', async () => {
    const ip = '203.0.113.32';
    const res = await t.http.get('/api/projects/export').query({ q: '平台' }).set(await t.as('dept')).set('X-Forwarded-For', ip);
    expect(res.status).toBe(200);
    const audit = await t.http.get('/api/audit/export').set(await t.as('auditor')).set('X-Forwarded-For', ip);
    expect(audit.status).toBe(200);
    const rows = await recordsFrom(ip);
    expect(rows.map((r) => [r.action, r.actorName])).toEqual([
      ['data.export', 'dept'],
      ['audit.export', 'auditor'],
    ]);
    expect(rows[0]!.detail).toMatchObject({ route: 'GET /api/projects/export', query: { q: '平台' } });
  });

  it('counts anonymous downloads of public files per address and minute', async () => {
    const ip = '203.0.113.33';
    for (let i = 0; i < 3; i++) expect((await t.http.get('/api/migration/template').set('X-Forwarded-For', ip)).status).toBe(200);
    const rows = await recordsFrom(ip);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'data.export.anonymous', outcome: 'SUCCESS' });
    expect(rows[0]!.detail.count).toBe(3);
  });

  it('names the new records in the trail the auditor reads', async () => {
    const res = await t.http.get('/api/audit/events').query({ action: 'probe.unauthenticated' }).set(await t.as('auditor'));
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
  });
});

describe('a flood', () => {
  it('writes a handful of records for 500 probes, whose counts add up to 500', async () => {
    const ip = '198.51.100.7';
    const before = (await t.platform.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM audit_event')).rows[0]!.n;
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          i % 2 ? t.http.get('/api/projects').set('X-Forwarded-For', ip) : t.http.get(`/api/todo`).set('X-Forwarded-For', ip).set('Authorization', `Bearer forged-${batch}-${i}`),
        ),
      );
    }
    const rows = await recordsFrom(ip);
    // one record per minute the flood lasted (it may straddle a minute's end)
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.length).toBeLessThanOrEqual(2);
    expect(rows.every((r) => r.action === 'probe.unauthenticated')).toBe(true);
    expect(rows.reduce((n, r) => n + r.detail.count, 0)).toBe(500);
    const after = (await t.platform.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM audit_event')).rows[0]!.n;
    expect(Number(after) - Number(before)).toBeLessThanOrEqual(2);
    // the chain still verifies with the counted records in it
    const verify = await t.http.post('/api/audit/verify').set(await t.as('auditor'));
    expect(verify.body.valid).toBe(true);
  });
});
