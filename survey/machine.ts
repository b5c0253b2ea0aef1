// What each action of the survey machines (./workflow.ts) does besides its state: a campaign's due date moved, its
// pending organisations reminded, its closing; a response's confirmed systems, its submission (which marks the
// systems as last confirmed by this campaign), its declaration of nothing to declare, its return. Every response
// action needs its campaign open, and bumps the campaign's version (its coverage changed).
import { readableWhere } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import type { LocalDate } from '../core/calendar/working-days.js';
import type { Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../core/errors.js';
import type { Guard, Machine } from '../core/workflow/runner.js';
import type { CloseCampaignInput, ConfirmInput, ExtendCampaignInput, ReasonInput } from './schema.js';
import { CAMPAIGN_MACHINE, RESPONSE_MACHINE, type CampaignAction, type CampaignState, type ResponseAction, type ResponseState } from './workflow.js';
import './audit-names.js';

export type CampaignRecord = Prisma.SurveyCampaignGetPayload<object>;
export type ResponseRecord = Prisma.SurveyResponseGetPayload<object>;

/** what the survey's actions read besides the object: today in Asia/Shanghai */
export interface SurveyEnv {
  today: LocalDate;
}

export interface CampaignInputs extends Record<CampaignAction, unknown> {
  extend: ExtendCampaignInput;
  remind: undefined;
  close: CloseCampaignInput;
}

export interface ResponseInputs extends Record<ResponseAction, unknown> {
  confirm: ConfirmInput;
  submit: undefined;
  'declare-none': ReasonInput;
  return: ReasonInput;
}

/** The campaign if the actor may read it; 404 otherwise. */
export async function findReadableCampaign(tx: Tx, actor: Actor, id: string): Promise<CampaignRecord> {
  const row = await tx.surveyCampaign.findFirst({ where: { AND: [{ id }, readableWhere(actor.ability, 'SurveyCampaign')] } });
  if (!row) throw new NotFoundError('surveyCampaign');
  return row;
}

/** The response if the actor may read it (their own organisation's, or every one for the sub-center); 404 otherwise. */
export async function findReadableResponse(tx: Tx, actor: Actor, id: string): Promise<ResponseRecord> {
  const row = await tx.surveyResponse.findFirst({ where: { AND: [{ id }, readableWhere(actor.ability, 'SurveyResponse')] } });
  if (!row) throw new NotFoundError('surveyResponse');
  return row;
}

/** A due date the answers can still meet: after today. */
export function assertDueAfterToday(dueDate: LocalDate, today: LocalDate): void {
  if (dueDate <= today) throw new InvalidInputError([{ path: 'dueDate', code: 'SURVEY_DUE_NOT_AFTER_TODAY', params: { today } }], 'VALIDATION_FAILED', 422);
}

/** Reminding needs someone to remind. */
const somePending: Guard<CampaignRecord, SurveyEnv> = {
  article: '第五条',
  async check({ tx, row }) {
    const pending = await tx.surveyResponse.count({ where: { campaignId: row.id, status: 'PENDING' } });
    return pending ? null : new ConflictError('SURVEY_NOTHING_PENDING');
  },
};

export const campaignMachine: Machine<CampaignState, CampaignAction, CampaignRecord, CampaignInputs, SurveyEnv, Prisma.SurveyCampaignUncheckedUpdateInput> = {
  table: CAMPAIGN_MACHINE,
  auditPrefix: 'survey-campaign',
  store: {
    find: findReadableCampaign,
    async claim(tx, row, expected) {
      const { count } = await tx.surveyCampaign.updateMany({ where: { id: row.id, version: expected }, data: { version: { increment: 1 } } });
      return count;
    },
    async write(tx, row, status, data) {
      if (status === undefined && !data) return;
      await tx.surveyCampaign.update({ where: { id: row.id }, data: { ...data, ...(status ? { status } : {}) } });
    },
    auditTarget: (row) => ({ detail: { title: row.title } }),
  },
  handlers: {
    extend: {
      checkInput: (input, env) => assertDueAfterToday(input.dueDate as LocalDate, env.today),
      effect({ row, input }) {
        if (input.dueDate <= row.dueDate) {
          throw new InvalidInputError([{ path: 'dueDate', code: 'SURVEY_DUE_NOT_LATER', params: { due: row.dueDate } }], 'VALIDATION_FAILED', 422);
        }
        return { data: { dueDate: input.dueDate }, note: input.reason, detail: { previousDueDate: row.dueDate, dueDate: input.dueDate } };
      },
    },
    remind: {
      guards: [somePending],
      async effect({ tx, row }) {
        const pending = await tx.surveyResponse.findMany({ where: { campaignId: row.id, status: 'PENDING' }, select: { id: true, orgId: true }, orderBy: { id: 'asc' } });
        // each reminded response changes (its reminder is shown): its ETag moves on
        await tx.surveyResponse.updateMany({ where: { id: { in: pending.map((r) => r.id) } }, data: { version: { increment: 1 }, lastRemindedAt: new Date() } });
        return { detail: { responseIds: pending.map((r) => r.id), orgIds: pending.map((r) => r.orgId), count: pending.length } };
      },
    },
    close: {
      effect: ({ input }) => ({ data: { closedAt: new Date(), closeNote: input.note ?? null }, note: input.note ?? null }),
    },
  },
};

/** Answers are taken, and sent back, only while the campaign is open. */
const campaignOpen: Guard<ResponseRecord, SurveyEnv> = {
  article: '第五条',
  async check({ tx, row }) {
    const c = await tx.surveyCampaign.findUniqueOrThrow({ where: { id: row.campaignId }, select: { status: true } });
    return c.status === 'OPEN' ? null : new ConflictError('SURVEY_CAMPAIGN_CLOSED');
  },
};

const confirmedCount = (tx: Tx, row: ResponseRecord) => tx.surveyConfirmation.count({ where: { responseId: row.id } });

/** A submission confirms at least one system; with none, the organisation declares it has nothing. */
const someConfirmed: Guard<ResponseRecord, SurveyEnv> = {
  article: '第五条',
  async check({ tx, row }) {
    return (await confirmedCount(tx, row)) ? null : new ConflictError('SURVEY_NOTHING_CONFIRMED');
  },
};
const noneConfirmed: Guard<ResponseRecord, SurveyEnv> = {
  article: '第五条',
  async check({ tx, row }) {
    const count = await confirmedCount(tx, row);
    return count ? new ConflictError('SURVEY_SYSTEMS_CONFIRMED', { count }) : null;
  },
};

export const responseMachine: Machine<ResponseState, ResponseAction, ResponseRecord, ResponseInputs, SurveyEnv, Prisma.SurveyResponseUncheckedUpdateInput> = {
  table: RESPONSE_MACHINE,
  auditPrefix: 'survey-response',
  store: {
    find: findReadableResponse,
    // an answering organisation does not send back its own answer (separation of duties)
    owners: (_tx, row) => [row.orgId],
    async claim(tx, row, expected) {
      const { count } = await tx.surveyResponse.updateMany({ where: { id: row.id, version: expected }, data: { version: { increment: 1 } } });
      return count;
    },
    async write(tx, row, status, data) {
      if (status !== undefined || data) await tx.surveyResponse.update({ where: { id: row.id }, data: { ...data, ...(status ? { status } : {}) } });
      // the campaign's coverage changed with it
      await tx.surveyCampaign.update({ where: { id: row.campaignId }, data: { version: { increment: 1 } } });
    },
    auditTarget: (row) => ({ detail: { campaignId: row.campaignId, orgId: row.orgId } }),
  },
  handlers: {
    confirm: {
      guards: [campaignOpen],
      async effect({ tx, actor, row, input }) {
        const ids = [...new Set(input.systemIds)];
        const own = await tx.migrationSystem.findMany({ where: { id: { in: ids }, orgId: row.orgId }, select: { id: true } });
        const foreign = ids.filter((id) => !own.some((s) => s.id === id));
        if (foreign.length) {
          throw new InvalidInputError(
            foreign.map((id) => ({ path: `systemIds.${ids.indexOf(id)}`, code: 'SURVEY_SYSTEM_NOT_OWN' })),
            'VALIDATION_FAILED',
            422,
          );
        }
        const before = await tx.surveyConfirmation.findMany({ where: { responseId: row.id }, select: { systemId: true } });
        await tx.surveyConfirmation.deleteMany({ where: { responseId: row.id, systemId: { notIn: ids } } });
        await tx.surveyConfirmation.createMany({ data: ids.map((systemId) => ({ responseId: row.id, systemId, confirmedById: actor.principal!.id })), skipDuplicates: true });
        const had = new Set(before.map((b) => b.systemId));
        return { detail: { systemIds: ids, added: ids.filter((id) => !had.has(id)), removed: [...had].filter((id) => !ids.includes(id)) } };
      },
    },
    submit: {
      guards: [campaignOpen, someConfirmed],
      async effect({ tx, actor, row }) {
        const now = new Date();
        const confirmed = await tx.surveyConfirmation.findMany({ where: { responseId: row.id }, select: { systemId: true }, orderBy: { systemId: 'asc' } });
        const systemIds = confirmed.map((c) => c.systemId);
        // the register entries remember the campaign that last confirmed them (their ETag moves on)
        await tx.migrationSystem.updateMany({ where: { id: { in: systemIds } }, data: { lastConfirmedCampaignId: row.campaignId, lastConfirmedAt: now, version: { increment: 1 } } });
        await tx.surveyConfirmation.updateMany({ where: { responseId: row.id }, data: { confirmedAt: now } });
        return { data: { submittedAt: now, submittedById: actor.principal!.id, declaredReason: null }, detail: { systemIds } };
      },
    },
    'declare-none': {
      guards: [campaignOpen, noneConfirmed],
      effect: ({ actor, input }) => ({ data: { submittedAt: new Date(), submittedById: actor.principal!.id, declaredReason: input.reason }, note: input.reason }),
    },
    return: {
      guards: [campaignOpen],
      effect: ({ input }) => ({ data: { returnReason: input.reason, submittedAt: null, submittedById: null }, note: input.reason }),
    },
  },
};
