// After establishment: filings (Art. 13–21), change requests (Art. 15), completion acceptance (Art. 17, 19),
// rectification (Art. 24), suspension and termination (Art. 23), and the deadlines they carry in working days.
import { assertCan, readableWhere } from '../core/access/abilities.js';
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
  async function deadlines(actor: Actor, filter: { status: 'open' | 'overdue' | 'met' | 'all'; orgId?: string; q?: string }, max = 500, locale: Locale = 'zh-CN'): Promise<DeadlineList> {
    assertCan(actor.ability, 'read', 'Project');
    const now = today();
    const where: Prisma.DeadlineWhereInput = {
      project: readableWhere(actor.ability, 'Project'),
      ...(filter.orgId ? { orgId: filter.orgId } : {}),
      ...(filter.status === 'met' ? { metAt: { not: null } } : filter.status === 'all' ? {} : { metAt: null }),
      ...(filter.status === 'overdue' ? { dueDate: { lt: now } } : {}),
      ...(filter.q ? { OR: [{ title: { contains: filter.q } }, { project: projectSearch(filter.q) }] } : {}),
    };
    const rows = await prisma.deadline.findMany({
      where,
      orderBy: [{ dueDate: 'asc' }],
      take: max,
      include: { project: { select: { code: true, name: true, org: { select: { name: true } } } }, reminders: { select: { day: true }, orderBy: { day: 'desc' } } },
    });
    return {
      today: now,
      // reminding the overdue (./reminders.ts) is offered on the list to those who supervise
      ...(actor.ability.can('remind', 'Project') ? { allowedActions: [{ action: 'remind', label: t('action.Deadline.remind', locale), enabled: true }] } : {}),
      items: rows.map((d) => {
        const left = daysLeft(d.dueDate as LocalDate, now);
        return {
          ...toDeadlineView(d),
          workingDaysLeft: d.metAt ? null : left.workingDays,
          overdue: !d.metAt && left.overdue,
          project: { id: d.projectId, code: d.project.code, name: d.project.name, orgName: d.project.org.name },
        };
      }),
    };
  }

  return { file, acceptance, requestChange, reviewChange, issueRectification, govern, deadlines };
}

export type FilingService = ReturnType<typeof createFilingService>;
