// Project documents: what may be uploaded (the content is sniffed, not the name), by whom and when; SM3 checksums;
// downloads with the UTF-8 file name; where the bytes end up (the shared file store, once per content; nothing on disk).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response, Test } from 'supertest';
import type { LocalDate } from '../../core/calendar/working-days.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { buildBudgetApproved, buildValidDraft, type Built } from '../support/projects.js';
import { PDF } from '../support/documents.js';
import { EMBEDDED_DB_DIR, EMBEDDED_SOCKET } from '../../core/db/database.js';
import { HOLDER_FILE } from '../../core/db/data-dir-lock.js';

let t: TestPlatform;
let today: LocalDate = '2026-11-09';
/** DATA_DIR as test/support/platform.ts sets it; nothing of the uploads is written there (core/files/store.ts) */
let dataDir: string;
let filesDir: string;
/** uploads answered 201: each must have left exactly one document record */
let stored = 0;

beforeAll(async () => {
  t = await startTestPlatform({}, { today: () => today });
  dataDir = t.dataDir;
  filesDir = path.join(dataDir, 'files');
});
afterAll(async () => {
  await t?.stop();
  if (dataDir) await fs.promises.rm(dataDir, { recursive: true, force: true });
});

// ── fixtures ────────────────────────────────────────────────────────────────────────────────────────────────


/** A Windows executable: the MZ header and a PE signature at the offset the header names. */
function exe(): Buffer {
  const b = Buffer.alloc(1024);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}

