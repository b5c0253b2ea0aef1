// One test per workaround in schema-engine.ts; each fails if its workaround is removed. Each workaround also
// has a "canary" showing that the defect is still there in the installed packages: when a canary fails after
// an upgrade, the defect has been fixed upstream and the workaround can go.
// Runs against the PostgreSQL at TEST_DATABASE_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres)
// in uniquely named scratch databases that are dropped afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MIGRATION_LOCK_TOML,
  NO_FILTER,
  PRISMA_MIGRATE_ADVISORY_LOCK,
  SHADOW_DB_PREFIX,
  TEXT_MAPPED_OIDS,
  databaseNameOf,
  diffMigrationsToSchema,
  dropDatabase,
  ensureDatabase,
  loadSchemaEngineWasm,
  migrationPoolConfig,
  openSchemaEngine,
  readMigrationsList,
  readSchema,
  withDatabaseName,
  withSchemaEngine,
  type SchemaEngine,
} from './schema-engine.js';

const ADMIN_URL = process.env['TEST_DATABASE_ADMIN_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const TIMEOUT = 30_000;

// ───────────────────────── scratch databases and fixtures ─────────────────────────

const scratchDatabases: string[] = [];
async function scratchDatabase(label: string): Promise<string> {
  const url = withDatabaseName(ADMIN_URL, `zy_se_${label}_${process.pid}_${randomBytes(4).toString('hex')}`);
  await ensureDatabase(url);
  scratchDatabases.push(url);
  return url;
}

async function sql<R extends pg.QueryResultRow = Record<string, unknown>>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, params)).rows;
  } finally {
    await client.end();
  }
}

