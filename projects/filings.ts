// After establishment: filings (Art. 13–21), change requests (Art. 15), completion acceptance (Art. 17, 19),
// rectification (Art. 24), suspension and termination (Art. 23), and the deadlines they carry in working days.
import { assertCan, readableWhere, subject } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { daysLeft, type LocalDate } from '../core/calendar/working-days.js';
import type { Database } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { t, type Locale } from '../core/i18n.js';
import type { ProjectActions } from './actions.js';
import type { AcceptanceInput, ChangeRequestInput, FilingInput } from './inputs.js';
import type { DeadlineList } from './project-schema.js';
import { toDeadlineView } from './store.js';
import { projectSearch } from './list-filter.js';

export type { AcceptanceInput, ChangeRequestInput, FilingInput, FilingKind } from './inputs.js';

/**
 * The deadlines the actor may see: those of the projects they may read, and those of the migrated systems they may
 * read (a deadline belongs to exactly one of them).
 */
export function deadlineOwnersWhere(actor: Actor): Prisma.DeadlineWhereInput {
  const owners: Prisma.DeadlineWhereInput[] = [{ project: readableWhere(actor.ability, 'Project') }];
  if (actor.ability.can('read', 'MigrationSystem')) owners.push({ migrationSystem: readableWhere(actor.ability, 'MigrationSystem') });
  return { OR: owners };
}

export interface FilingDeps {
  db: Database;
  actions: ProjectActions;
}

export function createFilingService({ db, actions }: FilingDeps) {
  const { prisma } = db;
  const { today } = actions;

  /** A filing that does not change the project's state; some meet or create a deadline. */
  const file = (actor: Actor, id: string, input: FilingInput, locale: Locale, expectedVersion?: number) => actions.take(actor, 'file', id, expectedVersion, input, locale);
  const acceptance = (actor: Actor, id: string, expectedVersion: number | undefined, input: AcceptanceInput, locale: Locale) =>
    actions.take(actor, 'acceptance', id, expectedVersion, input, locale);
  const requestChange = (actor: Actor, id: string, expectedVersion: number | undefined, input: ChangeRequestInput, locale: Locale) =>
    actions.take(actor, 'change-request', id, expectedVersion, input, locale);
  const reviewChange = (actor: Actor, id: string, expectedVersion: number | undefined, input: { decision: 'APPROVE' | 'RETURN'; comment?: string }, locale: Locale) =>
    actions.take(actor, 'change-review', id, expectedVersion, input, locale);
  const issueRectification = (actor: Actor, id: string, input: { issues: string; issuedDate?: LocalDate }, locale: Locale, expectedVersion?: number) =>
    actions.take(actor, 'rectify', id, expectedVersion, input, locale);
  const govern = (actor: Actor, id: string, expectedVersion: number | undefined, action: 'suspend' | 'resume' | 'terminate', reason: string, locale: Locale) =>
    actions.take(actor, action, id, expectedVersion, { reason }, locale);

  /** Deadlines by due date (at most `max`); `q` searches the obligation, the project's number and name, its organisation. */
  async function deadlines(
    actor: Actor,
    filter: { status: 'open' | 'overdue' | 'met' | 'all'; orgId?: string; jurisdiction?: string; q?: string },
    max = 500,
    locale: Locale = 'zh-CN',
  ): Promise<DeadlineList> {
    assertCan(actor.ability, 'read', 'Project');
    const now = today();
    const where: Prisma.DeadlineWhereInput = {
      AND: [
        deadlineOwnersWhere(actor),
        filter.jurisdiction ? { OR: [{ project: { jurisdiction: filter.jurisdiction } }, { migrationSystem: { jurisdiction: filter.jurisdiction } }] } : {},
      ],
      ...(filter.orgId ? { orgId: filter.orgId } : {}),
      ...(filter.status === 'met' ? { metAt: { not: null } } : filter.status === 'all' ? {} : { metAt: null }),
      ...(filter.status === 'overdue' ? { dueDate: { lt: now } } : {}),
      ...(filter.q
        ? { OR: [{ title: { contains: filter.q } }, { project: projectSearch(filter.q) }, { migrationSystem: { OR: [{ code: { contains: filter.q } }, { name: { contains: filter.q } }, { org: { name: { contains: filter.q } } }] } }] }
        : {}),
    };
    const rows = await prisma.deadline.findMany({
      where,
      orderBy: [{ dueDate: 'asc' }],
      take: max,
      include: {
        project: { select: { id: true, code: true, name: true, jurisdiction: true, org: { select: { name: true } } } },
        migrationSystem: { select: { id: true, code: true, name: true, jurisdiction: true, org: { select: { name: true } } } },
        reminders: { select: { day: true }, orderBy: { day: 'desc' } },
      },
    });
    const owner = (o: { id: string; code: string; name: string; jurisdiction: string; org: { name: string } } | null) =>
      o ? { id: o.id, code: o.code, name: o.name, orgName: o.org.name, jurisdiction: o.jurisdiction } : undefined;
    return {
      today: now,
      // reminding the overdue (./reminders.ts) is offered on the list to those who supervise
      ...(actor.ability.can('remind', 'Project') ? { allowedActions: [{ action: 'remind', label: t('action.Deadline.remind', locale), enabled: true }] } : {}),
      items: rows.map((d) => {
        const left = daysLeft(d.dueDate as LocalDate, now);
        const overdue = !d.metAt && left.overdue;
        return {
          ...toDeadlineView(d),
          workingDaysLeft: d.metAt ? null : left.workingDays,
          overdue,
          remindable: overdue && actor.ability.can('remind', subject('Project', { jurisdiction: (d.project ?? d.migrationSystem)?.jurisdiction })),
          project: owner(d.project),
          system: owner(d.migrationSystem),
        };
      }),
    };
  }

  return { file, acceptance, requestChange, reviewChange, issueRectification, govern, deadlines };
}

export type FilingService = ReturnType<typeof createFilingService>;
