// Who hears of the migration survey, written in the change's own transaction: the asked organisations' staff when a
// campaign opens, is reminded (by hand or by the reminder sweep) or sends their answer back; the survey's runners
// when an organisation answers. The sweep's reminders (notifications/reminder-sweep.ts) go out N working days
// before the due date, on the day and once overdue, exactly once per step and due date (the notification's dedupe
// key: an extended campaign's new due date starts the steps again).
import { BUSINESS_ROLES } from '../accounts/vocabulary.js';
import type { ReminderSettings } from '../core/config.js';
import type { LocalDate } from '../core/calendar/working-days.js';
import type { Tx } from '../core/db/database.js';
import { onChange, type Change } from '../core/workflow/listeners.js';
import { stateKey } from '../core/workflow/machine.js';
import { surveyCampaignLink, surveyResponseLink } from '../notifications/links.js';
import { notify, notifyMany, type NotificationSpec } from '../notifications/notify.js';
import { membersOf, usersWhoMay } from '../notifications/recipients.js';
import { reminderStep } from '../notifications/reminder-sweep.js';

/** everyone of the organisation who may answer for it (./workflow.ts: any staff member) */
export const answerersOf = (tx: Tx, orgId: string, except?: string | null) => membersOf(tx, orgId, { roles: BUSINESS_ROLES, except });

const changeKey = (c: Change) => `change:${c.subject}:${c.row.id}:${c.row.version}:${c.action}`;

interface CampaignRef {
  id: string;
  title: string;
  dueDate: string;
}

/** What one asked organisation is told of its response (opened, reminded). */
async function toOrg(tx: Tx, event: 'SURVEY_OPENED' | 'SURVEY_REMINDED', c: CampaignRef, r: { id: string; orgId: string }, dedupeKey: string): Promise<NotificationSpec> {
  return {
    event,
    recipients: await answerersOf(tx, r.orgId),
    object: { type: 'SurveyResponse', id: r.id, name: c.title },
    article: '第五条',
    dueDate: c.dueDate,
    params: { due: c.dueDate },
    dedupeKey,
    link: () => surveyResponseLink(r.id),
  };
}

/** The asked organisations hear of a campaign just opened. */
export async function notifyOpened(tx: Tx, c: CampaignRef, responses: { id: string; orgId: string }[]): Promise<number> {
  const specs = await Promise.all(responses.map((r) => toOrg(tx, 'SURVEY_OPENED', c, r, `survey:${r.id}:opened`)));
  return notifyMany(tx, specs);
}

onChange('SurveyCampaign', async (tx, c) => {
  if (c.action !== 'remind') return;
  const campaign = await tx.surveyCampaign.findUniqueOrThrow({ where: { id: c.row.id }, select: { id: true, title: true, dueDate: true } });
  const ids = (c.detail.responseIds as string[] | undefined) ?? [];
  const responses = await tx.surveyResponse.findMany({ where: { id: { in: ids } }, select: { id: true, orgId: true } });
  await notifyMany(tx, await Promise.all(responses.map((r) => toOrg(tx, 'SURVEY_REMINDED', campaign, r, `${changeKey(c)}:${r.id}`))));
});

onChange('SurveyResponse', async (tx, c) => {
  if (c.action === 'confirm') return;
  const r = await tx.surveyResponse.findUniqueOrThrow({
    where: { id: c.row.id },
    include: { campaign: { select: { id: true, title: true, dueDate: true } }, org: { select: { name: true } } },
  });
  const actor = c.actor.principal?.id ?? null;
  const object = { type: 'SurveyResponse', id: r.id, name: r.campaign.title };
  if (c.action === 'return') {
    await notify(tx, {
      event: 'SURVEY_RETURNED',
      recipients: await answerersOf(tx, r.orgId, actor),
      object,
      article: '第五条',
      dueDate: r.campaign.dueDate,
      params: { reason: c.note ?? '', due: r.campaign.dueDate },
      dedupeKey: changeKey(c),
      link: () => surveyResponseLink(r.id),
    });
    return;
  }
  // submitted or nothing to declare: the runners may send it back
  await notify(tx, {
    event: 'SURVEY_ANSWERED',
    recipients: await usersWhoMay(tx, ['return'], 'SurveyResponse', { ...r, status: c.to }, actor),
    object: { type: 'SurveyCampaign', id: r.campaign.id, name: r.campaign.title },
    article: '第五条',
    params: { org: r.org.name, stateKey: stateKey('SurveyResponse', c.to) },
    dedupeKey: changeKey(c),
    link: () => surveyCampaignLink(r.campaign.id),
  });
});

/**
 * The reminder sweep's step for the survey on `day` (a working day): every pending response of an open campaign is
 * reminded at the step its due date is at (BEFORE_n, DUE_TODAY, OVERDUE; an escalation is an OVERDUE here: the
 * sub-center follows its late ones on the coverage page), once per step and due date.
 */
export async function sweepSurveyReminders(tx: Tx, day: LocalDate, settings: Pick<ReminderSettings, 'daysAhead' | 'escalateAfter'>): Promise<{ steps: number; notifications: number }> {
  const pending = await tx.surveyResponse.findMany({
    where: { status: 'PENDING', campaign: { status: 'OPEN' } },
    orderBy: { id: 'asc' },
    select: { id: true, orgId: true, campaign: { select: { id: true, title: true, dueDate: true } } },
  });
  const specs: NotificationSpec[] = [];
  for (const r of pending) {
    const s = reminderStep(r.campaign.dueDate as LocalDate, day, settings);
    if (!s) continue;
    const step = s.step === 'ESCALATED' ? 'OVERDUE' : s.step;
    specs.push(await toOrg(tx, 'SURVEY_REMINDED', r.campaign, r, `survey:${r.id}:${r.campaign.dueDate}:${step}`));
  }
  return { steps: specs.length, notifications: specs.length ? await notifyMany(tx, specs) : 0 };
}
