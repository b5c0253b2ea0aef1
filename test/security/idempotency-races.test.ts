// Idempotency races (issue 19, part 10): every route of the OpenAPI document that takes an Idempotency-Key gets ten
// concurrent sends of one request under one key (all ten must get the first answer, and one thing is made), the
// same key with another request (422 IDEMPOTENCY_KEY_REUSED, nothing made), and both at once (five sends of each
// under one key: one request wins, every send of it gets its answer, every send of the other is refused).
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDF } from '../support/documents.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { BASICS, REQUEST, buildEstablished, createDraft } from '../support/projects.js';
import { requestIn } from '../support/request-factories.js';
import { apiOf } from '../support/scene.js';
import { readDocument, routesOf, type ApiDocument } from './support/openapi-routes.js';
import { Tally } from './support/tally.js';

let t: TestPlatform;
let doc: ApiDocument;
const tally = new Tally('Idempotency races: concurrent sends under one key, per idempotent route', ['2xx', '422', 'other 4xx', '≥500']);

beforeAll(async () => {
  t = await startTestPlatform({ ZY_IDEMPOTENCY_WAIT_SECONDS: '30' });
  doc = await readDocument(t);
}, 120_000);
afterAll(() => {
  tally.print();
  return t?.stop();
});

type Which = 'A' | 'B';
/** One idempotent route made ready for a race: how to send request A or B under a key, and how many of each exist. */
interface Race {
  send(which: Which, key: string): Promise<Response>;
  made(): Promise<Record<Which, number>>;
}

const ONE_VM = { ...REQUEST, items: [{ planCode: 'vm-general-4c8g', quantity: 1 }] };
const jobsOf = (requestId: string) => t.platform.db.prisma.provisioningJob.count({ where: { requestId } });
const key = () => `race-${randomUUID()}`;
const tag = () => randomUUID().slice(0, 8);

/** Each idempotent route and how to race it; a route the document marks idempotent without an entry here fails. */
const RACES: Record<string, () => Promise<Race>> = {
  'POST /api/projects': async () => {
    const names = { A: `幂等竞争A-${tag()}`, B: `幂等竞争B-${tag()}` };
    return {
      send: async (w, k) => t.http.post('/api/projects').set(await t.as('dept')).set('Idempotency-Key', k).send({ ...BASICS, name: names[w] }),
      made: async () => ({
        A: await t.platform.db.prisma.project.count({ where: { name: names.A } }),
        B: await t.platform.db.prisma.project.count({ where: { name: names.B } }),
      }),
    };
  },
  'POST /api/projects/{id}/documents': async () => {
    const draft = await createDraft(t);
    const files = { A: PDF, B: Buffer.concat([PDF, Buffer.from(`\n% ${tag()}\n`)]) };
    const names = { A: `甲-${tag()}.pdf`, B: `乙-${tag()}.pdf` };
    return {
      send: async (w, k) =>
        t.http.post(`/api/projects/${draft.id}/documents`).set(await t.as('dept')).set('Idempotency-Key', k).field('kind', 'PROPOSAL').attach('file', files[w], names[w]),
      made: async () => ({
        A: await t.platform.db.prisma.projectDocument.count({ where: { projectId: draft.id, filename: names.A } }),
        B: await t.platform.db.prisma.projectDocument.count({ where: { projectId: draft.id, filename: names.B } }),
      }),
    };
  },
  'POST /api/projects/{id}/resource-requests': async () => {
    const p = await buildEstablished(t);
    const quantity = { A: 1, B: 2 };
    const count = (q: number) => t.platform.db.prisma.resourceRequestItem.count({ where: { request: { projectId: p.id }, quantity: q } });
    return {
      send: async (w, k) =>
        t.http.post(`/api/projects/${p.id}/resource-requests`).set(await t.as('dept')).set('Idempotency-Key', k).send({ ...REQUEST, items: [{ planCode: 'vm-general-4c8g', quantity: quantity[w] }] }),
      made: async () => ({ A: await count(1), B: await count(2) }),
    };
  },
  'POST /api/resource-requests/{id}/provision': async () => {
    const p = await buildEstablished(t);
    const ids = { A: (await requestIn(apiOf(t), 'APPROVED', { project: p, body: ONE_VM })).id, B: (await requestIn(apiOf(t), 'APPROVED', { project: p, body: ONE_VM })).id };
    return {
      send: async (w, k) => t.http.post(`/api/resource-requests/${ids[w]}/provision`).set(await t.as('bdc')).set('Idempotency-Key', k),
      made: async () => ({ A: await jobsOf(ids.A), B: await jobsOf(ids.B) }),
    };
  },
  'POST /api/resource-requests/{id}/deprovision': async () => {
    const p = await buildEstablished(t);
    const a = await requestIn(apiOf(t), 'PROVISIONED', { project: p, body: ONE_VM });
    const b = await requestIn(apiOf(t), 'PROVISIONED', { project: p, body: ONE_VM });
    const ids = { A: a.id, B: b.id };
    const codes = { A: a.code, B: b.code };
    return {
      send: async (w, k) => t.http.post(`/api/resource-requests/${ids[w]}/deprovision`).set(await t.as('bdc')).set('Idempotency-Key', k).send({ confirm: codes[w] }),
      made: async () => ({ A: (await jobsOf(ids.A)) - 1, B: (await jobsOf(ids.B)) - 1 }),
    };
  },
  'POST /api/migration/systems/import': async () => {
    const names = { A: `幂等导入A-${tag()}`, B: `幂等导入B-${tag()}` };
    const csv = (name: string) => Buffer.from(`\uFEFF系统名称*,业务用途*,当前部署方式*,联系人,联系电话\r\n${name},业务办理,自建机房,王工,13900000000\r\n`);
    return {
      send: async (w, k) => t.http.post('/api/migration/systems/import').set(await t.as('dept')).set('Idempotency-Key', k).attach('file', csv(names[w]), 'register.csv'),
      made: async () => ({
        A: await t.platform.db.prisma.migrationSystem.count({ where: { name: names.A } }),
        B: await t.platform.db.prisma.migrationSystem.count({ where: { name: names.B } }),
      }),
    };
  },
};