const tablesIn = async (url: string) =>
  (await sql<{ t: string }>(url, `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map(
    (r) => r.t,
  );
const databaseExists = async (name: string) =>
  (await sql(ADMIN_URL, 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length > 0;
/** Sessions holding Prisma's migration advisory lock in that database. */
const advisoryLockHolders = async (url: string) =>
  Number(
    (
      await sql<{ n: string }>(
        ADMIN_URL,
        `SELECT count(*) AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
         WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = $1 AND d.datname = $2`,
        [PRISMA_MIGRATE_ADVISORY_LOCK, databaseNameOf(url)],
      )
    )[0]?.n,
  );
const sessionsOn = async (url: string) =>
  Number(
    (await sql<{ n: string }>(ADMIN_URL, 'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [databaseNameOf(url)]))[0]
      ?.n,
  );

const SCHEMA = `datasource db {
  provider = "postgresql"
}

model Thing {
  id   Int    @id
  name String
}
`;
const INIT_SQL = `-- CreateTable
CREATE TABLE "Thing" (
    "id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Thing_pkey" PRIMARY KEY ("id")
);
`;
// A hand-written migration of the kind the audit trail needs: `;` inside a dollar-quoted body and a literal.
const TRIGGER_SQL = `-- Things are append-only; updates are refused.
CREATE FUNCTION thing_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Thing is append-only; % refused', TG_OP;
END;
$$;
CREATE TRIGGER thing_no_update BEFORE UPDATE OR DELETE ON "Thing" FOR EACH ROW EXECUTE FUNCTION thing_append_only();
`;

let fixtureDir: string;
let schemaPath: string;
let plainMigrations: string; // init only
let triggerMigrations: string; // init + trigger

function writeMigrations(dir: string, migrations: Record<string, string>): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'migration_lock.toml'), MIGRATION_LOCK_TOML);
  for (const [name, text] of Object.entries(migrations)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'migration.sql'), text);
  }
  return dir;
}

const diffFixture = (engine: SchemaEngine, migrationsDir: string) =>
  engine.diff({
    from: { tag: 'migrations', ...readMigrationsList(migrationsDir) },
    to: { tag: 'schemaDatamodel', ...readSchema(schemaPath) },
    script: true,
    exitCode: true,
    filters: NO_FILTER,
  });

beforeAll(async () => {
  fixtureDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-schema-engine-'));
  schemaPath = path.join(fixtureDir, 'schema.prisma');
  fs.writeFileSync(schemaPath, SCHEMA);
  plainMigrations = writeMigrations(path.join(fixtureDir, 'plain'), { '20250101000000_init': INIT_SQL });
  triggerMigrations = writeMigrations(path.join(fixtureDir, 'trigger'), {
    '20250101000000_init': INIT_SQL,
    '20250101000001_append_only': TRIGGER_SQL,
  });
  await loadSchemaEngineWasm();
});

afterAll(async () => {
  await Promise.all(scratchDatabases.map((url) => dropDatabase(url)));
  fs.rmSync(fixtureDir, { recursive: true, force: true });
});

// ───────────────────────── the tests ─────────────────────────

it('the fixture migrations match the fixture schema (sanity check for the tests below)', async () => {
  const main = await scratchDatabase('sanity');
  await expect(diffMigrationsToSchema({ databaseUrl: main, migrationsDir: plainMigrations, schemaPath })).resolves.toBe('');
}, TIMEOUT);

describe('WORKAROUND 1: char (OID 18) and name (OID 19) result columns are reported as text', () => {
  const CHAR_AND_NAME = `SELECT 'x'::name AS n, 'c'::"char" AS c`;

  it('the migration pool reports both as text, through pool.query and through a checked-out client', async () => {
    expect([...TEXT_MAPPED_OIDS.keys()].sort()).toEqual([18, 19]);
    const pool = new pg.Pool(migrationPoolConfig(ADMIN_URL));
    try {
      const viaPool = await pool.query(CHAR_AND_NAME); // pg-pool calls Client#query with a callback
      const client = await pool.connect();
      const viaClient = await client.query(CHAR_AND_NAME).finally(() => client.release()); // promise form
      for (const result of [viaPool, viaClient]) {
        expect(result.fields.map((f) => f.dataTypeID)).toEqual([25, 25]);
        expect(result.rows).toEqual([{ n: 'x', c: 'c' }]);
      }
    } finally {
      await pool.end();
    }
  });

  it('the engine introspects a database with name and "char" columns', async () => {
    const url = await scratchDatabase('oid');
    await sql(url, `CREATE TABLE catalog_names (id integer PRIMARY KEY, label name NOT NULL, kind "char" NOT NULL)`);
    const result = await withSchemaEngine({ databaseUrl: url }, (engine) =>
      engine.introspect({
        schema: { files: [{ path: 'schema.prisma', content: 'datasource db {\n  provider = "postgresql"\n}\n' }] },
        baseDirectoryPath: fixtureDir,
        force: true,
        compositeTypeDepth: -1,
        namespaces: null,
      }),
    );
    const schema = result.schema.files.map((f) => f.content).join('\n');
    expect(schema).toMatch(/model catalog_names \{[^}]*\blabel\b[^}]*\bkind\b/s);
  }, TIMEOUT);

  it('canary: the stock adapter still fails on "char" columns', async () => {
    const url = await scratchDatabase('oidstock');
    const pool = new pg.Pool({ connectionString: url }); // a plain pg client: no OID mapping
    const { SchemaEngine } = await loadSchemaEngineWasm();
    const engine = await SchemaEngine.new({ datamodels: undefined }, () => {}, bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool)));
    try {
      await expect(
        engine.introspect({
          schema: { files: [{ path: 'schema.prisma', content: 'datasource db {\n  provider = "postgresql"\n}\n' }] },
          baseDirectoryPath: fixtureDir,
          force: true,
          compositeTypeDepth: -1,
          namespaces: null,
        }),
      ).rejects.toThrow(/Column type 'char' could not be deserialized/);
    } finally {
      engine.free();
      await pool.end();
    }
  }, TIMEOUT);
});

describe('WORKAROUND 2: the shadow database is the one named, and is cleaned up', () => {
  it('replays the migrations in a temporary shadow database, never in the main one, and drops it afterwards', async () => {
    const main = await scratchDatabase('main');
    const { result, used } = await withSchemaEngine({ databaseUrl: main }, async (engine, session) => ({
      result: await diffFixture(engine, plainMigrations),
      used: [...session.factory.shadowDatabasesUsed],
    }));
    expect(result.exitCode).toBe(0); // no difference
    expect(used).toHaveLength(1);
    expect(used[0]).toMatch(new RegExp(`^${SHADOW_DB_PREFIX}`));
    expect(await tablesIn(main)).toEqual([]); // the stock adapter would have created "Thing" here
    expect(await databaseExists(used[0]!)).toBe(false);
  }, TIMEOUT);

  it('uses a configured shadow database as given, after emptying it', async () => {
    const main = await scratchDatabase('main');
    const shadow = await scratchDatabase('shadow');
    await sql(shadow, 'CREATE TABLE stray (id integer)'); // left over from an earlier run; must not show in the diff
    const { result, used } = await withSchemaEngine({ databaseUrl: main, shadowDatabaseUrl: shadow }, async (engine, session) => ({
      result: await diffFixture(engine, plainMigrations),
      used: [...session.factory.shadowDatabasesUsed],
    }));
    expect(result.exitCode).toBe(0);
    expect(used).toEqual([databaseNameOf(shadow)]);
    expect(await tablesIn(shadow)).toEqual(['Thing']);
    expect(await tablesIn(main)).toEqual([]);
  }, TIMEOUT);

  it('refuses a shadow database that is the main database (it would be emptied)', async () => {
    const main = await scratchDatabase('main');
    await sql(main, 'CREATE TABLE precious (id integer)');
    await expect(
      diffMigrationsToSchema({ databaseUrl: main, shadowDatabaseUrl: main, migrationsDir: plainMigrations, schemaPath }),
    ).rejects.toThrow(/must not be the main database/);
    expect(await tablesIn(main)).toEqual(['precious']);
  }, TIMEOUT);

  it('canary: the stock adapter\'s "shadow" connection still goes to the main database', async () => {
    const main = await scratchDatabase('main');
    const pool = new pg.Pool({ connectionString: main }); // given as an external pool so that nothing leaks
    try {
      const shadow = await new PrismaPg(pool).connectToShadowDb();
      try {
        const rs = await shadow.queryRaw({ sql: 'SELECT current_database()::text', args: [], argTypes: [] });
        expect(rs.rows[0]?.[0]).toBe(databaseNameOf(main));
      } finally {
        await shadow.dispose(); // drops the (unused) database it created, then ends its pool
      }
    } finally {
      await pool.end();
    }
  }, TIMEOUT);
});

describe('WORKAROUND 3: closing the engine closes its connections and releases the advisory lock', () => {
  it('close() leaves no session and no lock behind, so a second run does not wait for the lock', async () => {
    const main = await scratchDatabase('lock');
    const first = await openSchemaEngine({ databaseUrl: main });
    try {
      const applied = await first.engine.applyMigrations({ migrationsList: readMigrationsList(plainMigrations), filters: NO_FILTER });
      expect(applied.appliedMigrationNames).toEqual(['20250101000000_init']);
      expect(await advisoryLockHolders(main)).toBe(1);
    } finally {
      await first.close();
    }
    expect(first.factory.open.size).toBe(0);
    expect(await advisoryLockHolders(main)).toBe(0);
    expect(await sessionsOn(main)).toBe(0);

    const started = Date.now();
    const again = await withSchemaEngine({ databaseUrl: main }, (engine) =>
      engine.applyMigrations({ migrationsList: readMigrationsList(plainMigrations), filters: NO_FILTER }),
    );
    expect(again.appliedMigrationNames).toEqual([]);
    expect(Date.now() - started).toBeLessThan(3_000); // without the workaround: ~10 s (the pool's idle timeout)
  }, TIMEOUT);

  it('canary: engine.free() alone still leaves the connection, and the lock, held', async () => {
    const main = await scratchDatabase('lockfree');
    const session = await openSchemaEngine({ databaseUrl: main });
    try {
      await session.engine.applyMigrations({ migrationsList: readMigrationsList(plainMigrations), filters: NO_FILTER });
      session.engine.free();
      expect(session.factory.open.size).toBeGreaterThan(0); // the engine disposed nothing
      expect(await advisoryLockHolders(main)).toBe(1);
    } finally {
      await session.close();
    }
    expect(await advisoryLockHolders(main)).toBe(0);
  }, TIMEOUT);
});

describe('WORKAROUND 4: migration scripts are sent whole, not split on ";"', () => {
  it('replays a migration with a PL/pgSQL function body in the shadow database', async () => {
    const main = await scratchDatabase('script');
    // Prisma does not model functions and triggers, so the diff is empty once the migrations replay at all.
    await expect(diffMigrationsToSchema({ databaseUrl: main, migrationsDir: triggerMigrations, schemaPath })).resolves.toBe('');
  }, TIMEOUT);

  it('canary: the stock adapter\'s executeScript still splits such a script', async () => {
    const url = await scratchDatabase('scriptstock');
    const pool = new pg.Pool({ connectionString: url });
    try {
      const adapter = await new PrismaPg(pool).connect();
      await adapter.executeScript(INIT_SQL);
      await expect(adapter.executeScript(TRIGGER_SQL)).rejects.toThrow(/syntax error|unterminated dollar-quoted string/); // split inside the comment, or the body
    } finally {
      await pool.end();
    }
  }, TIMEOUT);
});
