// Reminders on a schedule (issue 17): a pg-boss schedule (ZY_REMINDER_CRON, Asia/Shanghai) sends one message per
// tick to the reminder-sweep queue, whichever process runs workers takes it, and the sweep tells people of what
// comes due, counted in Chinese working days (core/calendar/working-days.ts):
//   - every open deadline (metAt null; of a project or a migrated system) takes the one reminder step it is due for
//     today: BEFORE_<n> when n working days or fewer are left (n from ZY_REMINDER_DAYS_AHEAD, the nearest step only,
//     so a sweep that was off for a while does not send the earlier ones late), DUE_TODAY on the due date, OVERDUE
//     after it, ESCALATED when overdue for more than ZY_REMINDER_ESCALATE_AFTER working days: then the supervising
//     authority, the GIA of the owner's jurisdiction (the city's or the county's bureau, Art. 39), is told too;
//   - every migration wave is announced when it starts (once, while it runs: a wave first seen after its end is not
//     announced as starting) and when its planned end passed with systems not yet migrated (once per planned end),
//     to the sub-center's operators and the owners of its unfinished systems;
//   - every pending answer of an open migration survey campaign takes its step (BEFORE_<n>, DUE_TODAY, OVERDUE) by
//     its campaign's due date, told to the asked organisation's staff (survey/notifications.ts).
// Only on working days: on a day off nobody is at the office to act, and the next working day's sweep takes the
// step then due. Exactly once per step, whatever the number of replicas: the step's row (DeadlineAlert,
// MigrationWaveAlert) is inserted first, ON CONFLICT DO NOTHING, and only the transaction that inserted it writes the
// notifications, in that transaction. Deadlines are taken in batches, one transaction each.
import type { Logger } from 'pino';
import { daysLeft, isWorkingDay, toShanghaiDate, type LocalDate } from '../core/calendar/working-days.js';
import type { ReminderSettings } from '../core/config.js';
import type { Database, Tx } from '../core/db/database.js';
import type { JobQueue } from '../core/jobs/queue.js';
import { DEADLINE_OWNER_INCLUDE, deadlineNotice, deadlineSubjects, type DeadlineSubject } from './deadline-notices.js';
import type { NotificationEvent } from './events.js';
import { waveLink } from './links.js';
import { notify, notifyMany, type NotificationSpec, type Recipient } from './notify.js';
import { membersOf, usersWhoMay, usersWithRoles } from './recipients.js';
import { sweepSurveyReminders } from '../survey/notifications.js';

export const REMINDER_SWEEP_QUEUE = 'reminder-sweep';

/** deadlines per transaction */
const BATCH = 200;

/** A deadline's reminder step: BEFORE_<n> (n working days ahead), DUE_TODAY, OVERDUE, ESCALATED. */
export type ReminderStep = `BEFORE_${number}` | 'DUE_TODAY' | 'OVERDUE' | 'ESCALATED';

const EVENT_OF: Record<string, NotificationEvent> = { DUE_TODAY: 'DEADLINE_DUE_TODAY', OVERDUE: 'DEADLINE_OVERDUE', ESCALATED: 'DEADLINE_OVERDUE' };

/**
 * The step a deadline due on `due` is due for on `today` (a working day), with the working days left (BEFORE_n,
 * DUE_TODAY: 0) or overdue (OVERDUE, ESCALATED); null when none is (further than the first step ahead).
 */
export function reminderStep(due: LocalDate, today: LocalDate, settings: Pick<ReminderSettings, 'daysAhead' | 'escalateAfter'>): { step: ReminderStep; days: number } | null {
  if (today === due) return { step: 'DUE_TODAY', days: 0 };
  const left = daysLeft(due, today);
  if (left.overdue) {
    const overdue = -left.workingDays;
    return { step: overdue > settings.escalateAfter ? 'ESCALATED' : 'OVERDUE', days: overdue };
  }
  const ahead = settings.daysAhead.filter((n) => left.workingDays <= n);
  return ahead.length ? { step: `BEFORE_${Math.min(...ahead)}`, days: left.workingDays } : null;
}

export interface SweepResult {
  today: LocalDate;
  /** false on a day off: nothing is sent */
  workingDay: boolean;
  /** open deadlines looked at */
  deadlines: number;
  /** reminder steps taken now (not taken before) */
  steps: number;
  /** wave announcements taken now */
  waves: number;
  /** notifications written */
  notifications: number;
}

