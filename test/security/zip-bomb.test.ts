// Zip bombs (issue 19, finding 7): a project document or a register import that inflates far beyond its size is
// refused with 422 before it is stored or read, by counting the bytes it really inflates to (not the sizes its
// headers claim); archives nested too deep are refused too (README "Hardening").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectArchive } from '../../core/files/archive-inspection.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { createDraft } from '../support/projects.js';
import { docx, docxBomb, docxNested, zip } from '../support/zip-bomb.js';

const LIMITS = { maxUncompressedBytes: 8 * 1024 * 1024, maxRatio: 100, maxEntries: 50, maxDepth: 1 };

describe('archive inspection', () => {
  it('passes an ordinary docx and counts what it inflates to', async () => {
    const summary = await inspectArchive(docx(), LIMITS);
    expect(summary.entries).toBe(2);
    expect(summary.inflatedBytes).toBeGreaterThan(200);
  });

  it('refuses a few MiB of zeros deflated to KiB (the ratio), and stops inflating as soon as the limit is passed', async () => {
    const bomb = docxBomb(64);
    expect(bomb.length).toBeLessThan(100 * 1024);
    const started = Date.now();
    await expect(inspectArchive(bomb, LIMITS)).rejects.toMatchObject({ status: 422, code: 'ARCHIVE_SUSPICIOUS', params: { reason: 'ratio' } });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses an archive that inflates past the size limit even at a modest ratio', async () => {
    await expect(inspectArchive(docxBomb(16), { ...LIMITS, maxRatio: 100_000 })).rejects.toMatchObject({ code: 'ARCHIVE_TOO_LARGE', params: { reason: 'too_large', maxMiB: 8 } });
  });

  it('does not trust the sizes the headers claim', async () => {
    // the headers say 100 bytes; the entry inflates to 16 MiB
    await expect(inspectArchive(docxBomb(16, 100), { ...LIMITS, maxRatio: 100_000, maxUncompressedBytes: 1024 ** 3 })).rejects.toMatchObject({ status: 422, code: 'ARCHIVE_SUSPICIOUS' });
  });

  it('refuses too many entries', async () => {
    const many = zip(Array.from({ length: 60 }, (_, i) => ({ name: `f${i}.txt`, content: Buffer.from(String(i)) })));
    await expect(inspectArchive(many, LIMITS)).rejects.toMatchObject({ code: 'ARCHIVE_SUSPICIOUS', params: { reason: 'too_many_entries', maxEntries: 50 } });
  });

  it('allows one nested archive and refuses archives nested deeper, zeros inside nested archives counted too', async () => {
    expect((await inspectArchive(docxNested(1), LIMITS)).nested).toBe(1);
    await expect(inspectArchive(docxNested(3), LIMITS)).rejects.toMatchObject({ code: 'ARCHIVE_SUSPICIOUS', params: { reason: 'nested', maxDepth: 1 } });
    const nestedBomb = zip([{ name: 'inner.zip', content: docxBomb(32) }]);
    await expect(inspectArchive(nestedBomb, { ...LIMITS, maxRatio: 100_000 })).rejects.toMatchObject({ code: 'ARCHIVE_TOO_LARGE' });
  });

  it('leaves what is not a zip archive alone', async () => {
    expect(await inspectArchive(Buffer.from('%PDF-1.4 …'), LIMITS)).toEqual({ entries: 0, inflatedBytes: 0, nested: 0 });
  });
});

describe('through the API', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t?.stop());

  const uploadDocument = async (projectId: string, file: Buffer, name: string) =>
    t.http.post(`/api/projects/${projectId}/documents`).set(await t.as('dept')).field('kind', 'PROPOSAL').attach('file', file, name);

  it('stores an ordinary docx and refuses a docx bomb and a deeply nested docx with 422, storing nothing', async () => {
    const draft = await createDraft(t);
    expect((await uploadDocument(draft.id, docx(), '建议书.docx')).status).toBe(201);
    const bomb = await uploadDocument(draft.id, docxBomb(200), '建议书.docx');
    expect(bomb.status).toBe(422);
    expect(bomb.body).toMatchObject({ code: 'ARCHIVE_SUSPICIOUS', message: '压缩文件结构可疑，已拒绝', fields: [{ path: 'file', code: 'archive.ratio' }] });
    const nested = await uploadDocument(draft.id, docxNested(3), '建议书.docx');
    expect(nested.status).toBe(422);
    expect(nested.body.fields[0].code).toBe('archive.nested');
    const project = await t.http.get(`/api/projects/${draft.id}`).set(await t.as('dept'));
    expect(project.body.documents).toHaveLength(1);
  });

  it('refuses a register import that is a zip bomb before the spreadsheet is read', async () => {
    const bomb = zip([
      { name: '[Content_Types].xml', content: Buffer.from('<?xml version="1.0"?><Types/>') },
      { name: 'xl/worksheets/sheet1.xml', content: Buffer.alloc(300 * 1024 * 1024) },
    ]);
    for (const path of ['/api/migration/systems/import/preview', '/api/migration/systems/import']) {
      const started = Date.now();
      const res = await t.http.post(path).set(await t.as('dept')).attach('file', bomb, '系统清单.xlsx');
      expect(res.status, path).toBe(422);
      expect(res.body.code).toBe('ARCHIVE_SUSPICIOUS');
      expect(Date.now() - started).toBeLessThan(3000);
    }
  });
});