/** A ZIP of stored (uncompressed) entries, as an OFD (GB/T 33190) container is. */
function zip(entries: [string, string][]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const n = Buffer.from(name);
    const data = Buffer.from(text);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    locals.push(local, n, data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const OFD = zip([
  ['OFD.xml', '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>'],
  ['Doc_0/Document.xml', '<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"/>'],
]);

const sm3 = (b: Buffer) => crypto.createHash('sm3').update(b).digest('hex');
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

// ── helpers ─────────────────────────────────────────────────────────────────────────────────────────────────

async function as(who: string | null, req: Test): Promise<Response> {
  return who ? req.set(await t.as(who)) : req;
}

function upload(who: string | null, id: string, kind: string, content: Buffer, filename: string) {
  return as(who, t.http.post(`/api/projects/${id}/documents`).field('kind', kind).attach('file', content, filename));
}

/** An upload that must be stored. */
async function accepted(who: string, id: string, kind: string, content: Buffer, filename: string) {
  const res = await upload(who, id, kind, content, filename);
  expect(res.status, res.text).toBe(201);
  stored++;
  return res;
}

function download(who: string | null, id: string, documentId: string) {
  return as(
    who,
    t.http
      .get(`/api/projects/${id}/documents/${documentId}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          // refusals are JSON; documents are bytes
          done(null, /json/.test(String(res.headers['content-type'])) ? JSON.parse(body.toString('utf8')) : body);
        });
      }),
  );
}

function expectRefused(res: Response, status: number, code: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.body.code, res.text).toBe(code);
}

/** Every regular file under a directory, recursively (absolute paths). */
/** files under `dir`, without the embedded database's own (its folder, socket and lock holder file in DATA_DIR) */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  // the platform's own files: the embedded database, its lock, and the audit chain's keys and checkpoints (kept out of
  // the database on purpose: core/audit/keys.ts, checkpoints.ts)
  const platformOwn = [EMBEDDED_DB_DIR, EMBEDDED_SOCKET, HOLDER_FILE, 'audit-keys', 'audit-checkpoints.jsonl'].map((e) => path.join(dataDir, e));
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() || e.isSocket())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !platformOwn.some((own) => f === own || f.startsWith(own + path.sep)));
}

async function documentsOf(id: string) {
  const res = await as('dept', t.http.get(`/api/projects/${id}`));
  return res.body.documents as { id: string; kind: string; filename: string; sm3: string }[];
}

async function uploadAudits(id: string) {
  const res = await as('auditor', t.http.get('/api/audit/events').query({ action: 'project.document.upload', targetId: id, limit: 500 }));
  return res.body.items as { detail: { filename: string; sm3: string } }[];
}

// ── tests ───────────────────────────────────────────────────────────────────────────────────────────────────

describe('a proposal PDF, uploaded and downloaded', () => {
  let p: Built;
  let doc: { id: string; sm3: string };
  const NAME = '项目建议书（2026年）.pdf';

  beforeAll(async () => {
    p = await buildValidDraft(t, 'dept');
  });

  it('is stored (201) with the SM3 checksum of its bytes, sniffed as application/pdf', async () => {
    const res = await accepted('dept', p.id, 'PROPOSAL', PDF, NAME);
    expect(res.body).toMatchObject({ id: expect.any(String), kind: 'PROPOSAL', contentType: 'application/pdf', size: PDF.length, sm3: sm3(PDF) });
    expect(res.body.sm3).toMatch(/^[0-9a-f]{64}$/);
    doc = res.body;
    const docs = await documentsOf(p.id);
    expect(docs).toEqual([expect.objectContaining({ id: doc.id, kind: 'PROPOSAL', sm3: sm3(PDF) })]);
    const audits = await uploadAudits(p.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.detail.sm3).toBe(sm3(PDF));
  });

  // BUG (api/routers/projects.ts: multer() is created without `defParamCharset: 'utf8'`; multer 2 defaults to
  // latin1): browsers and HTTP clients send a multipart file name as raw UTF-8 (`filename="项目建议书.pdf"`), which
  // multer decodes as latin1, so every Chinese file name is stored — and sent back on download — as mojibake
  // ("é¡¹ç›®å»ºè®®ä¹¦…").
  //   POST /api/projects/:id/documents, file part `filename="项目建议书（2026年）.pdf"` → expected the document's
  //   filename "项目建议书（2026年）.pdf".
  //   GET /api/projects/:id/documents/:documentId → expected Content-Disposition
  //   `attachment; filename="document"; filename*=UTF-8''%E9%A1%B9%E7%9B%AE…` (the name sent), got the encoded mojibake.
  it('keeps its Chinese file name, and sends it back as UTF-8 in Content-Disposition', async () => {
    expect((await documentsOf(p.id))[0]!.filename).toBe(NAME);
    const res = await download('dept', p.id, doc.id);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="document"; filename*=UTF-8''${encodeURIComponent(NAME)}`);
  });

  // BUG (projects/documents.ts upload, and likewise projects/filings.ts file/issueRectification and objections):
  // adding a document does not bump the project's version, yet the document is part of GET /api/projects/:id, whose
  // strong ETag is that version. Express answers a conditional GET itself, so a client revalidating its copy with
  // If-None-Match gets 304 Not Modified and never sees the new document (RFC 9110 §8.8.3: the ETag must change
  // when the representation does).
  //   upload a document, then GET /api/projects/:id with If-None-Match: <the ETag read before the upload>
  //   → expected 200 listing the new document, got 304.
  it('after an upload, a conditional GET with the ETag read before it is not 304', async () => {
    const before = await as('dept', t.http.get(`/api/projects/${p.id}`));
    await accepted('dept', p.id, 'FEASIBILITY', PDF, 'feasibility.pdf');
    const res = await as('dept', t.http.get(`/api/projects/${p.id}`).set('If-None-Match', before.headers.etag));
    expect(res.status).toBe(200);
    expect(res.body.documents).toHaveLength(2);
  });

  it('the department downloads the same bytes, with the stored file name as UTF-8 in Content-Disposition', async () => {
    const res = await download('dept', p.id, doc.id);
    expect(res.status).toBe(200);
    expect(Buffer.compare(res.body as Buffer, PDF)).toBe(0);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-length']).toBe(String(PDF.length));
    expect(res.headers['x-content-sm3']).toBe(sm3(PDF));
    const stored = (await documentsOf(p.id))[0]!.filename;
    expect(res.headers['content-disposition']).toBe(`attachment; filename="document"; filename*=UTF-8''${encodeURIComponent(stored)}`);
  });

  it('GIA cannot fetch it while the project is a draft (404), and can once it is submitted', async () => {
    expectRefused(await download('gia', p.id, doc.id), 404, 'NOT_FOUND');
    // the upload changed what the project shows, so the ETag read before it is stale
    const current = await as('dept', t.http.get(`/api/projects/${p.id}`));
    expect(current.headers.etag).not.toBe(p.etag);
    const s = await as('dept', t.http.post(`/api/projects/${p.id}/submit`).set('If-Match', current.headers.etag).send({}));
    expect(s.status, s.text).toBe(200);
    p = { id: p.id, etag: s.headers.etag, body: s.body };
    const res = await download('gia', p.id, doc.id);
    expect(res.status).toBe(200);
    expect(Buffer.compare(res.body as Buffer, PDF)).toBe(0);
    expect(res.headers['x-content-sm3']).toBe(sm3(PDF));
  });

  it('another department gets 404 on download and upload; an unknown document is 404', async () => {
    expectRefused(await download('dept2', p.id, doc.id), 404, 'NOT_FOUND');
    expectRefused(await upload('dept2', p.id, 'PROPOSAL', PDF, '附件.pdf'), 404, 'NOT_FOUND');
    expectRefused(await download('dept', p.id, crypto.randomUUID()), 404, 'NOT_FOUND');
    expectRefused(await download(null, p.id, doc.id), 401, 'UNAUTHENTICATED');
  });

  // BUG (projects/documents.ts upload): the state is checked only through the `update` ability's conditions, so
  // the project's own department gets 403 FORBIDDEN (and an access.denied security record) for adding a proposal
  // to a submitted project, while PATCH /api/projects/:id — the same `update` ability — answers 409
  // INVALID_TRANSITION for the same department in the same state. The role may do it, the project is not in a
  // state for it: 409.
  //   POST /api/projects/:id/documents kind=PROPOSAL as dept on a GIA_REVIEW project → expected 409, got 403.
  it('an application document cannot be added once the project is submitted (409); GIA may never add one (403)', async () => {
    const before = await documentsOf(p.id);
    expectRefused(await upload('gia', p.id, 'PROPOSAL', PDF, '审核意见.pdf'), 403, 'FORBIDDEN');
    const patch = await as('dept', t.http.patch(`/api/projects/${p.id}`).set('If-Match', p.etag).send({ name: '提交后修改' }));
    expectRefused(patch, 409, 'INVALID_TRANSITION');
    const res = await upload('dept', p.id, 'PROPOSAL', PDF, '补充建议书.pdf');
    expect(res.status, res.text).toBe(409);
    expect(await documentsOf(p.id)).toEqual(before);
  });
});