/** Recipients looked up once per sweep: an organisation's people, a jurisdiction's GIA, the operators. */
function recipientCache() {
  const cache = new Map<string, Promise<Recipient[]>>();
  const once = (key: string, load: () => Promise<Recipient[]>) => {
    let hit = cache.get(key);
    if (!hit) {
      hit = load();
      cache.set(key, hit);
    }
    return hit;
  };
  return {
    members: (tx: Tx, orgId: string) => once(`org:${orgId}`, () => membersOf(tx, orgId)),
    supervisors: (tx: Tx, jurisdiction: string) => once(`gia:${jurisdiction}`, () => usersWhoMay(tx, ['remind'], 'Project', { jurisdiction })),
    operators: (tx: Tx) => once('operators', () => usersWithRoles(tx, ['BDC_OPERATOR'])),
  };
}
type Recipients = ReturnType<typeof recipientCache>;

export interface ReminderSweepDeps {
  db: Database;
  settings: ReminderSettings;
  /** today in Asia/Shanghai (injectable, like the services': api/services.ts) */
  today?: () => LocalDate;
  /** brings the loaded holiday schedules up to date before a sweep counts (a process without the API's timer) */
  refreshCalendar?: () => Promise<void>;
}

export function createReminderSweep({ db, settings, today = () => toShanghaiDate(new Date()), refreshCalendar }: ReminderSweepDeps) {
  const { prisma } = db;

  /** What the owner (and, escalated, the supervising GIA) of one deadline are told of its step. */
  async function remindersOf(tx: Tx, d: DeadlineSubject, step: ReminderStep, days: number, people: Recipients): Promise<NotificationSpec[]> {
    const key = `deadline:${d.id}:${step}`;
    const specs = [deadlineNotice(d, EVENT_OF[step] ?? 'DEADLINE_DUE_SOON', await people.members(tx, d.orgId), key, { days })];
    if (step === 'ESCALATED') specs.push(deadlineNotice(d, 'DEADLINE_ESCALATED', await people.supervisors(tx, d.jurisdiction), key, { days }));
    return specs;
  }

  /** One batch of deadlines with their steps: the steps not taken before are taken and told, in one transaction. */
  async function takeSteps(day: LocalDate, due: Map<string, { step: ReminderStep; days: number }>, people: Recipients, orgNames: Map<string, string>) {
    return prisma.$transaction(async (tx) => {
      // still open now (a filing may have met one since the page was read); in id order, so that replicas inserting
      // the same steps wait for each other's rows in one order and never deadlock
      const rows = await tx.deadline.findMany({ where: { id: { in: [...due.keys()] }, metAt: null }, orderBy: { id: 'asc' }, include: DEADLINE_OWNER_INCLUDE });
      const taken = await tx.deadlineAlert.createManyAndReturn({
        data: rows.map((r) => ({ deadlineId: r.id, step: due.get(r.id)!.step, day })),
        skipDuplicates: true,
        select: { deadlineId: true },
      });
      if (!taken.length) return { steps: 0, notifications: 0 };
      const ids = new Set(taken.map((a) => a.deadlineId));
      const specs: NotificationSpec[] = [];
      for (const d of await deadlineSubjects(tx, rows.filter((r) => ids.has(r.id)), orgNames)) {
        const { step, days } = due.get(d.id)!;
        specs.push(...(await remindersOf(tx, d, step, days, people)));
      }
      return { steps: taken.length, notifications: await notifyMany(tx, specs) };
    });
  }

  async function sweepDeadlines(day: LocalDate, people: Recipients) {
    const orgNames = new Map<string, string>();
    let deadlines = 0;
    let steps = 0;
    let notifications = 0;
    for (let after: string | undefined; ; ) {
      const page = await prisma.deadline.findMany({
        where: { metAt: null, ...(after ? { id: { gt: after } } : {}) },
        orderBy: { id: 'asc' },
        take: BATCH,
        select: { id: true, dueDate: true },
      });
      if (!page.length) break;
      after = page.at(-1)!.id;
      deadlines += page.length;
      const due = new Map<string, { step: ReminderStep; days: number }>();
      for (const d of page) {
        const s = reminderStep(d.dueDate as LocalDate, day, settings);
        if (s) due.set(d.id, s);
      }
      // the steps taken before (an earlier sweep of the day) need no transaction; the insert below decides the rest
      const before = due.size ? await prisma.deadlineAlert.findMany({ where: { deadlineId: { in: [...due.keys()] } }, select: { deadlineId: true, step: true } }) : [];
      for (const a of before) if (due.get(a.deadlineId)?.step === a.step) due.delete(a.deadlineId);
      if (!due.size) continue;
      const r = await takeSteps(day, due, people, orgNames);
      steps += r.steps;
      notifications += r.notifications;
    }
    return { deadlines, steps, notifications };
  }

  /** Waves that started (announced once) or whose planned end passed with systems not migrated (once per end). */
  async function sweepWaves(day: LocalDate, people: Recipients) {
    const waves = await prisma.migrationWave.findMany({
      where: { startDate: { lte: day } },
      orderBy: { id: 'asc' },
      include: { systems: { where: { status: { notIn: ['MIGRATED', 'DECOMMISSIONED'] } }, select: { orgId: true } } },
    });
    const due = waves.flatMap((w) => [
      ...(day <= w.endDate ? [{ wave: w, step: 'STARTED', event: 'WAVE_STARTED' as const }] : []),
      ...(w.endDate < day && w.systems.length ? [{ wave: w, step: `SLIPPED:${w.endDate}`, event: 'WAVE_SLIPPED' as const }] : []),
    ]);
    if (!due.length) return { waves: 0, notifications: 0 };
    return prisma.$transaction(async (tx) => {
      const taken = await tx.migrationWaveAlert.createManyAndReturn({ data: due.map((a) => ({ waveId: a.wave.id, step: a.step, day })), skipDuplicates: true, select: { waveId: true, step: true } });
      let notifications = 0;
      for (const { wave, step, event } of due.filter((a) => taken.some((t) => t.waveId === a.wave.id && t.step === a.step))) {
        const owners = await Promise.all([...new Set(wave.systems.map((s) => s.orgId))].map((orgId) => people.members(tx, orgId)));
        notifications += await notify(tx, {
          event,
          recipients: [...(await people.operators(tx)), ...owners.flat()],
          object: { type: 'MigrationWave', id: wave.id, name: wave.name },
          article: '第三十条',
          dueDate: wave.endDate,
          params: { start: wave.startDate, due: wave.endDate, count: wave.systems.length },
          dedupeKey: `wave:${wave.id}:${step}`,
          link: (r) => waveLink(r.role),
        });
      }
      return { waves: taken.length, notifications };
    });
  }

  /** One sweep on "today" (Asia/Shanghai): nothing on a day off. */
  async function run(): Promise<SweepResult> {
    await refreshCalendar?.();
    const day = today();
    if (!isWorkingDay(day)) return { today: day, workingDay: false, deadlines: 0, steps: 0, waves: 0, notifications: 0 };
    const people = recipientCache();
    const d = await sweepDeadlines(day, people);
    const w = await sweepWaves(day, people);
    // the pending answers of open survey campaigns (survey/notifications.ts): once per step and due date
    const s = await prisma.$transaction((tx) => sweepSurveyReminders(tx, day, settings));
    return { today: day, workingDay: true, deadlines: d.deadlines, steps: d.steps, waves: w.waves, notifications: d.notifications + w.notifications + s.notifications };
  }

  return { run };
}

export type ReminderSweep = ReturnType<typeof createReminderSweep>;

/** Schedules the sweep (or removes its schedule when `cron` is null) and works its queue in this process. */
export async function startReminderSchedule(queue: JobQueue, sweep: ReminderSweep, cron: string | null, log: Logger): Promise<void> {
  if (!cron) {
    await queue.boss.unschedule(REMINDER_SWEEP_QUEUE).catch(() => undefined);
    log.info('scheduled reminders are off (ZY_REMINDER_CRON=off)');
  } else {
    await queue.boss.schedule(REMINDER_SWEEP_QUEUE, cron, {}, { tz: 'Asia/Shanghai' });
    log.info({ cron }, 'reminders scheduled');
  }
  // also without a schedule: a sweep sent by hand (or by another replica's schedule) is taken
  await queue.work(REMINDER_SWEEP_QUEUE, 1, async () => {
    const r = await sweep.run();
    log.info(r, 'reminder sweep done');
  });
}
