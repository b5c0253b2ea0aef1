// The embedded default: no DATABASE_URL, PGlite in DATA_DIR; survives a restart; seeds on first start only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../api/platform.js';
import { loadConfig } from '../../core/config.js';
import { DEMO_ACCOUNTS } from '../../prisma/seed/accounts.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-embedded-'));
const config = () => loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', DEMO_PASSWORD: 'Demo-Passw0rd!' });
let running: Platform | undefined;

afterAll(async () => {
  await running?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('embedded default', () => {
  it('defaults to demo mode on the embedded database', () => {
    const c = config();
    expect(c.embedded).toBe(true);
    expect(c.demoMode).toBe(true);
  });

  it('starts, seeds, serves the catalog and takes a change', async () => {
    running = await startPlatform(config(), { listen: false });
    expect(running.db.kind).toBe('embedded');
    const http = supertest(running.app);
    expect((await http.get('/readyz')).body).toEqual({ status: 'ready', database: 'embedded' });
    const catalog = await http.get('/api/catalog');
    expect(catalog.status).toBe(200);
    expect(catalog.body.revision.number).toBe(1);
    const token = (await http.post('/api/auth/login').send({ username: 'bdc', password: 'Demo-Passw0rd!' })).body.token;
    const draft = await http.post('/api/catalog/revisions').set('Authorization', `Bearer ${token}`).send({ title: '持久化测试' });
    expect(draft.status).toBe(201);
    // the reviewer queue on PGlite too
    const gia = (await http.post('/api/auth/login').send({ username: 'gia', password: 'Demo-Passw0rd!' })).body.token;
    // every call, not only the first: a query of it once collided with itself over the embedded socket
    for (let i = 0; i < 4; i++) {
      const queue = await http.get('/api/projects/queue').query({ stage: 'GIA_REVIEW' }).set('Authorization', `Bearer ${gia}`);
      expect([queue.status, queue.type, queue.body.total], `call ${i + 1}`).toEqual([200, 'application/json', 0]);
    }
    await running.stop();
    running = undefined;
  });

  it('keeps its data across a restart and does not seed twice', async () => {
    running = await startPlatform(config(), { listen: false });
    const http = supertest(running.app);
    const token = (await http.post('/api/auth/login').send({ username: 'bdc', password: 'Demo-Passw0rd!' })).body.token;
    const list = await http.get('/api/catalog/revisions').set('Authorization', `Bearer ${token}`);
    expect(list.body.items.map((r: { number: number; title: string }) => [r.number, r.title])).toEqual([
      [2, '持久化测试'],
      [1, '运城市政务云平台服务目录（2026年版）'],
    ]);
    const { rows } = await running.db.pool.query(`SELECT count(*)::int AS n FROM app_user`);
    expect(rows[0].n).toBe(DEMO_ACCOUNTS.length);
    const { rows: seeds } = await running.db.pool.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'catalog.seed'`);
    expect(seeds[0].n).toBe(1);
  });
});
