// The platform's tables as a backup sees them: every ordinary table of the public schema but the migration
// ledger, in an order where each table comes after the tables its foreign keys point to, so rows can be loaded
// without disabling constraints (which would need a superuser on PostgreSQL).
import type pg from 'pg';

export const LEDGER = '_prisma_migrations';

export interface TableInfo {
  name: string;
  /** its foreign keys point at itself (rows of one table must then be loaded in one statement) */
  selfReferencing: boolean;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

export async function listTables(db: Queryable): Promise<TableInfo[]> {
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> $1 ORDER BY c.relname`,
    [LEDGER],
  );
  const { rows: refs } = await db.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public'`,
  );
  const parents = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set<string>()]));
  const selfRef = new Set<string>();
  for (const r of refs) {
    if (r.child === r.parent) selfRef.add(r.child);
    else parents.get(r.child)?.add(r.parent);
  }
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  while (placed.size < parents.size) {
    const ready = [...parents].filter(([name, ps]) => !placed.has(name) && [...ps].every((p) => placed.has(p) || !parents.has(p)));
    if (ready.length === 0) {
      const left = [...parents.keys()].filter((n) => !placed.has(n));
      throw new Error(`foreign keys form a cycle among ${left.join(', ')}: the backup cannot order them`);
    }
    for (const [name] of ready) {
      placed.add(name);
      ordered.push({ name, selfReferencing: selfRef.has(name) });
    }
  }
  return ordered;
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
