// The embedded socket keeps each connection's protocol exchanges whole on PGlite's one session: concurrent
// parameterised queries outside transactions each get their own answer, a transaction has the session to itself
// while the others wait, and a connection dropped inside a transaction is rolled back without stopping the rest.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedSocketServer } from '../../core/db/embedded-socket.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-socket-'));
const socketPath = path.join(dir, '.s.PGSQL.5432');
const connection = { host: dir, port: 5432, user: 'postgres', database: 'postgres' };
let db: PGlite;
let server: EmbeddedSocketServer;
const pools: pg.Pool[] = [];

/**
 * pg writes each protocol message on its own (Parse, Bind, Describe, Execute, Sync); on a busy machine they reach
 * the server as separate chunks, with other connections' chunks in between. This socket makes that the rule: each
 * write leaves a moment after the previous one.
 */
class SplitSocket extends net.Socket {
  override _write(chunk: Buffer, encoding: BufferEncoding, done: (err?: Error | null) => void) {
    setTimeout(() => super._write(chunk, encoding, done), 1);
  }
}
// one chunk per write: no gathering of the writes that wait
(SplitSocket.prototype as { _writev?: unknown })._writev = undefined;

const split = { stream: () => new SplitSocket() };

function pool(max: number) {
  const p = new pg.Pool({ ...connection, ...split, max });
  p.on('error', () => {}); // a client dropped on purpose below
  pools.push(p);
  return p;
}

beforeAll(async () => {
  db = await PGlite.create('memory://');
  server = new EmbeddedSocketServer({ db, path: socketPath, maxConnections: 32 });
  await server.start();
  await db.exec('CREATE TABLE t (id int PRIMARY KEY, v text)');
});

afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await server.stop();
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('embedded socket', () => {
  it('is owner-only', () => {
    expect(fs.statSync(socketPath).mode & 0o777).toBe(0o600);
  });

  it('answers each of many concurrent parameterised queries from several connections with its own result', async () => {
    const a = pool(4);
    const b = pool(4);
    // two statements with different texts and parameter counts: a Bind meeting the other's Parse shows at once
    const answers = await Promise.allSettled(
      Array.from({ length: 200 }, (_, n) =>
        n % 2
          ? a.query<{ n: number; via: string }>("SELECT $1::int AS n, 'a' AS via", [n])
          : b.query<{ n: number; via: string }>('SELECT $1::int AS n, $2::text AS via', [n, 'b']),
      ),
    );
    const wrong = answers
      .map((r, n) => {
        if (r.status === 'rejected') return `${n}: ${String(r.reason)}`;
        const [row, ...more] = r.value.rows;
        return row?.n === n && row.via === (n % 2 ? 'a' : 'b') && !more.length ? null : `${n}: ${JSON.stringify(r.value.rows)}`;
      })
      .filter(Boolean);
    expect(wrong).toEqual([]);
  });

  it('keeps a transaction to its connection; the others wait and then see what it committed', async () => {
    const readers = pool(4);
    const tx = await pool(1).connect();
    await tx.query('BEGIN');
    await tx.query('INSERT INTO t (id, v) VALUES ($1, $2)', [1, 'one']);
    // reads on other connections start while the transaction is open …
    const reads = Array.from({ length: 20 }, () => readers.query<{ count: number }>('SELECT count(*)::int AS count FROM t WHERE id = $1', [1]));
    let readsDone = 0;
    reads.forEach((r) => r.then(() => readsDone++, () => {}));
    // … and the transaction's own statements still run, in between and unaffected
    for (let i = 2; i <= 20; i++) await tx.query('INSERT INTO t (id, v) VALUES ($1, $2)', [i, `n${i}`]);
    const inside = await tx.query<{ count: number }>('SELECT count(*)::int AS count FROM t');
    expect(inside.rows[0]!.count).toBe(20);
    expect(readsDone).toBe(0);
    await tx.query('COMMIT');
    tx.release();
    const seen = await Promise.all(reads);
    expect(seen.map((r) => r.rows[0]!.count)).toEqual(Array(20).fill(1));
  });

  it('rolls back a connection dropped inside a transaction, and the others continue', async () => {
    const others = pool(4);
    const dropped = new pg.Client({ ...connection, ...split });
    dropped.on('error', () => {});
    await dropped.connect();
    await dropped.query('BEGIN');
    await dropped.query('INSERT INTO t (id, v) VALUES ($1, $2)', [100, 'never']);
    const waiting = Array.from({ length: 10 }, (_, n) => others.query<{ n: number }>('SELECT $1::int AS n', [n]));
    // the connection goes away without COMMIT, ROLLBACK or Terminate
    (dropped as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect((await Promise.all(waiting)).map((r) => r.rows[0]!.n)).toEqual([...Array(10).keys()]);
    const after = await others.query<{ count: number }>('SELECT count(*)::int AS count FROM t WHERE id = 100');
    expect(after.rows[0]!.count).toBe(0);
    // the session is in no transaction: a new one can begin and commit
    const c = await others.connect();
    await c.query('BEGIN');
    await c.query('INSERT INTO t (id, v) VALUES ($1, $2)', [101, 'kept']);
    await c.query('COMMIT');
    c.release();
    expect((await others.query('SELECT v FROM t WHERE id = 101')).rows).toEqual([{ v: 'kept' }]);
  });

  it('serves a portal read in pages (Execute with a row limit, then Flush) while other connections wait', async () => {
    const paged = pool(1);
    const others = pool(2);
    // pg's `rows` option reads the portal 7 rows at a time, sending Flush rather than Sync between pages
    const pages = paged.query({ text: 'SELECT g FROM generate_series(1, $1::int) g', values: [30], rows: 7 } as pg.QueryConfig);
    const noise = Array.from({ length: 10 }, (_, n) => others.query<{ n: number }>('SELECT $1::int AS n', [n]));
    expect((await pages).rows.map((r: { g: number }) => r.g)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect((await Promise.all(noise)).map((r) => r.rows[0]!.n)).toEqual([...Array(10).keys()]);
  });

  it('refuses connections beyond the limit with PostgreSQL\'s error', async () => {
    const full = new EmbeddedSocketServer({ db, path: path.join(dir, '.s.PGSQL.5433'), maxConnections: 0 });
    await full.start();
    const client = new pg.Client({ ...connection, port: 5433 });
    await expect(client.connect()).rejects.toMatchObject({ code: '53300' });
    await full.stop();
  });
});
