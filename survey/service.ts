// The migration survey (摸底调查, Art. 5, 33): the sub-center or the city GIA opens a campaign asking organisations
// (named, or every active one of some kinds) to confirm their register of legacy systems by a due date; each asked
// organisation's staff confirm their systems and submit, or declare they have none; the sub-center follows the
// coverage (who answered, who is late by working days), reminds, extends, sends back and closes. Opening is recorded
// with its audit record and its notifications in one transaction; everything else goes through the runners
// (./machine.ts).
import { assertCan, readableWhere, subject } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import { daysLeft, toShanghaiDate, type LocalDate } from '../core/calendar/working-days.js';
import type { Database, Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { InvalidInputError } from '../core/errors.js';
import type { Locale } from '../core/i18n.js';
import { createRunner } from '../core/workflow/runner.js';
import { assertDueAfterToday, campaignMachine, responseMachine, type CampaignInputs, type ResponseInputs, type SurveyEnv } from './machine.js';
import { notifyOpened } from './notifications.js';
import type {
  CampaignSummary,
  CampaignView,
  CloseCampaignInput,
  ConfirmInput,
  CoverageRow,
  ExtendCampaignInput,
  OpenCampaignInput,
  ReasonInput,
  ResponseSummary,
  ResponseView,
} from './schema.js';
import type { CampaignAction, CampaignState, ResponseAction, ResponseState } from './workflow.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Whether a pending answer is late on `day`, and by how many working days. */
function lateness(status: string, dueDate: string, day: LocalDate) {
  const left = daysLeft(dueDate as LocalDate, day);
  const late = status === 'PENDING' && left.overdue;
  return { late, workingDaysOverdue: late ? -left.workingDays : 0, workingDaysLeft: left.workingDays };
}

const responseInclude = {
  org: { select: { id: true, code: true, name: true, kind: true } },
  _count: { select: { confirmations: true } },
} satisfies Prisma.SurveyResponseInclude;
type ResponseRow = Prisma.SurveyResponseGetPayload<{ include: typeof responseInclude }>;
type CampaignRow = Prisma.SurveyCampaignGetPayload<object>;

export function createSurveyService({ db, today = () => toShanghaiDate(new Date()) }: { db: Database; today?: () => LocalDate }) {
  const { prisma } = db;
  const env = (): SurveyEnv => ({ today: today() });
  const campaigns = createRunner(campaignMachine, { db, env });
  const responses = createRunner(responseMachine, { db, env });

  /** the day lateness is counted on: today while open, the day it closed after */
  const countedOn = (c: CampaignRow): LocalDate => (c.closedAt ? toShanghaiDate(c.closedAt) : today());

  function coverageRow(actor: Actor, c: CampaignRow, r: ResponseRow): CoverageRow {
    const { late, workingDaysOverdue } = lateness(r.status, c.dueDate, countedOn(c));
    const returnable = c.status === 'OPEN' && actor.ability.can('return', subject('SurveyResponse', { orgId: r.orgId, jurisdiction: r.jurisdiction, status: r.status }));
    return {
      responseId: r.id,
      org: r.org,
      status: r.status as ResponseState,
      systemsConfirmed: r._count.confirmations,
      submittedAt: iso(r.submittedAt),
      late,
      workingDaysOverdue,
      declaredReason: r.declaredReason,
      returnReason: r.returnReason,
      lastRemindedAt: iso(r.lastRemindedAt),
      returnable,
      version: r.version,
    };
  }

  function summaryOf(c: CampaignRow, rows: CoverageRow[], openers: Map<string, string>): CampaignSummary {
    const count = (s: ResponseState) => rows.filter((r) => r.status === s).length;
    return {
      id: c.id,
      title: c.title,
      description: c.description,
      dueDate: c.dueDate,
      status: c.status as CampaignState,
      openedBy: openers.get(c.openedById) ?? null,
      createdAt: c.createdAt.toISOString(),
      closedAt: iso(c.closedAt),
      closeNote: c.closeNote,
      counts: {
        asked: rows.length,
        submitted: count('SUBMITTED'),
        nothingToDeclare: count('NOTHING_TO_DECLARE'),
        pending: count('PENDING'),
        late: rows.filter((r) => r.late).length,
        systemsConfirmed: rows.filter((r) => r.status === 'SUBMITTED').reduce((n, r) => n + r.systemsConfirmed, 0),
      },
      version: c.version,
    };
  }

  async function openerNames(tx: Tx, ids: string[]) {
    const users = await tx.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, displayName: true } });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }

  /** The campaign with the coverage of the organisations the actor may read (all, for the sub-center). */
  async function loadCampaign(tx: Tx, actor: Actor, c: CampaignRow): Promise<Omit<CampaignView, 'allowedActions'>> {
    const rows = await tx.surveyResponse.findMany({
      where: { AND: [{ campaignId: c.id }, readableWhere(actor.ability, 'SurveyResponse')] },
      include: responseInclude,
      orderBy: { org: { code: 'asc' } },
    });
    const coverage = rows.map((r) => coverageRow(actor, c, r));
    return { ...summaryOf(c, coverage, await openerNames(tx, [c.openedById])), responses: coverage };
  }

  const getCampaign = (actor: Actor, id: string, locale: Locale) => campaigns.present(actor, id, locale, (tx, row) => loadCampaign(tx, actor, row));

  async function listCampaigns(actor: Actor, filter: { status?: CampaignState } = {}) {
    return prisma.$transaction(async (tx) => {
      const rows = await tx.surveyCampaign.findMany({
        where: { AND: [readableWhere(actor.ability, 'SurveyCampaign'), filter.status ? { status: filter.status } : {}] },
        orderBy: [{ createdAt: 'desc' }],
        take: 500,
      });
      const answers = await tx.surveyResponse.findMany({
        where: { AND: [{ campaignId: { in: rows.map((r) => r.id) } }, readableWhere(actor.ability, 'SurveyResponse')] },
        include: responseInclude,
      });
      const openers = await openerNames(tx, rows.map((r) => r.openedById));
      return { items: rows.map((c) => summaryOf(c, answers.filter((a) => a.campaignId === c.id).map((a) => coverageRow(actor, c, a)), openers)) };
    });
  }

  /** Opens a campaign: one pending response per asked organisation, the audit record and their notices, at once. */
  async function open(actor: Actor, input: OpenCampaignInput, locale: Locale) {
    assertCan(actor.ability, 'create', 'SurveyCampaign');
    assertDueAfterToday(input.dueDate, today());
    if (!input.orgIds?.length && !input.kinds?.length) throw new InvalidInputError([{ path: 'orgIds', code: 'SURVEY_NO_ORGS' }], 'VALIDATION_FAILED', 422);
    const id = await prisma.$transaction(async (tx) => {
      const named = input.orgIds?.length ? await tx.organisation.findMany({ where: { id: { in: input.orgIds }, active: true }, select: { id: true } }) : [];
      const unknown = (input.orgIds ?? []).map((orgId, i) => ({ orgId, i })).filter(({ orgId }) => !named.some((o) => o.id === orgId));
      if (unknown.length) throw new InvalidInputError(unknown.map(({ i }) => ({ path: `orgIds.${i}`, code: 'SURVEY_ORG_UNKNOWN' })), 'VALIDATION_FAILED', 422);
      const orgs = await tx.organisation.findMany({
        where: { active: true, OR: [{ id: { in: input.orgIds ?? [] } }, ...(input.kinds?.length ? [{ kind: { in: input.kinds } }] : [])] },
        select: { id: true, jurisdiction: true },
        orderBy: { code: 'asc' },
      });
      if (!orgs.length) throw new InvalidInputError([{ path: 'kinds', code: 'SURVEY_NO_ORGS' }], 'VALIDATION_FAILED', 422);
      const c = await tx.surveyCampaign.create({
        data: { title: input.title, description: input.description ?? null, dueDate: input.dueDate, openedById: actor.principal!.id },
      });
      const created = await tx.surveyResponse.createManyAndReturn({
        data: orgs.map((o) => ({ campaignId: c.id, orgId: o.id, jurisdiction: o.jurisdiction })),
        select: { id: true, orgId: true },
      });
      await recordAudit(tx, actor.audit, {
        action: 'survey-campaign.open',
        outcome: 'SUCCESS',
        targetType: 'SurveyCampaign',
        targetId: c.id,
        detail: { title: c.title, dueDate: c.dueDate, orgIds: orgs.map((o) => o.id), ...(input.kinds?.length ? { kinds: input.kinds } : {}) },
      });
      await notifyOpened(tx, c, created);
      return c.id;
    });
    return getCampaign(actor, id, locale);
  }

  async function actOnCampaign<K extends CampaignAction>(actor: Actor, action: K, id: string, expectedVersion: number | undefined, input: CampaignInputs[K], locale: Locale) {
    await campaigns.run(actor, action, id, { expectedVersion, input, locale });
    return getCampaign(actor, id, locale);
  }

  // ── responses

  async function loadResponse(tx: Tx, r: Prisma.SurveyResponseGetPayload<object>): Promise<Omit<ResponseView, 'allowedActions'>> {
    const full = await tx.surveyResponse.findUniqueOrThrow({
      where: { id: r.id },
      include: { ...responseInclude, campaign: true, confirmations: { select: { systemId: true } } },
    });
    const systems = await tx.migrationSystem.findMany({
      where: { orgId: full.orgId },
      orderBy: { seq: 'asc' },
      select: { id: true, code: true, name: true, status: true, hosting: true, lastConfirmedAt: true },
    });
    const confirmed = new Set(full.confirmations.map((c) => c.systemId));
    const submitter = full.submittedById ? await tx.user.findUnique({ where: { id: full.submittedById }, select: { displayName: true } }) : null;
    const { late, workingDaysLeft } = lateness(full.status, full.campaign.dueDate, countedOn(full.campaign));
    return {
      id: full.id,
      campaign: { id: full.campaign.id, title: full.campaign.title, description: full.campaign.description, dueDate: full.campaign.dueDate, status: full.campaign.status as CampaignState },
      org: full.org,
      status: full.status as ResponseState,
      late,
      workingDaysLeft,
      submittedAt: iso(full.submittedAt),
      submittedBy: submitter?.displayName ?? null,
      declaredReason: full.declaredReason,
      returnReason: full.returnReason,
      systems: systems.map((s) => ({ ...s, lastConfirmedAt: iso(s.lastConfirmedAt), confirmed: confirmed.has(s.id) })),
      version: full.version,
    };
  }

  const getResponse = (actor: Actor, id: string, locale: Locale) => responses.present(actor, id, locale, (tx, row) => loadResponse(tx, row));

  /** The responses the actor may read: their own organisation's (all, for the sub-center), newest campaign first. */
  async function listResponses(actor: Actor, filter: { status?: ResponseState } = {}): Promise<{ items: ResponseSummary[] }> {
    const rows = await prisma.surveyResponse.findMany({
      where: { AND: [readableWhere(actor.ability, 'SurveyResponse'), filter.status ? { status: filter.status } : {}] },
      include: { ...responseInclude, campaign: true },
      orderBy: [{ campaign: { createdAt: 'desc' } }, { org: { code: 'asc' } }],
      take: 500,
    });
    const submitters = await openerNames(prisma, rows.flatMap((r) => (r.submittedById ? [r.submittedById] : [])));
    return {
      items: rows.map((r) => {
        const { late, workingDaysLeft } = lateness(r.status, r.campaign.dueDate, countedOn(r.campaign));
        return {
          id: r.id,
          campaign: { id: r.campaign.id, title: r.campaign.title, description: r.campaign.description, dueDate: r.campaign.dueDate, status: r.campaign.status as CampaignState },
          org: r.org,
          status: r.status as ResponseState,
          late,
          workingDaysLeft,
          submittedAt: iso(r.submittedAt),
          submittedBy: r.submittedById ? (submitters.get(r.submittedById) ?? null) : null,
          declaredReason: r.declaredReason,
          returnReason: r.returnReason,
          systemsConfirmed: r._count.confirmations,
          version: r.version,
        };
      }),
    };
  }

  async function actOnResponse<K extends ResponseAction>(actor: Actor, action: K, id: string, expectedVersion: number | undefined, input: ResponseInputs[K], locale: Locale) {
    await responses.run(actor, action, id, { expectedVersion, input, locale });
    return getResponse(actor, id, locale);
  }

  return {
    listCampaigns,
    getCampaign,
    open,
    extend: (actor: Actor, id: string, v: number | undefined, input: ExtendCampaignInput, locale: Locale) => actOnCampaign(actor, 'extend', id, v, input, locale),
    remind: (actor: Actor, id: string, v: number | undefined, locale: Locale) => actOnCampaign(actor, 'remind', id, v, undefined, locale),
    close: (actor: Actor, id: string, v: number | undefined, input: CloseCampaignInput, locale: Locale) => actOnCampaign(actor, 'close', id, v, input, locale),
    listResponses,
    getResponse,
    confirm: (actor: Actor, id: string, v: number | undefined, input: ConfirmInput, locale: Locale) => actOnResponse(actor, 'confirm', id, v, input, locale),
    submit: (actor: Actor, id: string, v: number | undefined, locale: Locale) => actOnResponse(actor, 'submit', id, v, undefined, locale),
    declareNone: (actor: Actor, id: string, v: number | undefined, input: ReasonInput, locale: Locale) => actOnResponse(actor, 'declare-none', id, v, input, locale),
    sendBack: (actor: Actor, id: string, v: number | undefined, input: ReasonInput, locale: Locale) => actOnResponse(actor, 'return', id, v, input, locale),
  };
}

export type SurveyService = ReturnType<typeof createSurveyService>;
