// The embedded default upgraded in place: a DATA_DIR with documents and manifests stored the old way (files in
// DATA_DIR/files and DATA_DIR/rendered) starts with them imported into the file store (core/files/legacy-import.ts)
// and served; starting again changes nothing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../api/platform.js';
import { loadConfig } from '../../core/config.js';
import { PDF } from '../support/documents.js';
import { DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { buildEstablished, type Built } from '../support/projects.js';

const sm3 = (b: Buffer) => crypto.createHash('sm3').update(b).digest('hex');
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const OLD = Buffer.concat([PDF, Buffer.from('\n% stored in DATA_DIR/files\n')]);
const key = crypto.randomUUID();
const documentId = crypto.randomUUID();

let first: TestPlatform;
let dataDir: string;
let project: Built;
let namespace: string;
let platform: Platform | undefined;

async function restart(): Promise<{ platform: Platform; http: ReturnType<typeof supertest>; bdc: Record<string, string>; dept: Record<string, string> }> {
  await platform?.stop();
  platform = await startPlatform(loadConfig({ ...first.database.env, DEMO_PASSWORD, LOG_LEVEL: 'silent' }), { listen: false });
  const http = supertest(platform.app);
  const login = async (username: string) => ({ Authorization: `Bearer ${(await http.post('/api/auth/login').send({ username, password: DEMO_PASSWORD })).body.token}` });
  return { platform, http, bdc: await login('bdc'), dept: await login('dept') };
}

beforeAll(async () => {
  first = await startTestPlatform();
  dataDir = first.dataDir;
  project = await buildEstablished(first);
  namespace = (await first.http.get(`/api/projects/${project.id}/resources`).set(await first.as('bdc'))).body.namespace;
  // what an earlier version left: the document's file under its key, its record naming it, the tenant's manifests
  const { prisma } = first.platform.db;
  const dept = await prisma.user.findFirstOrThrow({ where: { username: 'dept' } });
  await prisma.projectDocument.create({
    data: { id: documentId, projectId: project.id, kind: 'CONTRACT', filename: '合同.pdf', contentType: 'application/pdf', size: OLD.length, sm3: sm3(OLD), storageKey: key, uploadedById: dept.id },
  });
  fs.mkdirSync(path.join(dataDir, 'files', key.slice(0, 2)), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'files', key.slice(0, 2), key), OLD);
  fs.mkdirSync(path.join(dataDir, 'rendered', namespace), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'rendered', namespace, 'namespace-legacy.yaml'), `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${namespace}\n`);
  await first.platform.stop();
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('files stored the old way in the embedded DATA_DIR', () => {
  it('are imported at start and served', async () => {
    const { http, bdc, dept, platform: p } = await restart();
    const down = await http.get(`/api/projects/${project.id}/documents/${documentId}`).set(dept).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(down.status).toBe(200);
    expect(Buffer.compare(down.body as Buffer, OLD)).toBe(0);
    expect(await p.db.prisma.projectDocument.findUniqueOrThrow({ where: { id: documentId } })).toMatchObject({ contentSha256: sha256(OLD) });
    const list = await http.get(`/api/projects/${project.id}/manifests`).set(bdc);
    expect(list.body).toMatchObject({ namespace, files: [expect.objectContaining({ name: 'namespace-legacy.yaml' })] });
  });

  it('starting again changes nothing', async () => {
    const before = await platform!.db.prisma.storedFile.findMany({ select: { sha256: true, storedAt: true }, orderBy: { sha256: 'asc' } });
    const { http, dept, platform: p } = await restart();
    expect(await p.db.prisma.storedFile.findMany({ select: { sha256: true, storedAt: true }, orderBy: { sha256: 'asc' } })).toEqual(before);
    expect((await http.get(`/api/projects/${project.id}/documents/${documentId}`).set(dept)).status).toBe(200);
  });
});
