// What a notification about a deadline says and where it leads: the obligation (title, article, due date), whose it
// is (the project or migrated system, and its organisation), each recipient's console page for it. Used by the
// scheduled reminders (./reminder-sweep.ts) and by GIA's manual 催办 (projects/reminders.ts).
import type { Tx } from '../core/db/database.js';
import type { NotificationEvent } from './events.js';
import { deadlineLink } from './links.js';
import type { NotificationSpec, Recipient } from './notify.js';

/** A deadline with what its notifications name. */
export interface DeadlineSubject {
  id: string;
  title: string;
  article: string;
  dueDate: string;
  projectId: string | null;
  migrationSystemId: string | null;
  orgId: string;
  /** the project's or the system's name */
  ownerName: string;
  /** the owning organisation's name */
  orgName: string;
  /** the owner's jurisdiction: whose GIA supervises it (Art. 39) */
  jurisdiction: string;
}

/** The prisma `include` that reads what a DeadlineSubject needs besides the organisation's name. */
export const DEADLINE_OWNER_INCLUDE = {
  project: { select: { name: true, jurisdiction: true } },
  migrationSystem: { select: { name: true, jurisdiction: true } },
} as const;

type DeadlineWithOwner = {
  id: string;
  title: string;
  article: string;
  dueDate: string;
  projectId: string | null;
  migrationSystemId: string | null;
  orgId: string;
  project: { name: string; jurisdiction: string } | null;
  migrationSystem: { name: string; jurisdiction: string } | null;
};

/** Deadlines read with DEADLINE_OWNER_INCLUDE, as subjects (their organisations' names read at once). */
export async function deadlineSubjects(tx: Tx, rows: readonly DeadlineWithOwner[], orgNames = new Map<string, string>()): Promise<DeadlineSubject[]> {
  const missing = [...new Set(rows.map((r) => r.orgId))].filter((id) => !orgNames.has(id));
  if (missing.length) {
    for (const o of await tx.organisation.findMany({ where: { id: { in: missing } }, select: { id: true, name: true } })) orgNames.set(o.id, o.name);
  }
  return rows.map((r) => {
    const owner = r.project ?? r.migrationSystem;
    return {
      id: r.id,
      title: r.title,
      article: r.article,
      dueDate: r.dueDate,
      projectId: r.projectId,
      migrationSystemId: r.migrationSystemId,
      orgId: r.orgId,
      ownerName: owner?.name ?? '',
      orgName: orgNames.get(r.orgId) ?? '',
      jurisdiction: owner?.jurisdiction ?? 'CITY',
    };
  });
}

/** A notification of `event` about deadline `d` for `recipients`, once per person and `dedupeKey`. */
export function deadlineNotice(
  d: DeadlineSubject,
  event: NotificationEvent,
  recipients: readonly Recipient[],
  dedupeKey: string,
  params: Record<string, string | number> = {},
): NotificationSpec {
  return {
    event,
    recipients,
    object: { type: 'Deadline', id: d.id, name: d.ownerName },
    article: d.article,
    dueDate: d.dueDate,
    params: { title: d.title, due: d.dueDate, org: d.orgName, ...params },
    dedupeKey,
    link: (r) => deadlineLink(r.role, d),
  };
}
