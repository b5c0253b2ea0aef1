// Files that replicas share (core/files): two API processes and a worker, each with a DATA_DIR of its own, on one
// PostgreSQL. A document uploaded through one API is downloaded through the other; the manifests the worker renders
// are served by the APIs; nothing lands in any DATA_DIR. Contents are checked on every read: a content altered in the
// database, or a document pointed at someone else's content, is refused with 409 FILE_CONTENT_CORRUPT (a missing one
// with FILE_CONTENT_MISSING), never sent and never a 500. Files stored the old way (DATA_DIR/files,
// DATA_DIR/rendered) are imported when a process starts on that DATA_DIR, once, and then served by every replica.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { PDF } from '../support/documents.js';
import { REQUEST, buildEstablished, type Built } from '../support/projects.js';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { until } from '../support/wait.js';

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const sm3 = (b: Buffer) => crypto.createHash('sm3').update(b).digest('hex');

let t: TestPlatform;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-shared-files-'));
const procs: ServerProcess[] = [];
const dataDirs = { api1: path.join(root, 'api-1'), api2: path.join(root, 'api-2'), worker: path.join(root, 'worker'), api3: path.join(root, 'api-3') };
let api1: string;
let api2: string;
let established: Built;
let other: Built;

const processEnv = (dataDir: string) => ({
  DATABASE_URL: t.database.url,
  DATA_DIR: dataDir,
  RUN_WORKERS: 'false',
  MIGRATE_ON_START: 'false',
  DEMO_MODE: 'true',
  DEMO_PASSWORD,
  LOG_LEVEL: 'info',
});

function start(dataDir: string, entry?: string): ServerProcess {
  const p = startServer(processEnv(dataDir), entry);
  procs.push(p);
  return p;
}

/** the body of a download as bytes, whatever its type */
const bytes = (req: supertest.Test) =>
  req.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

async function token(base: string, username: string): Promise<string> {
  const res = await supertest(base).post('/api/auth/login').send({ username, password: DEMO_PASSWORD });
  expect(res.status, res.text).toBe(200);
  return res.body.token as string;
}
const bearer = async (base: string, username: string) => ({ Authorization: `Bearer ${await token(base, username)}` });

/** every regular file under `dir` (the replicas' DATA_DIRs hold nothing of the platform's files) */
const filesUnder = (dir: string) =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)) : [];

function expectRefusedContent(res: Response, code: 'FILE_CONTENT_CORRUPT' | 'FILE_CONTENT_MISSING') {
  expect(res.status, res.text).toBe(409);
  expect(res.body.code).toBe(code);
}

