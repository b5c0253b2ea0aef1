// What else happens, in the same transaction, when an object of a machine changes state: registered by the modules
// that care (notifications/machine-events.ts), called by the runner after the change and its audit record are
// written. A listener that throws rolls the change back, as any part of the transaction would.
import type { Actor } from '../actor.js';
import type { Tx } from '../db/database.js';
import { publish } from '../events/feed.js';

export interface Change {
  subject: string;
  /** the machine's action (`review`, `submit` …) */
  action: string;
  /** the audit action recorded for it (`project.review`, `project.file-contract` …) */
  audit: string;
  from: string;
  to: string;
  /** the object as read before the change (its version is the one claimed) */
  row: { id: string; status: string; version: number };
  actor: Actor;
  /** what the action's effect added to the audit record */
  detail: Record<string, unknown>;
  /** the reason or note the actor gave */
  note: string | null;
}

export type ChangeListener = (tx: Tx, change: Change) => Promise<void>;

const listeners = new Map<string, ChangeListener[]>();

export function onChange(subject: string, listener: ChangeListener): void {
  listeners.set(subject, [...(listeners.get(subject) ?? []), listener]);
}

/** Calls the subject's listeners, then tells every process of the change once it commits (core/events/feed.ts). */
export async function changed(tx: Tx, change: Change): Promise<void> {
  for (const listener of listeners.get(change.subject) ?? []) await listener(tx, change);
  await publish(tx, { kind: 'change', subject: change.subject, id: change.row.id });
}