describe('what is refused', () => {
  let p: Built;
  beforeAll(async () => {
    p = await buildValidDraft(t, 'dept');
  });

  it('a Windows executable named 方案.pdf is 415 UNSUPPORTED_FILE_TYPE', async () => {
    const res = await upload('dept', p.id, 'PROPOSAL', exe(), '方案.pdf');
    expectRefused(res, 415, 'UNSUPPORTED_FILE_TYPE');
    expect(res.body.message).toContain('exe');
    expect(res.body.fields).toEqual([expect.objectContaining({ path: 'file', code: 'field.invalid_format' })]);
  });

  it('a PDF named x.docx is 415 (the name must match the content)', async () => {
    expectRefused(await upload('dept', p.id, 'FEASIBILITY', PDF, 'x.docx'), 415, 'UNSUPPORTED_FILE_TYPE');
    expectRefused(await upload('dept', p.id, 'FEASIBILITY', PDF, 'x'), 415, 'UNSUPPORTED_FILE_TYPE');
    expectRefused(await upload('dept', p.id, 'FEASIBILITY', Buffer.from('纯文本，不是PDF'), 'x.pdf'), 415, 'UNSUPPORTED_FILE_TYPE');
  });

  it('a file over 20 MiB is 413 PAYLOAD_TOO_LARGE', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x20);
    PDF.copy(big);
    const res = await upload('dept', p.id, 'PROPOSAL', big, '超大建议书.pdf');
    expectRefused(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(res.body.message).toContain('20 MiB');
  });

  it('an empty file, a missing file or an unknown kind is 400', async () => {
    const empty = await upload('dept', p.id, 'PROPOSAL', Buffer.alloc(0), '空.pdf');
    expect(empty.status, empty.text).toBe(400);
    const none = await as('dept', t.http.post(`/api/projects/${p.id}/documents`).field('kind', 'PROPOSAL'));
    expectRefused(none, 400, 'VALIDATION_FAILED');
    expect(none.body.fields).toEqual([expect.objectContaining({ path: 'file', code: 'field.required' })]);
    const kind = await upload('dept', p.id, 'MALWARE', PDF, 'a.pdf');
    expectRefused(kind, 400, 'VALIDATION_FAILED');
    expect(kind.body.fields).toEqual([expect.objectContaining({ path: 'kind' })]);
  });

  it('the public gets 401 before the upload is read (a 21 MiB body is not even measured)', async () => {
    const before = filesUnder(dataDir).length;
    const big = Buffer.alloc(21 * 1024 * 1024, 0x20);
    PDF.copy(big);
    expectRefused(await upload(null, p.id, 'PROPOSAL', big, 'a.pdf'), 401, 'UNAUTHENTICATED');
    expectRefused(await upload(null, p.id, 'PROPOSAL', PDF, 'a.pdf'), 401, 'UNAUTHENTICATED');
    expect(filesUnder(dataDir).length).toBe(before);
  });

  it('none of the refused uploads left a document or an audit record', async () => {
    expect(await documentsOf(p.id)).toEqual([]);
    expect(await uploadAudits(p.id)).toEqual([]);
  });
});

