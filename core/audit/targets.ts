// Naming the objects of the trail: a record keeps the object's type and id; a person reads "YC-JYJ-2026-001 智慧教育…"
// or "第3版 2026年第二次修订". Each domain names its own types (its audit-names.ts); the trail asks for all the ids of
// one page at once, one query per type.
import type { Tx } from '../db/database.js';
import { z } from '../zod-openapi.js';
import type { Locale } from '../i18n.js';

/** The names of the objects of one type with these ids (ids it does not know are left out). */
export type TargetNamer = (db: Tx, ids: string[], locale: Locale) => Promise<Map<string, string>>;
export type TargetNamers = Record<string, TargetNamer>;

/** The related objects whose records belong to a project's history (its requests, jobs, resources), by type. */
export type ProjectRelations = (db: Tx, projectId: string) => Promise<Record<string, string[]>>;

/** Names every object the records point at: `${type}:${id}` → name. */
export async function nameTargets(db: Tx, namers: TargetNamers, refs: { targetType: string | null; targetId: string | null }[], locale: Locale) {
  const byType = new Map<string, Set<string>>();
  for (const r of refs) {
    if (!r.targetType || !r.targetId || !namers[r.targetType]) continue;
    let ids = byType.get(r.targetType);
    if (!ids) byType.set(r.targetType, (ids = new Set()));
    ids.add(r.targetId);
  }
  const names = new Map<string, string>();
  await Promise.all(
    [...byType].map(async ([type, ids]) => {
      for (const [id, name] of await namers[type]!(db, [...ids], locale)) names.set(`${type}:${id}`, name);
    }),
  );
  return names;
}

/** Only well-formed UUIDs reach a uuid column (a record's targetId is free text). */
const uuid = z.uuid();
/** The ids that are UUIDs (a record's target id is free text; the tables' keys are UUIDs). */
export const uuidsIn = (ids: string[]) => ids.filter((id) => uuid.safeParse(id).success);
