// Writes notifications (站内信): one per person who should hear of an event, at most once per person and dedupe key
// (a retried change or a second replica's sweep writes nothing new), in the caller's transaction, with the
// deliveries they cause and a word on the feed so open consoles update their badge at once.
import { publish } from '../core/events/feed.js';
import type { Tx } from '../core/db/database.js';
import type { Role } from '../core/db/generated/enums.js';
import type { NotificationEvent } from './events.js';
import { planDeliveries } from './deliveries.js';

export interface Recipient {
  id: string;
  role: Role;
  orgId: string;
}

export interface NotificationSpec {
  event: NotificationEvent;
  recipients: readonly Recipient[];
  object: { type: string; id: string; name: string };
  article?: string | null;
  /** the deadline it is about (YYYY-MM-DD) */
  dueDate?: string | null;
  /** message parameters; a key ending in `Key` holds a message key, rendered in the reader's language */
  params?: Record<string, string | number>;
  /** once per person and key */
  dedupeKey: string;
  /** where the recipient deals with it in the console */
  link: (recipient: Recipient) => string;
}

/** Writes the notifications of `spec` that are new; returns how many. */
export function notify(tx: Tx, spec: NotificationSpec): Promise<number> {
  return notifyMany(tx, [spec]);
}

/** Writes the new notifications of many specs with one insert (a sweep's batch); returns how many. */
export async function notifyMany(tx: Tx, specs: readonly NotificationSpec[]): Promise<number> {
  const data = specs.flatMap((spec) => {
    const seen = new Set<string>();
    return spec.recipients
      .filter((r) => !seen.has(r.id) && seen.add(r.id))
      .map((r) => ({
        recipientId: r.id,
        event: spec.event,
        params: { ...spec.params, name: spec.object.name },
        objectType: spec.object.type,
        objectId: spec.object.id,
        objectName: spec.object.name,
        article: spec.article ?? null,
        dueDate: spec.dueDate ?? null,
        link: spec.link(r),
        dedupeKey: spec.dedupeKey,
      }));
  });
  if (!data.length) return 0;
  const created = await tx.notification.createManyAndReturn({ data, skipDuplicates: true });
  if (!created.length) return 0;
  await planDeliveries(tx, created);
  await publish(tx, { kind: 'notification', users: [...new Set(created.map((n) => n.recipientId))] });
  return created.length;
}