beforeAll(async () => {
  // the in-process platform prepares the data (and applied the migrations); the replicas are child processes
  t = await startTestPlatform({ RUN_WORKERS: 'false' });
  established = await buildEstablished(t);
  other = await buildEstablished(t);
  const a = start(dataDirs.api1);
  const b = start(dataDirs.api2);
  const w = start(dataDirs.worker, 'provisioners/worker-main.ts');
  [api1, api2] = await Promise.all([a.listening, b.listening]);
  await until('the worker to start', () => (/provisioning workers started/.test(w.output()) ? true : undefined), 60_000);
}, 180_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.kill('SIGKILL')));
  await t?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('two API replicas and a worker, each with its own DATA_DIR, on one PostgreSQL', () => {
  let documentId: string;

  it('a document uploaded through one API is downloaded, byte for byte, through the other', async () => {
    const up = await supertest(api1).post(`/api/projects/${established.id}/documents`).set(await bearer(api1, 'dept')).field('kind', 'CONTRACT').attach('file', PDF, '合同.pdf');
    expect(up.status, up.text).toBe(201);
    documentId = up.body.id;
    const down = await bytes(supertest(api2).get(`/api/projects/${established.id}/documents/${documentId}`).set(await bearer(api2, 'dept')));
    expect(down.status).toBe(200);
    expect(Buffer.compare(down.body as Buffer, PDF)).toBe(0);
    expect(down.headers['x-content-sm3']).toBe(sm3(PDF));
    expect(down.headers['content-disposition']).toContain(encodeURIComponent('合同.pdf'));
    // another department still cannot, on either replica
    expect((await supertest(api2).get(`/api/projects/${established.id}/documents/${documentId}`).set(await bearer(api2, 'dept2'))).status).toBe(404);
  });

  it('a manifest the worker renders is served by both APIs, the same bytes', async () => {
    const dept = await bearer(api1, 'dept');
    const bdc = await bearer(api2, 'bdc');
    const req = await supertest(api1).post(`/api/projects/${established.id}/resource-requests`).set(dept).send(REQUEST);
    expect(req.status, req.text).toBe(201);
    expect((await supertest(api2).post(`/api/resource-requests/${req.body.id}/approve`).set(bdc).set('If-Match', '"v1"').send({})).status).toBe(200);
    const job = await supertest(api2).post(`/api/resource-requests/${req.body.id}/provision`).set(bdc);
    expect(job.status, job.text).toBe(202);
    // the APIs run no workers: the worker process runs the job
    await until('the job to succeed', async () => {
      const j = await supertest(api1).get(`/api/jobs/${job.body.jobId}`).set(bdc);
      if (j.body.state === 'FAILED') throw new Error(JSON.stringify(j.body));
      return j.body.state === 'SUCCEEDED' ? true : undefined;
    }, 60_000);
    const list1 = await supertest(api1).get(`/api/projects/${established.id}/manifests`).set(bdc);
    const list2 = await supertest(api2).get(`/api/projects/${established.id}/manifests`).set(bdc);
    expect(list1.status).toBe(200);
    expect(list2.body).toEqual(list1.body);
    const vm = list1.body.files.find((f: { name: string }) => f.name.startsWith('virtualmachine-'));
    expect(vm).toBeDefined();
    const one = await bytes(supertest(api1).get(`/api/projects/${established.id}/manifests/${vm.name}`).set(bdc));
    const two = await bytes(supertest(api2).get(`/api/projects/${established.id}/manifests/${vm.name}`).set(bdc));
    expect(one.status).toBe(200);
    expect(Buffer.compare(one.body as Buffer, two.body as Buffer)).toBe(0);
    expect(sha256(one.body as Buffer)).toBe(vm.sha256);
    expect((one.body as Buffer).toString('utf8')).toContain('kind: VirtualMachine');
  });

  it('nothing of it was written into any DATA_DIR', () => {
    for (const dir of [dataDirs.api1, dataDirs.api2, dataDirs.worker]) {
      expect(filesUnder(path.join(dir, 'files')), dir).toEqual([]);
      expect(filesUnder(path.join(dir, 'rendered')), dir).toEqual([]);
    }
  });

  it('a content altered in the database is refused, not sent: 409 FILE_CONTENT_CORRUPT, in the reader\'s language', async () => {
    const { prisma } = t.platform.db;
    const doc = await prisma.projectDocument.findUniqueOrThrow({ where: { id: documentId } });
    const altered = Buffer.from(PDF);
    altered[altered.length - 2] ^= 0x01;
    await prisma.$executeRaw`UPDATE stored_file SET content = ${altered} WHERE sha256 = ${doc.contentSha256}`;
    const url = `/api/projects/${established.id}/documents/${documentId}`;
    const zh = await supertest(api2).get(url).set(await bearer(api2, 'dept'));
    expectRefusedContent(zh, 'FILE_CONTENT_CORRUPT');
    expect(zh.body.message).toContain('可能已被篡改');
    expect(zh.headers['content-disposition']).toBeUndefined();
    const en = await supertest(api1).get(url).set(await bearer(api1, 'dept')).set('Accept-Language', 'en');
    expectRefusedContent(en, 'FILE_CONTENT_CORRUPT');
    expect(en.body.message).toContain('tampered');

    // the content put back under its hash, but the record pointed at another content with a correct hash of its
    // own: the record's SM3 gives it away
    await prisma.$executeRaw`UPDATE stored_file SET content = ${PDF} WHERE sha256 = ${doc.contentSha256}`;
    expect((await supertest(api1).get(url).set(await bearer(api1, 'dept'))).status).toBe(200);
    const forged = Buffer.concat([PDF, Buffer.from('\n% forged\n')]);
    await prisma.$executeRaw`INSERT INTO stored_file (sha256, size, "mediaType", content) VALUES (${sha256(forged)}, ${forged.length}, 'application/pdf', ${forged})`;
    await prisma.projectDocument.update({ where: { id: documentId }, data: { contentSha256: sha256(forged) } });
    expectRefusedContent(await supertest(api2).get(url).set(await bearer(api2, 'dept')), 'FILE_CONTENT_CORRUPT');
    await prisma.projectDocument.update({ where: { id: documentId }, data: { contentSha256: doc.contentSha256 } });
  });

  it('a manifest altered in the database is refused the same way', async () => {
    const { prisma } = t.platform.db;
    const bdc = await bearer(api1, 'bdc');
    const list = await supertest(api1).get(`/api/projects/${established.id}/manifests`).set(bdc);
    const quota = list.body.files.find((f: { name: string }) => f.name.startsWith('resourcequota-'));
    await prisma.$executeRaw`UPDATE stored_file SET content = convert_to('kind: ResourceQuota # edited by hand', 'UTF8') WHERE sha256 = ${quota.sha256}`;
    expectRefusedContent(await supertest(api2).get(`/api/projects/${established.id}/manifests/${quota.name}`).set(bdc), 'FILE_CONTENT_CORRUPT');
  });
});

