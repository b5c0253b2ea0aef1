// The database handle: PostgreSQL when DATABASE_URL is set, otherwise an in-process PGlite database kept in
// DATA_DIR and served on a private Unix socket, so that every other line of code (pg, Prisma, the migration
// runner, the job queue) is the same on both.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.js';

export type Prisma = PrismaClient;
/** The client inside an interactive transaction. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export interface Database {
  prisma: PrismaClient;
  pool: pg.Pool;
  kind: 'postgresql' | 'embedded';
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  poolMax?: number;
  /** keep the embedded database in memory only (tests) */
  inMemory?: boolean;
}

const EMBEDDED_SOCKET_PORT = 5432;

async function startEmbedded(dataDir: string, inMemory: boolean) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const dbDir = path.join(dataDir, 'pgdata');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const socketDir = inMemory ? fs.mkdtempSync(path.join(dataDir, 'sock-')) : dataDir;
  const socketPath = path.join(socketDir, `.s.PGSQL.${EMBEDDED_SOCKET_PORT}`);
  fs.rmSync(socketPath, { force: true }); // left behind by a process that was killed
  const db = await PGlite.create(inMemory ? 'memory://' : dbDir);
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 32 });
  await server.start();
  fs.chmodSync(socketPath, 0o600);
  return {
    poolConfig: { host: socketDir, port: EMBEDDED_SOCKET_PORT, user: 'postgres', database: 'postgres' },
    async stop() {
      await server.stop();
      await db.close();
      if (inMemory) fs.rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  const embedded = opts.databaseUrl ? undefined : await startEmbedded(opts.dataDir, opts.inMemory ?? false);
  const pool = new pg.Pool(
    embedded
      ? { ...embedded.poolConfig, max: 8 }
      : { connectionString: opts.databaseUrl, max: opts.poolMax ?? 10 },
  );
  pool.on('error', () => {
    /* idle client errors are reported by the query that hits them */
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pool,
    kind: embedded ? 'embedded' : 'postgresql',
    async close() {
      await prisma.$disconnect();
      await pool.end();
      await embedded?.stop();
    },
  };
}
