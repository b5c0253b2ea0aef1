// The Idempotency-Key header on POSTs that create things (api/idempotency.ts): bound to the caller and the request,
// retries (concurrent ones too) get the first answer, another request with the key is refused, keys expire.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { PDF } from '../support/documents.js';
import { BASICS, REQUEST, buildEstablished, createDraft } from '../support/projects.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ ZY_IDEMPOTENCY_WAIT_SECONDS: '20' });
});
afterAll(() => t?.stop());

const key = () => `test-${randomUUID()}`;
const named = (name: string) => ({ ...BASICS, name });
async function projectsNamed(name: string, user = 'dept') {
  const res = await t.http.get('/api/projects').query({ q: name, pageSize: 50 }).set(await t.as(user));
  expect(res.status, res.text).toBe(200);
  return res.body.items.filter((p: { name: string }) => p.name === name);
}
const createProject = async (k: string, body: object, user = 'dept') => t.http.post('/api/projects').set(await t.as(user)).set('Idempotency-Key', k).send(body);

describe('the same key with the same request', () => {
  it('gets the first answer again, marked replayed, and creates one project', async () => {
    const name = `幂等项目-${randomUUID().slice(0, 8)}`;
    const k = key();
    const first = await createProject(k, named(name));
    expect(first.status, first.text).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // the same body with its fields in another order is the same request
    const { name: _n, ...rest } = named(name);
    const again = await createProject(k, { ...rest, name });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(await projectsNamed(name)).toHaveLength(1);
  });

  it('ten concurrent sends all get the same 201 and one project is created', async () => {
    const name = `并发幂等-${randomUUID().slice(0, 8)}`;
    const k = key();
    const auth = await t.as('dept');
    const answers = await Promise.all(Array.from({ length: 10 }, () => t.http.post('/api/projects').set(auth).set('Idempotency-Key', k).send(named(name))));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    expect(await projectsNamed(name)).toHaveLength(1);
  });

  it('a refused first request keeps nothing: the key can carry the corrected request', async () => {
    const project = await buildEstablished(t);
    const k = key();
    const send = async (body: object) => t.http.post(`/api/projects/${project.id}/resource-requests`).set(await t.as('dept')).set('Idempotency-Key', k).send(body);
    // refused by the service (more than the entitlement): nothing created, the key is not kept
    const refused = await send({ ...REQUEST, items: [{ planCode: 'vm-general-4c8g', quantity: 99 }] });
    expect(refused.status).toBe(422);
    expect(refused.body.violations.map((v: { code: string }) => v.code)).toContain('EXCEEDS_ENTITLEMENT');
    const good = await send(REQUEST);
    expect(good.status, good.text).toBe(201);
    expect(good.headers['idempotent-replayed']).toBeUndefined();
    const again = await send(REQUEST);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(good.body.id);
  });
});

describe('the same key with another request', () => {
  it('is refused with 422 IDEMPOTENCY_KEY_REUSED naming the header, in Chinese and English; the second request is not carried out', async () => {
    const k = key();
    const name = `原请求-${randomUUID().slice(0, 8)}`;
    expect((await createProject(k, named(name))).status).toBe(201);
    const other = `另一请求-${randomUUID().slice(0, 8)}`;
    const refused = await createProject(k, named(other));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(refused.body.message).toContain('Idempotency-Key');
    expect(refused.body.message).toContain('POST /api/projects');
    expect(refused.body.fields).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);
    const en = await t.http.post('/api/projects').query({ lang: 'en' }).set(await t.as('dept')).set('Idempotency-Key', k).send(named(other));
    expect(en.status).toBe(422);
    expect(en.body.message).toMatch(/Idempotency-Key header was already used/);
    expect(await projectsNamed(other)).toHaveLength(0);
  });

  it('on another path: a key used to create a project cannot fetch that answer for a resource request', async () => {
    const project = await buildEstablished(t);
    const k = key();
    expect((await createProject(k, named(`路径-${randomUUID().slice(0, 8)}`))).status).toBe(201);
    const res = await t.http.post(`/api/projects/${project.id}/resource-requests`).set(await t.as('dept')).set('Idempotency-Key', k).send(REQUEST);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // with a key of its own it goes through
    const own = await t.http.post(`/api/projects/${project.id}/resource-requests`).set(await t.as('dept')).set('Idempotency-Key', key()).send(REQUEST);
    expect(own.status, own.text).toBe(201);
  });

  it('provisioning: a key used for request A, sent to provision request B, is refused and B is not provisioned', async () => {
    const project = await buildEstablished(t);
    const approvedRequest = async () => {
      const made = await t.http.post(`/api/projects/${project.id}/resource-requests`).set(await t.as('dept')).send({ ...REQUEST, items: [{ planCode: REQUEST.items[0]!.planCode, quantity: 1 }] });
      expect(made.status, made.text).toBe(201);
      const approved = await t.http.post(`/api/resource-requests/${made.body.id}/approve`).set(await t.as('bdc')).set('If-Match', made.headers.etag).send({});
      expect(approved.status, approved.text).toBe(200);
      return made.body.id as string;
    };
    const a = await approvedRequest();
    const b = await approvedRequest();
    const k = key();
    const first = await t.http.post(`/api/resource-requests/${a}/provision`).set(await t.as('bdc')).set('Idempotency-Key', k);
    expect(first.status, first.text).toBe(202);
    const reused = await t.http.post(`/api/resource-requests/${b}/provision`).set(await t.as('bdc')).set('Idempotency-Key', k);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(reused.body.jobId).toBeUndefined();
    expect((await t.http.get(`/api/resource-requests/${b}`).set(await t.as('bdc'))).body.status).toBe('APPROVED');
  });

  it('from another user is independent: each caller has their own keys, and never gets another caller’s answer', async () => {
    const k = key();
    const mine = `用户一-${randomUUID().slice(0, 8)}`;
    const first = await createProject(k, named(mine), 'dept');
    expect(first.status).toBe(201);
    // the same key and even the same body, sent by someone else, is their own request
    const theirs = await createProject(k, named(mine), 'dept2');
    expect(theirs.status, theirs.text).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.id).not.toBe(first.body.id);
  });

  it('a malformed key is refused with 400 naming the header', async () => {
    const res = await createProject('short', named('x'));
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([expect.objectContaining({ path: 'Idempotency-Key', code: 'field.invalid_format' })]);
  });
});