describe('files stored the old way, in a DATA_DIR', () => {
  const key = crypto.randomUUID();
  const alteredKey = crypto.randomUUID();
  const ids = { imported: crypto.randomUUID(), altered: crypto.randomUUID(), absent: crypto.randomUUID() };
  const OLD = Buffer.concat([PDF, Buffer.from('\n% stored before the file store\n')]);
  const YAML = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: legacy\n  namespace: NS\n';
  let namespace: string;
  let provisionedNamespace: string;
  let api3: ServerProcess;

  beforeAll(async () => {
    const { prisma } = t.platform.db;
    const dept = await prisma.user.findFirstOrThrow({ where: { username: 'dept' } });
    // documents as the platform stored them before: the file in DATA_DIR/files/<xx>/<key>, the record naming it
    const files = path.join(dataDirs.api3, 'files');
    for (const [k, content] of [[key, OLD], [alteredKey, Buffer.concat([OLD, Buffer.from('x')])]] as const) {
      fs.mkdirSync(path.join(files, k.slice(0, 2)), { recursive: true });
      fs.writeFileSync(path.join(files, k.slice(0, 2), k), content);
    }
    const base = { projectId: established.id, kind: 'OTHER', contentType: 'application/pdf', size: OLD.length, sm3: sm3(OLD), uploadedById: dept.id };
    await prisma.projectDocument.createMany({
      data: [
        { ...base, id: ids.imported, filename: '旧方案.pdf', storageKey: key },
        // its file was changed on disk since: no longer the SM3 its record holds
        { ...base, id: ids.altered, filename: '被改过.pdf', storageKey: alteredKey },
        // its file is in no DATA_DIR here
        { ...base, id: ids.absent, filename: '别处.pdf', storageKey: crypto.randomUUID() },
      ],
    });
    // manifests the render driver wrote into DATA_DIR/rendered/<namespace>/ before
    namespace = (await supertest(api1).get(`/api/projects/${other.id}/resources`).set(await bearer(api1, 'bdc'))).body.namespace;
    provisionedNamespace = (await supertest(api1).get(`/api/projects/${established.id}/resources`).set(await bearer(api1, 'bdc'))).body.namespace;
    for (const ns of [namespace, provisionedNamespace]) {
      fs.mkdirSync(path.join(dataDirs.api3, 'rendered', ns), { recursive: true });
      fs.writeFileSync(path.join(dataDirs.api3, 'rendered', ns, 'configmap-legacy.yaml'), YAML.replace('NS', ns));
    }
  });

  it('before a replica starts on that DATA_DIR, its documents are not there: 409 FILE_CONTENT_MISSING, not a 500', async () => {
    const res = await supertest(api1).get(`/api/projects/${established.id}/documents/${ids.imported}`).set(await bearer(api1, 'dept'));
    expectRefusedContent(res, 'FILE_CONTENT_MISSING');
  });

  it('a replica started on it imports them, and every replica serves them', async () => {
    api3 = start(dataDirs.api3);
    await api3.listening;
    expect(api3.output()).toMatch(/"documents":1,"missing":\d+,"altered":1,"manifests":1,"namespaces":1[^\n]*files from DATA_DIR imported into the file store/);
    const down = await bytes(supertest(api2).get(`/api/projects/${established.id}/documents/${ids.imported}`).set(await bearer(api2, 'dept')));
    expect(down.status).toBe(200);
    expect(Buffer.compare(down.body as Buffer, OLD)).toBe(0);
    expect(down.headers['x-content-sm3']).toBe(sm3(OLD));
    const { prisma } = t.platform.db;
    expect(await prisma.projectDocument.findUniqueOrThrow({ where: { id: ids.imported } })).toMatchObject({ contentSha256: sha256(OLD), storageKey: key });
    // an altered file is not imported (its record keeps no content); one in no DATA_DIR here neither
    expectRefusedContent(await supertest(api2).get(`/api/projects/${established.id}/documents/${ids.altered}`).set(await bearer(api2, 'dept')), 'FILE_CONTENT_MISSING');
    expectRefusedContent(await supertest(api2).get(`/api/projects/${established.id}/documents/${ids.absent}`).set(await bearer(api2, 'dept')), 'FILE_CONTENT_MISSING');

    // the old manifests of a tenant with none in the store are served; a tenant rendered since keeps what it has
    const bdc = await bearer(api1, 'bdc');
    const list = await supertest(api1).get(`/api/projects/${other.id}/manifests`).set(bdc);
    expect(list.body).toMatchObject({ namespace, files: [expect.objectContaining({ name: 'configmap-legacy.yaml' })] });
    const yaml = await bytes(supertest(api1).get(`/api/projects/${other.id}/manifests/configmap-legacy.yaml`).set(bdc));
    expect((yaml.body as Buffer).toString('utf8')).toBe(YAML.replace('NS', namespace));
    const rendered = await supertest(api1).get(`/api/projects/${established.id}/manifests`).set(bdc);
    expect(rendered.body.files.map((f: { name: string }) => f.name)).not.toContain('configmap-legacy.yaml');
  });

  it('starting again imports nothing more and changes nothing', async () => {
    const { prisma } = t.platform.db;
    const before = { contents: await prisma.storedFile.count(), manifests: await prisma.renderedManifest.findMany({ orderBy: [{ namespace: 'asc' }, { fileName: 'asc' }] }) };
    await api3.kill('SIGTERM');
    api3 = start(dataDirs.api3);
    await api3.listening;
    expect(api3.output()).not.toContain('files from DATA_DIR imported');
    expect(await prisma.storedFile.count()).toBe(before.contents);
    expect(await prisma.renderedManifest.findMany({ orderBy: [{ namespace: 'asc' }, { fileName: 'asc' }] })).toEqual(before.manifests);
    expect((await supertest(api1).get(`/api/projects/${established.id}/documents/${ids.imported}`).set(await bearer(api1, 'dept'))).status).toBe(200);
  });
});
