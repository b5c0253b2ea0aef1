// A system's history: every registration, edit, assessment and transition, with the status before and after.
// Written in the same transaction as the change and its audit record; the board's migrated-over-time curve
// is computed from it.
import type { Actor } from '../core/actor.js';
import type { Tx } from '../core/db/database.js';
import type { HistoryEntry } from './view-schema.js';
import type { MigrationState } from './workflow.js';

export interface ChangeEntry {
  systemId: string;
  action: HistoryEntry['action'];
  from: MigrationState | null;
  to: MigrationState;
  reason?: string | null;
  detail?: Record<string, unknown>;
}

export function changeRow(actor: Actor, e: ChangeEntry) {
  return {
    systemId: e.systemId,
    action: e.action,
    fromStatus: e.from,
    toStatus: e.to,
    reason: e.reason ?? null,
    detail: (e.detail ?? {}) as object,
    actorId: actor.principal?.id ?? null,
    actorName: actor.audit.actorName,
  };
}

export async function recordChange(tx: Tx, actor: Actor, e: ChangeEntry): Promise<void> {
  await tx.migrationStatusChange.create({ data: changeRow(actor, e) });
}

export async function historyOf(tx: Tx, systemId: string): Promise<HistoryEntry[]> {
  const rows = await tx.migrationStatusChange.findMany({ where: { systemId }, orderBy: { seq: 'asc' } });
  return rows.map((r) => ({
    // text and JSON columns: written only by changeRow above and the import (action `import`, detail {})
    action: r.action as HistoryEntry['action'],
    fromStatus: r.fromStatus,
    toStatus: r.toStatus,
    reason: r.reason,
    detail: r.detail as HistoryEntry['detail'],
    actorName: r.actorName,
    at: r.at.toISOString(),
  }));
}