describe('uploads', () => {
  it('a retried document upload gets the same document; another file with the key is refused', async () => {
    const project = await createDraft(t);
    const k = key();
    const upload = async (file: Buffer) =>
      t.http.post(`/api/projects/${project.id}/documents`).set(await t.as('dept')).set('Idempotency-Key', k).field('kind', 'PROPOSAL').attach('file', file, 'proposal.pdf');
    const first = await upload(PDF);
    expect(first.status, first.text).toBe(201);
    const again = await upload(PDF);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await upload(Buffer.concat([PDF, Buffer.from('\n% another\n')]));
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const read = await t.http.get(`/api/projects/${project.id}`).set(await t.as('dept'));
    expect(read.status).toBe(200);
    expect(read.body.documents).toHaveLength(1);
  });
});

describe('the register import', () => {
  const csv = (name: string) =>
    Buffer.from(`\uFEFF系统名称*,业务用途*,当前部署方式*,联系人,联系电话\r\n${name},业务办理,自建机房,王工,13900000000\r\n`);
  async function systemsNamed(name: string) {
    const res = await t.http.get('/api/migration/systems').query({ q: name, pageSize: 50 }).set(await t.as('dept'));
    expect(res.status, res.text).toBe(200);
    return res.body.items.filter((s: { name: string }) => s.name === name);
  }
  it('a retried import gets the first result and registers the systems once; another file with the key is refused', async () => {
    const name = `幂等导入-${randomUUID().slice(0, 8)}`;
    const k = key();
    const send = async (file: Buffer) => t.http.post('/api/migration/systems/import').set(await t.as('dept')).set('Idempotency-Key', k).attach('file', file, 'register.csv');
    const first = await send(csv(name));
    expect(first.status, first.text).toBe(201);
    const again = await send(csv(name));
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await systemsNamed(name)).toHaveLength(1);
    const other = await send(csv(`${name}-另`));
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await systemsNamed(`${name}-另`)).toHaveLength(0);
  });
});

describe('expiry', () => {
  it('an expired key is forgotten: the same key then carries a new request', async () => {
    const k = key();
    const name = `过期-${randomUUID().slice(0, 8)}`;
    const first = await createProject(k, named(name));
    expect(first.status).toBe(201);
    // the key's time passes (ZY_IDEMPOTENCY_TTL_HOURS, 24 h by default)
    const stored = await t.platform.db.prisma.idempotencyKey.findMany({ where: { key: k } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.expiresAt.getTime() - stored[0]!.createdAt.getTime()).toBe(24 * 3600 * 1000);
    await t.platform.db.prisma.idempotencyKey.updateMany({ where: { key: k }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const other = `过期后-${randomUUID().slice(0, 8)}`;
    const second = await createProject(k, named(other));
    expect(second.status, second.text).toBe(201);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(second.body.id).not.toBe(first.body.id);
    expect(await projectsNamed(other)).toHaveLength(1);
  });
});
