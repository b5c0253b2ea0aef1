// How long an Idempotency-Key lives (api/idempotency.ts, api/idempotency-sweep.ts): a claim whose request never
// answered (its process died) holds its retries off with 409 IDEMPOTENCY_KEY_IN_FLIGHT only until it is given up
// (GIVE_UP_MINUTES); then the key runs its request anew. Expired keys are deleted by a scheduled sweep.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GIVE_UP_MINUTES } from '../../api/idempotency.js';
import { IDEMPOTENCY_SWEEP_QUEUE } from '../../api/idempotency-sweep.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { BASICS } from '../support/projects.js';
import { until } from '../support/wait.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ ZY_IDEMPOTENCY_WAIT_SECONDS: '1' });
});
afterAll(() => t?.stop());

const keys = () => t.platform.db.prisma.idempotencyKey;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
async function projectsNamed(name: string) {
  const res = await t.http.get('/api/projects').query({ q: name, pageSize: 50 }).set(await t.as('dept'));
  expect(res.status, res.text).toBe(200);
  return res.body.items.filter((p: { name: string }) => p.name === name);
}

describe('a key whose first request never answered', () => {
  it('holds retries off (409 IN_FLIGHT) until it is given up, then runs the request anew', async () => {
    const name = `中断幂等-${randomUUID().slice(0, 8)}`;
    const body = { ...BASICS, name };
    const send = async (key: string) => t.http.post('/api/projects').set(await t.as('dept')).set('Idempotency-Key', key).send(body);
    // the binding of this very request, as the API stores it
    const first = await send(`bound-${randomUUID()}`);
    expect(first.status, first.text).toBe(201);
    const bound = await keys().findFirstOrThrow({ where: { bodyHash: { not: '' }, path: '/api/projects', state: 'DONE' }, orderBy: { createdAt: 'desc' } });
    // another key claimed for it by a process that died before answering: PENDING, never completed
    const k = `dead-${randomUUID()}`;
    await keys().create({ data: { userId: bound.userId, key: k, method: 'POST', path: '/api/projects', bodyHash: bound.bodyHash, state: 'PENDING', createdAt: minutesAgo(GIVE_UP_MINUTES - 1), expiresAt: new Date(Date.now() + 3600_000) } });

    const waiting = await send(k);
    expect(waiting.status).toBe(409);
    expect(waiting.body.code).toBe('IDEMPOTENCY_KEY_IN_FLIGHT');
    expect(await projectsNamed(name)).toHaveLength(1);

    // the claim outlives its give-up time: the key is free again and the request runs (not a replay)
    await keys().update({ where: { userId_key: { userId: bound.userId, key: k } }, data: { createdAt: minutesAgo(GIVE_UP_MINUTES + 1) } });
    const anew = await send(k);
    expect(anew.status, anew.text).toBe(201);
    expect(anew.headers['idempotent-replayed']).toBeUndefined();
    expect(await projectsNamed(name)).toHaveLength(2);
    expect(await keys().findUniqueOrThrow({ where: { userId_key: { userId: bound.userId, key: k } } })).toMatchObject({ state: 'DONE', responseStatus: 201 });
    // and its retries now get that answer
    const again = await send(k);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(anew.body.id);
  });
});

describe('expired keys', () => {
  it('are deleted by the scheduled sweep (hourly by default); live ones stay', async () => {
    const { rows } = await t.platform.db.pool.query<{ cron: string; timezone: string }>('SELECT cron, timezone FROM pgboss.schedule WHERE name = $1', [IDEMPOTENCY_SWEEP_QUEUE]);
    expect(rows).toEqual([{ cron: '17 * * * *', timezone: 'Asia/Shanghai' }]);

    const user = await t.platform.db.prisma.user.findFirstOrThrow({ where: { username: 'dept' } });
    const row = (key: string, expiresAt: Date) => ({ userId: user.id, key, method: 'POST', path: '/api/projects', bodyHash: 'x', state: 'DONE', responseStatus: 201, responseBody: '{}', createdAt: minutesAgo(60), expiresAt });
    const expired = `expired-${randomUUID()}`;
    const live = `live-${randomUUID()}`;
    await keys().createMany({ data: [row(expired, minutesAgo(1)), row(live, new Date(Date.now() + 3600_000))] });

    // a tick of the schedule (what its cron sends)
    await t.platform.queue.send(IDEMPOTENCY_SWEEP_QUEUE, {});
    await until('the expired key to be deleted', async () => ((await keys().count({ where: { key: expired } })) === 0 ? true : undefined), 30_000);
    expect(await keys().count({ where: { key: live } })).toBe(1);
  });
});