/** The parts of an answer a retry must repeat. */
const answerOf = (r: Response) => JSON.stringify({ status: r.status, body: r.body, location: r.headers.location ?? null, etag: r.headers.etag ?? null });

describe('Idempotency-Key under concurrency, on every idempotent route of the OpenAPI document', () => {
  it('has a race for every route the document marks idempotent', () => {
    const idempotent = routesOf(doc).filter((r) => r.idempotent).map((r) => r.key).sort();
    expect(idempotent.length).toBeGreaterThan(0);
    expect(idempotent, 'an idempotent route without a race here: add it to RACES').toEqual(Object.keys(RACES).sort());
  });

  for (const [route, prepare] of Object.entries(RACES)) {
    // each case prepares its own objects: a request carried out once cannot be carried out again
    describe(route, () => {
      it('ten concurrent sends of one request under one key: the same first answer ten times, one thing made', async () => {
        const race = await prepare();
        const k = key();
        const answers = await Promise.all(Array.from({ length: 10 }, () => race.send('A', k)));
        for (const a of answers) tally.add({ cls: `${route}: 10 × one request`, route, status: a.status, code: a.body?.code });
        expect(answers[0]!.status, answers[0]!.text).toBeLessThan(300);
        expect(new Set(answers.map(answerOf)).size, answers.map((a) => `${a.status} ${a.body?.code ?? ''}`).join(', ')).toBe(1);
        expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
        expect((await race.made()).A).toBe(1);
      }, 60_000);

      it('the same key with another request: 422 IDEMPOTENCY_KEY_REUSED, and the other request is not carried out', async () => {
        const race = await prepare();
        const k = key();
        const before = await race.made();
        const first = await race.send('A', k);
        expect(first.status, first.text).toBeLessThan(300);
        const other = await race.send('B', k);
        tally.add({ cls: `${route}: same key, another request`, route, status: other.status, code: other.body?.code });
        expect(other.status, other.text).toBe(422);
        expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
        const after = await race.made();
        expect(after.B).toBe(before.B);
      }, 60_000);

      it('both requests at once under one key: one wins and all its sends get its answer; every send of the other is refused', async () => {
        const race = await prepare();
        const k = key();
        const before = await race.made();
        const order: Which[] = ['A', 'B', 'A', 'B', 'A', 'B', 'A', 'B', 'A', 'B'];
        const answers = await Promise.all(order.map((w) => race.send(w, k)));
        for (const a of answers) tally.add({ cls: `${route}: 5 × A and 5 × B, one key`, route, status: a.status, code: a.body?.code });
        const ok = answers.filter((a) => a.status < 300);
        const winner = order[answers.indexOf(ok[0]!)]!;
        const loser: Which = winner === 'A' ? 'B' : 'A';
        expect(new Set(ok.map(answerOf)).size).toBe(1);
        answers.forEach((a, i) => {
          if (order[i] === winner) expect(answerOf(a)).toBe(answerOf(ok[0]!));
          else expect([a.status, a.body?.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
        });
        const after = await race.made();
        expect(after[winner] - before[winner]).toBe(1);
        expect(after[loser]).toBe(before[loser]);
      }, 60_000);
    });
  }
});
