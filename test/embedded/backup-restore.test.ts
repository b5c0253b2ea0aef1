// Backup and restore of the embedded default, with the commands a user runs (`npm run backup`, `npm run restore`):
// a backup taken while the platform runs, restored into a fresh DATA_DIR and into an empty PostgreSQL database
// (the way a user outgrowing the embedded database moves), each then started and checked as a user would.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../api/platform.js';
import { loadConfig } from '../../core/config.js';
import { PDF } from '../support/documents.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { buildValidDraft, type Built } from '../support/projects.js';
import { REPO } from '../support/server-process.js';

const run = promisify(execFile);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-backup-'));
const archive = path.join(work, 'backup.tar.gz');
const sm3 = (b: Buffer) => crypto.createHash('sm3').update(b).digest('hex');

/** `npm run backup|restore -- …` as the README gives it, in a process of its own */
async function cli(args: string[], env: Record<string, string>) {
  try {
    const r = await run('node', ['--import', 'tsx', 'core/backup/cli.ts', ...args], { cwd: REPO, env: { ...process.env, LOG_LEVEL: 'silent', ...env } });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

let source: TestPlatform;
let project: Built;
let documentId: string;
let auditCount: number;
let moved: TestDatabase | undefined;
const targets: { platform: Platform; database?: TestDatabase }[] = [];

beforeAll(async () => {
  source = await startTestPlatform();
  project = await buildValidDraft(source);
  const up = await source.http.post(`/api/projects/${project.id}/documents`).set(await source.as('dept')).field('kind', 'PROPOSAL').attach('file', PDF, '可行性研究报告.pdf');
  expect(up.status, up.text).toBe(201);
  documentId = up.body.id;
  auditCount = (await source.platform.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event')).rows[0]!.n;
});

afterAll(async () => {
  for (const t of targets) {
    await t.platform.stop();
    await t.database?.drop();
  }
  await source?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

/** Starts a platform on a restored database and checks what a user would: their project, its document, the trail. */
async function checkRestored(env: Record<string, string>) {
  const platform = await startPlatform(loadConfig({ ...env, DEMO_PASSWORD, LOG_LEVEL: 'silent' }), { listen: false });
  targets.push({ platform });
  const http = supertest(platform.app);
  const login = async (username: string) => ({ Authorization: `Bearer ${(await http.post('/api/auth/login').send({ username, password: DEMO_PASSWORD })).body.token}` });
  const dept = await login('dept');
  const p = await http.get(`/api/projects/${project.id}`).set(dept);
  expect(p.status).toBe(200);
  expect(p.body).toMatchObject({ id: project.id, name: project.body.name, status: 'DRAFT' });
  const doc = await http.get(`/api/projects/${project.id}/documents/${documentId}`).set(dept).buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
  expect(doc.status).toBe(200);
  expect(sm3(doc.body as Buffer)).toBe(sm3(PDF));
  const auditor = await login('auditor');
  expect((await http.post('/api/audit/verify').set(auditor)).body).toMatchObject({ valid: true });
  // the trail has every record of the source, and a new change continues the chain
  const { rows } = await platform.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event');
  expect(rows[0]!.n).toBeGreaterThanOrEqual(auditCount);
  const draft = await http.post('/api/catalog/revisions').set(await login('bdc')).send({ title: '恢复后的修订' });
  expect(draft.status, draft.text).toBe(201);
  expect((await http.post('/api/audit/verify').set(auditor)).body).toMatchObject({ valid: true });
  return platform;
}

// each step runs the backup CLI as a child process and starts a platform on what it restored: seconds each, more
// than the default 30 s on a loaded CI machine (measured 35 s under a load of 18)
describe('backup and restore', { timeout: 120_000 }, () => {
  it('takes a consistent backup of the running embedded platform', async () => {
    const r = await cli(['backup', '--out', archive], { DATA_DIR: source.dataDir });
    expect(r.code, r.out).toBe(0);
    // the document's content is a row of the database (the file store, core/files): no file of DATA_DIR/files to add
    expect(r.out).toMatch(/backup written: .*backup\.tar\.gz .* 0 files/);
    expect(fs.statSync(archive).mode & 0o077).toBe(0); // the backup holds password hashes: owner only
  });

  it('restores into a fresh DATA_DIR, which then starts with the project, its document and an intact audit chain', async () => {
    const dataDir = path.join(work, 'restored');
    const r = await cli(['restore', archive], { DATA_DIR: dataDir });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/restored \d+ rows and 0 files/);
    await checkRestored({ DATA_DIR: dataDir });
  });

  it('moves the data to PostgreSQL: the same archive restored into an empty database', async () => {
    const database = await createTestDatabase('zy_moved', 'postgresql');
    const r = await cli(['restore', archive], database.env);
    expect(r.code, r.out).toBe(0);
    const platform = await checkRestored(database.env);
    targets[targets.length - 1]!.database = database;
    moved = database;
    expect(platform.db.kind).toBe('postgresql');
  });

  it('refuses to restore over data, and says why', async () => {
    const r = await cli(['restore', archive], { DATA_DIR: source.dataDir });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/in use by another Zhengyun process \(api, pid \d+/);
    const into = path.join(work, 'restored'); // the folder restored above: in use by the platform started on it
    expect((await cli(['restore', archive], { DATA_DIR: into })).out).toMatch(/in use/);
    const over = await cli(['restore', archive], moved!.env);
    expect([over.code, over.out]).toEqual([1, expect.stringMatching(/already has data \(table /)]);
    const notABackup = path.join(work, 'not-a-backup.tar.gz');
    fs.writeFileSync(notABackup, 'hello');
    const bad = await cli(['restore', notABackup], { DATA_DIR: path.join(work, 'never') });
    expect([bad.code, bad.out]).toEqual([1, expect.stringMatching(/not a readable backup archive/)]);
  });
});