describe('where the bytes go', () => {
  let p: Built;
  beforeAll(async () => {
    p = await buildValidDraft(t, 'dept');
  });

  it('a file name with a path, ../../etc/passwd.pdf, is stored as passwd.pdf', async () => {
    // (OTHER is a filing document kind, allowed only once established; a draft takes the application kinds)
    const res = await accepted('dept', p.id, 'PROPOSAL', PDF, '../../etc/passwd.pdf');
    expect(res.body.filename).toBe('passwd.pdf');
    const back = await download('dept', p.id, res.body.id);
    expect(back.headers['content-disposition']).toContain("filename*=UTF-8''passwd.pdf");
    // the same with Windows separators
    const win = await accepted('dept', p.id, 'INVESTMENT_ESTIMATE', PDF, '..\\..\\Windows\\evil.pdf');
    expect(win.body.filename).toBe('evil.pdf');
  });

  it('an OFD (a ZIP container named .ofd) is accepted as application/ofd', async () => {
    const res = await accepted('dept', p.id, 'FEASIBILITY', OFD, '可行性研究报告.ofd');
    expect(res.body).toMatchObject({ contentType: 'application/ofd', size: OFD.length, sm3: sm3(OFD) });
    const back = await download('dept', p.id, res.body.id);
    expect(Buffer.compare(back.body as Buffer, OFD)).toBe(0);
    // a ZIP that is not named .ofd is not a document type
    expectRefused(await upload('dept', p.id, 'FEASIBILITY', OFD, '可行性研究报告.zip'), 415, 'UNSUPPORTED_FILE_TYPE');
  });

  it('a contract can be uploaded once the project is established, not an application document', async () => {
    let e = await buildBudgetApproved(t, 'dept');
    for (const [action, body] of [
      ['notice', { startDate: today, endDate: today }],
      ['establish', {}],
    ] as const) {
      if (action === 'establish') today = '2026-11-10';
      const res = await as('gia', t.http.post(`/api/projects/${e.id}/${action}`).set('If-Match', e.etag).send(body));
      expect(res.status, res.text).toBe(200);
      e = { id: e.id, etag: res.headers.etag, body: res.body };
    }
    expect(e.body.status).toBe('ESTABLISHED');
    const res = await accepted('dept', e.id, 'CONTRACT', PDF, 'contract-YC-2026-088.pdf');
    expect(res.body).toMatchObject({ kind: 'CONTRACT', sm3: sm3(PDF) });
    // GIA and the sub-center read it; Finance too
    for (const who of ['gia', 'bdc', 'finance']) {
      const back = await download(who, e.id, res.body.id);
      expect(back.status, who).toBe(200);
      expect(Buffer.compare(back.body as Buffer, PDF)).toBe(0);
    }
    // an application document after establishment: refused (see the BUG note above for 403 vs 409)
    const late = await upload('dept', e.id, 'PROPOSAL', PDF, 'late.pdf');
    expect([403, 409]).toContain(late.status);
    // the sub-center may read but not file
    expectRefused(await upload('bdc', e.id, 'CONTRACT', PDF, 'bdc.pdf'), 403, 'FORBIDDEN');
  });

  it('nothing is written to disk: each content is stored once in the file store, keyed by its SHA-256, no leftovers', async () => {
    // the bytes are in the database every replica shares (core/files), not in this process's DATA_DIR
    expect(filesUnder(dataDir)).toEqual([]);
    const { prisma } = t.platform.db;
    const docs = await prisma.projectDocument.findMany({ select: { contentSha256: true, sm3: true, storageKey: true } });
    expect(docs).toHaveLength(stored);
    const contents = await prisma.storedFile.findMany();
    // several uploads of two different contents: two stored contents, each what was uploaded, under its own SHA-256
    expect(new Set(contents.map((c) => c.sha256))).toEqual(new Set([sha256(PDF), sha256(OFD)]));
    for (const c of contents) expect(sha256(Buffer.from(c.content)), c.sha256).toBe(c.sha256);
    expect(contents.find((c) => c.sha256 === sha256(OFD))).toMatchObject({ size: OFD.length, mediaType: 'application/ofd' });
    for (const d of docs) {
      expect(d.storageKey).toBeNull();
      expect(contents.some((c) => c.sha256 === d.contentSha256 && sm3(Buffer.from(c.content)) === d.sm3)).toBe(true);
    }
    // and no passwd.pdf anywhere the traversal could have reached
    for (const dir of [dataDir, path.dirname(dataDir), path.resolve(dataDir, '..', '..'), path.resolve(filesDir, '..', '..', 'etc')]) {
      expect(fs.existsSync(path.join(dir, 'passwd.pdf')), dir).toBe(false);
      expect(fs.existsSync(path.join(dir, 'etc', 'passwd.pdf')), dir).toBe(false);
    }
  });
});
