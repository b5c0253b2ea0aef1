// Large bodies served from memory (api/serialised.ts: the catalog, the board, a queue page, the to-do list) go gzipped
// to a client that accepts gzip, as every browser does: the same JSON, the same ETag, a fraction of the bytes; as
// they are to a client that does not accept it; small ones always as they are. (superagent itself sends
// "gzip, deflate" unless told otherwise, so every request here says what it accepts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform();
});

afterAll(async () => {
  await t?.stop();
});

/** the body's bytes (superagent gunzips a gzipped one on the way in) and the headers as sent */
async function raw(path: string, headers: Record<string, string>) {
  const res = await t.http
    .get(path)
    .set(headers)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  return { status: res.status, headers: res.headers as Record<string, string>, bytes: res.body as Buffer };
}

describe('bodies kept in memory', () => {
  it.each([
    ['the catalog', '/api/catalog', false],
    ['the full board', '/api/migration/board?view=full', true],
  ])('%s: gzipped for a client that accepts gzip, the same JSON and ETag as sent plain', async (_name, path, signedIn) => {
    const auth: Record<string, string> = signedIn ? await t.as('gia') : {};
    const plain = await raw(path, { ...auth, 'Accept-Encoding': 'identity' });
    const gzipped = await raw(path, { ...auth, 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect([plain.status, gzipped.status]).toEqual([200, 200]);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    for (const r of [plain, gzipped]) expect(r.headers.vary).toMatch(/Accept-Encoding/);
    expect(gzipped.headers.etag).toBe(plain.headers.etag);
    expect(gzipped.bytes.toString('utf8')).toBe(plain.bytes.toString('utf8'));
    // what went over the wire
    expect(Number(plain.headers['content-length'])).toBe(plain.bytes.length);
    expect(Number(gzipped.headers['content-length'])).toBeLessThan(plain.bytes.length / 3);
    // a conditional request still answers 304, whichever encoding the ETag came with
    const again = await raw(path, { ...auth, 'Accept-Encoding': 'gzip', 'If-None-Match': gzipped.headers.etag! });
    expect(again.status).toBe(304);
  });

  it('go as they are to a client that refuses gzip', async () => {
    const res = await raw('/api/catalog', { 'Accept-Encoding': 'gzip;q=0, identity' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(res.bytes.toString('utf8')).revision.number).toBeGreaterThan(0);
  });

  it('go as they are when small, gzip accepted or not', async () => {
    // the queue of a stage nobody waits in: a few dozen bytes
    const res = await raw('/api/projects/queue?stage=BUDGET_REVIEW', { ...(await t.as('finance')), 'Accept-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(res.bytes.toString('utf8')).items).toEqual([]);
  });
});
