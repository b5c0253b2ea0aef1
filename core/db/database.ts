// The database handle: PostgreSQL when DATABASE_URL is set, otherwise an in-process PGlite database kept in
// DATA_DIR and served on a private Unix socket, so that every other line of code (pg, Prisma, the migration
// runner, the job queue) is the same on both.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.js';
import { trackCommits } from './commit-hooks.js';
import { acquireDataDirLock, type LockHolder } from './data-dir-lock.js';
import { EmbeddedSocketServer } from './embedded-socket.js';
import { PgListener } from './pg-listener.js';

export type Prisma = PrismaClient;
/** The client inside an interactive transaction. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export interface Database {
  prisma: PrismaClient;
  pool: pg.Pool;
  kind: 'postgresql' | 'embedded';
  /** the embedded database: who held DATA_DIR before a crash, when this process took the folder over from them */
  tookOverFrom: LockHolder | null;
  /**
   * Calls `onPayload` with each notification on `channel` (pg_notify in a transaction: delivered once it commits, from
   * any process on the same database). `onReconnect` is called when the listening connection was lost and is back:
   * notifications sent meanwhile are lost, so what depends on them must look again. Returns the unsubscribe.
   */
  listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<() => void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  poolMax?: number;
  /** keep the embedded database in memory only (tests) */
  inMemory?: boolean;
  /** what this process is, named to a second process refused the same DATA_DIR ("api", "worker", "backup" …) */
  purpose?: string;
}

const EMBEDDED_SOCKET_PORT = 5432;
/** the embedded database's folder and its socket inside DATA_DIR (everything else there is the platform's files) */
export const EMBEDDED_DB_DIR = 'pgdata';
export const EMBEDDED_SOCKET = `.s.PGSQL.${EMBEDDED_SOCKET_PORT}`;

/** How a client reaches the embedded database of a platform running on `dataDir` (its private socket). */
export function embeddedConnection(dataDir: string): pg.PoolConfig {
  return { host: dataDir, port: EMBEDDED_SOCKET_PORT, user: 'postgres', database: 'postgres' };
}

/**
 * Opens the PGlite folder, creating it first if needed. A new database is initialised under a temporary name and
 * renamed into place only once complete, so a process killed during the first start leaves no half-made folder.
 */
async function openPglite(dbDir: string) {
  const { PGlite } = await import('@electric-sql/pglite');
  if (!fs.existsSync(dbDir)) {
    const fresh = `${dbDir}.init`;
    fs.rmSync(fresh, { recursive: true, force: true }); // left by a start that was killed
    const made = await PGlite.create(fresh);
    await made.close();
    fs.renameSync(fresh, dbDir);
  }
  return PGlite.create(dbDir);
}

async function startEmbedded(dataDir: string, inMemory: boolean) {
  const { PGlite } = await import('@electric-sql/pglite');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const socketDir = inMemory ? fs.mkdtempSync(path.join(dataDir, 'sock-')) : dataDir;
  const socketPath = path.join(socketDir, EMBEDDED_SOCKET);
  fs.rmSync(socketPath, { force: true }); // left behind by a process that was killed (the folder is ours: data-dir-lock)
  const db = inMemory ? await PGlite.create('memory://') : await openPglite(path.join(dataDir, EMBEDDED_DB_DIR));
  // our own server (embedded-socket.ts): it keeps each connection's protocol exchanges whole on the one session
  const server = new EmbeddedSocketServer({ db, path: socketPath, maxConnections: 32 });
  await server.start(); // the socket is owner-only (0600) inside a folder that is too
  return {
    server,
    poolConfig: embeddedConnection(socketDir),
    async stop() {
      await server.stop();
      await db.close();
      fs.rmSync(inMemory ? socketDir : socketPath, { recursive: true, force: true });
    },
  };
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  // the embedded database belongs to one process: the folder is taken before anything in it is opened
  const lock = opts.databaseUrl || opts.inMemory ? undefined : await acquireDataDirLock(opts.dataDir, opts.purpose ?? 'api');
  let embedded: Awaited<ReturnType<typeof startEmbedded>> | undefined;
  try {
    embedded = opts.databaseUrl ? undefined : await startEmbedded(opts.dataDir, opts.inMemory ?? false);
  } catch (err) {
    await lock?.release();
    throw err;
  }
  const pool = new pg.Pool(
    embedded
      ? { ...embedded.poolConfig, max: 8 }
      : { connectionString: opts.databaseUrl, max: opts.poolMax ?? 10 },
  );
  pool.on('error', () => {
    /* idle client errors are reported by the query that hits them */
  });
  const prisma = trackCommits(new PrismaClient({ adapter: new PrismaPg(pool) }));
  const listener = embedded ? null : new PgListener(opts.databaseUrl!);
  return {
    prisma,
    pool,
    kind: embedded ? 'embedded' : 'postgresql',
    tookOverFrom: lock?.tookOverFrom ?? null,
    listen: (channel, onPayload, onReconnect) => (embedded ? embedded.server.listen(channel, onPayload) : listener!.listen(channel, onPayload, onReconnect)),
    async close() {
      await listener?.close();
      await prisma.$disconnect();
      await pool.end();
      await embedded?.stop();
      await lock?.release();
    },
  };
}
