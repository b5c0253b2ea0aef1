// Reminding the units of their overdue obligations (催办): GIA, which supervises filings and rectifications
// (Art. 13, 20, 24), reminds one deadline or every overdue one it sees at once. A deadline is reminded at most once
// a day (a second reminder the same day is counted, not repeated); each reminder is recorded with its audit record
// in one transaction, and the unit sees on its deadline how many times and when it was last reminded; its people are
// notified (站内信, and the channels they chose) in that transaction, once per deadline and day.
import { assertCan, subject } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import { daysLeft, type LocalDate } from '../core/calendar/working-days.js';
import type { Database } from '../core/db/database.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../core/errors.js';
import { registerMessages } from '../core/i18n.js';
import type { ProjectActions } from './actions.js';
import { deadlineOwnersWhere } from './filings.js';
import { registerAuditActions } from '../core/audit/labels.js';
import { DEADLINE_OWNER_INCLUDE, deadlineNotice, deadlineSubjects } from '../notifications/deadline-notices.js';
import { notify } from '../notifications/notify.js';
import { membersOf } from '../notifications/recipients.js';

registerMessages({
  'action.Deadline.remind': { 'zh-CN': '催办', en: 'Remind' },
  DEADLINE_NOT_OVERDUE: { 'zh-CN': '只能催办已逾期且未完成的事项：{titles}', en: 'Only overdue obligations not yet met can be reminded: {titles}' },
});
registerAuditActions({ 'deadline.remind': { 'zh-CN': '催办逾期事项', en: 'Overdue obligation reminded' } });

export interface RemindResult {
  /** reminders sent now */
  reminded: number;
  /** deadlines already reminded today, left as they were */
  alreadyToday: number;
}

export function createReminderService({ db, actions }: { db: Database; actions: ProjectActions }) {
  const { prisma } = db;

  async function remind(actor: Actor, deadlineIds: string[]): Promise<RemindResult> {
    assertCan(actor.ability, 'remind', 'Project');
    const today: LocalDate = actions.today();
    return prisma.$transaction(async (tx) => {
      const rows = await tx.deadline.findMany({
        where: { id: { in: deadlineIds }, ...deadlineOwnersWhere(actor) },
        include: {
          reminders: { where: { day: today }, select: { id: true } },
          ...DEADLINE_OWNER_INCLUDE,
        },
      });
      // one the reader may not see is as unknown as one that does not exist
      const missing = deadlineIds.find((id) => !rows.some((r) => r.id === id));
      if (missing) throw new NotFoundError('Deadline', missing);
      // the city's GIA oversees the counties' deadlines but reminding them is the county bureau's (Art. 39)
      if (rows.some((r) => !actor.ability.can('remind', subject('Project', { jurisdiction: (r.project ?? r.migrationSystem)?.jurisdiction })))) {
        throw new ForbiddenError('OUTSIDE_JURISDICTION', { article: '第三十九条' });
      }
      const notOverdue = rows.filter((r) => r.metAt !== null || r.dueDate >= today);
      if (notOverdue.length) throw new ConflictError('DEADLINE_NOT_OVERDUE', { titles: notOverdue.map((r) => r.title).join('、') });
      const due = rows.filter((r) => r.reminders.length === 0);
      const subjects = new Map((await deadlineSubjects(tx, due)).map((s) => [s.id, s]));
      const reminder = await tx.user.findUnique({ where: { id: actor.principal!.id }, select: { displayName: true, org: { select: { name: true } } } });
      for (const d of due) {
        await tx.deadlineReminder.create({ data: { deadlineId: d.id, day: today, sentById: actor.principal!.id, sentByName: actor.audit.actorName ?? '' } });
        await recordAudit(tx, actor.audit, {
          action: 'deadline.remind',
          targetType: d.projectId ? 'Project' : 'MigrationSystem',
          targetId: (d.projectId ?? d.migrationSystemId)!,
          detail: { deadlineId: d.id, ruleCode: d.ruleCode, dueDate: d.dueDate },
        });
        // the unit's people hear of it, naming who reminded
        const overdue = -daysLeft(d.dueDate as LocalDate, today).workingDays;
        await notify(
          tx,
          deadlineNotice(subjects.get(d.id)!, 'DEADLINE_OVERDUE', await membersOf(tx, d.orgId), `remind:${d.id}:${today}`, {
            days: overdue,
            remindedBy: reminder?.displayName ?? actor.audit.actorName ?? '',
            remindedByOrg: reminder?.org.name ?? '',
          }),
        );
      }
      return { reminded: due.length, alreadyToday: rows.length - due.length };
    });
  }

  return { remind };
}

export type ReminderService = ReturnType<typeof createReminderService>;
