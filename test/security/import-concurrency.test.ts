// Imports at once per user (issue 19, finding 7): reading a large spreadsheet costs seconds of a core, so one user
// runs at most ZY_IMPORT_CONCURRENCY_PER_USER imports (previews included) at a time; a further one is 429
// IMPORT_BUSY with Retry-After, and another user is not held up (README "Hardening").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImportGate, IMPORT_RETRY_AFTER_SECONDS } from '../../api/import-gate.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { zip } from '../support/zip-bomb.js';

describe('the import gate', () => {
  it('runs two imports of one user at once, refuses a third with 429, and takes one again once a slot is free', async () => {
    const gate = createImportGate(2);
    const releases: (() => void)[] = [];
    const held = () => new Promise<string>((resolve) => releases.push(() => resolve('done')));
    const first = gate.run('u1', held);
    const second = gate.run('u1', held);
    await expect(gate.run('u1', held)).rejects.toMatchObject({ status: 429, code: 'IMPORT_BUSY', retryAfterSeconds: IMPORT_RETRY_AFTER_SECONDS });
    // another user has slots of their own
    const other = gate.run('u2', held);
    expect(gate.runningFor('u1')).toBe(2);
    releases[0]!();
    expect(await first).toBe('done');
    const third = gate.run('u1', held);
    expect(gate.runningFor('u1')).toBe(2);
    releases.slice(1).forEach((r) => r());
    await Promise.all([second, other, third]);
    expect(gate.runningFor('u1')).toBe(0);
  });

  it('frees the slot when an import fails', async () => {
    const gate = createImportGate(1);
    await expect(gate.run('u1', () => Promise.reject(new Error('broken file')))).rejects.toThrow('broken file');
    expect(await gate.run('u1', async () => 'next')).toBe('next');
  });
});

describe('through the API', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    // archives allowed to be large here, so that each import takes a while (the inflating is what is bounded)
    t = await startTestPlatform({ ZY_IMPORT_CONCURRENCY_PER_USER: '2', ZY_ARCHIVE_MAX_RATIO: '10000', ZY_ARCHIVE_MAX_UNCOMPRESSED_MB: '4096' });
  });
  afterAll(() => t?.stop());

  it('answers 429 IMPORT_BUSY with Retry-After to the imports beyond two running at once for one user', async () => {
    // 400 MiB of zeros: each preview inflates it before the sheet is found unreadable
    const heavy = zip([
      { name: '[Content_Types].xml', content: Buffer.from('<?xml version="1.0"?><Types/>') },
      { name: 'xl/worksheets/sheet1.xml', content: Buffer.alloc(400 * 1024 * 1024) },
    ]);
    const auth = await t.as('dept');
    const answers = await Promise.all(Array.from({ length: 5 }, () => t.http.post('/api/migration/systems/import/preview').set(auth).attach('file', heavy, '系统清单.xlsx')));
    const busy = answers.filter((r) => r.status === 429);
    const ran = answers.filter((r) => r.status !== 429);
    expect(ran.length).toBeGreaterThanOrEqual(2);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    for (const r of ran) expect(r.status).toBeLessThan(500);
    expect(busy[0]!.body).toMatchObject({ code: 'IMPORT_BUSY' });
    expect(busy[0]!.body.message).toContain('2 个导入正在进行');
    expect(busy[0]!.headers['retry-after']).toBe(String(IMPORT_RETRY_AFTER_SECONDS));
    // once they are done, the user imports again
    const after = await t.http.post('/api/migration/systems/import/preview').set(auth).attach('file', Buffer.from('系统名称\n'), '系统清单.csv');
    expect(after.status).not.toBe(429);
  });
});
