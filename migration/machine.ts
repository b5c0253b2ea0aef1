// What each action of the migration machine (migration/workflow.ts) needs besides its state, and what it does:
// the runner (core/workflow/runner.ts) checks and writes; these add the checks of the input and the data.
import { assertFieldsPermitted, MIGRATION_ASSESSMENT_FIELDS, readableWhere, subject } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import type { Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { ConflictError, NotFoundError, RuleViolationError, type Violation } from '../core/errors.js';
import { t, type Locale } from '../core/i18n.js';
import type { Guard, Machine } from '../core/workflow/runner.js';
import type { PublishedEntry } from '../catalog/published.js';
import { isExempt, validateAssessment } from './assessment.js';
import { recordChange } from './history.js';
import type { HISTORY_ACTIONS } from './view-schema.js';
import type { AssessmentInput, SystemPatch } from './register-input.js';
import { MIGRATION_MACHINE, type MigrationAction, type MigrationState } from './workflow.js';
import './audit-names.js';

export interface MigrationInputs extends Record<MigrationAction, unknown> {
  update: SystemPatch;
  withdraw: undefined;
  assess: AssessmentInput & { note?: string };
  plan: { waveId: string; note?: string };
  unplan: { note?: string } | undefined;
  start: { note?: string } | undefined;
  'cut-over': { note?: string } | undefined;
  verify: { projectId: string; resourceRequestIds?: string[]; note?: string };
  decommission: { note?: string } | undefined;
  block: { reason: string };
  unblock: { note?: string } | undefined;
}

export interface MigrationEnv {
  /** null while no revision has been published */
  catalog: PublishedEntry | null;
}

const catalogOf = (env: MigrationEnv) => {
  if (!env.catalog) throw new NotFoundError('revision');
  return env.catalog;
};

type SystemRecord = Prisma.MigrationSystemGetPayload<object>;
type HistoryAction = (typeof HISTORY_ACTIONS)[number];

/** The system row if the actor may read it; 404 otherwise, so other organisations' systems do not reveal themselves. */
export async function findReadableSystem(tx: Tx, actor: Actor, id: string): Promise<SystemRecord> {
  const row = await tx.migrationSystem.findFirst({ where: { AND: [{ id }, readableWhere(actor.ability, 'MigrationSystem')] } });
  if (!row) throw new NotFoundError('migrationSystem');
  return row;
}

const rule = (locale: Locale, code: string, article: string, params: Record<string, string | number> = {}, field?: string): Violation => ({
  code,
  article,
  ...(field ? { field } : {}),
  message: t(`migration.${code}`, locale, params),
});

/** Classified and retain-exempt systems stay where they are (Art. 1): they are not planned and do not start. */
const notExempt: Guard<SystemRecord, MigrationEnv> = {
  article: '第一条',
  check: ({ row, locale }) => (isExempt(row) ? new RuleViolationError([rule(locale, 'EXEMPT_NOT_PLANNED', '第一条')]) : null),
};

/** Decommissioned from ASSESSED or PLANNED only when the strategy is to retire it. */
const migratedOrRetired: Guard<SystemRecord, MigrationEnv> = {
  article: '第三十三条',
  check: ({ row, locale }) =>
    row.status !== 'MIGRATED' && row.strategy !== 'RETIRE' ? new RuleViolationError([rule(locale, 'DECOMMISSION_NOT_MIGRATED', '第三十三条')]) : null,
};

export async function assertNameFree(tx: Tx, orgId: string, name: string) {
  if (await tx.migrationSystem.findFirst({ where: { orgId, name }, select: { id: true } })) throw new ConflictError('SYSTEM_NAME_TAKEN', { name });
}

const noteOf = (input: { note?: string } | undefined) => input?.note ?? null;

export const migrationMachine: Machine<MigrationState, MigrationAction, SystemRecord, MigrationInputs, MigrationEnv, Prisma.MigrationSystemUncheckedUpdateInput> = {
  table: MIGRATION_MACHINE,
  auditPrefix: 'migration',
  store: {
    find: findReadableSystem,
    async claim(tx, row, expected) {
      const { count } = await tx.migrationSystem.updateMany({ where: { id: row.id, version: expected }, data: { version: { increment: 1 } } });
      return count;
    },
    async write(tx, row, status, data) {
      if (status === undefined && !data) return;
      await tx.migrationSystem.update({ where: { id: row.id }, data: { ...data, ...(status ? { status } : {}) } });
    },
    async remove(tx, row) {
      await tx.migrationSystem.delete({ where: { id: row.id } });
    },
    async record(tx, actor, c) {
      // the history's actions are the machine's, and reassess for a revised assessment (migration/view-schema.ts)
      await recordChange(tx, actor, { systemId: c.row.id, action: c.action as HistoryAction, from: c.from, to: c.to, reason: c.note, detail: c.detail });
    },
    auditTarget: (row) => ({ detail: { code: row.code } }),
  },
  handlers: {
    // register fields by the owner, assessment fields by the sub-center (after the first assessment)
    update: {
      async effect({ tx, actor, row, input: patch, env, locale }) {
        assertFieldsPermitted(actor.ability, 'update', subject('MigrationSystem', row), patch);
        const fields = Object.keys(patch).filter((k) => patch[k as keyof SystemPatch] !== undefined);
        const reassessing = fields.some((k) => MIGRATION_ASSESSMENT_FIELDS.includes(k));
        const { strategy, effort, risk, targetPlanCodes, blockingIssues, contacts, ...register } = patch;
        const violations: Violation[] = [];
        if (reassessing) {
          // the first assessment is the assess transition; this revises it
          if (row.strategy === null) throw new ConflictError('NOT_ASSESSED');
          const merged = { strategy: strategy ?? row.strategy, targetPlanCodes: targetPlanCodes ?? row.targetPlanCodes };
          violations.push(...validateAssessment({ classified: register.classified ?? row.classified }, merged, catalogOf(env).view, locale));
        }
        // the sub-center does not declare a system of a wave exempt (its owner may still record it as classified:
        // that is a fact, Art. 1, and an exempt system then neither starts migrating nor counts as remaining in its wave)
        if (strategy === 'RETAIN_EXEMPT' && row.waveId && row.strategy !== 'RETAIN_EXEMPT') {
          violations.push({ code: 'EXEMPT_NOT_PLANNED', field: 'strategy', article: '第一条', message: t('migration.EXEMPT_NOT_PLANNED', locale) });
        }
        if (violations.length) throw new RuleViolationError(violations);
        if (register.name !== undefined && register.name !== row.name) await assertNameFree(tx, row.orgId, register.name);
        return {
          audit: reassessing ? 'migration.reassess' : 'migration.update',
          data: {
            ...register,
            ...(contacts !== undefined ? { contacts } : {}),
            ...(reassessing
              ? { strategy, effort, risk, ...(targetPlanCodes ? { targetPlanCodes: [...new Set(targetPlanCodes)] } : {}), blockingIssues, assessedAt: new Date() }
              : {}),
          },
          detail: { fields },
        };
      },
    },
    // a registration made in error, withdrawn by its organisation before assessment
    withdraw: {
      effect: ({ row }) => ({ detail: { name: row.name, orgId: row.orgId } }),
    },
    assess: {
      effect({ row, input, env, locale }) {
        const catalog = catalogOf(env);
        const violations = validateAssessment(row, input, catalog.view, locale);
        if (violations.length) throw new RuleViolationError(violations);
        const targetPlanCodes = [...new Set(input.targetPlanCodes)];
        return {
          data: { strategy: input.strategy, effort: input.effort, risk: input.risk, targetPlanCodes, blockingIssues: input.blockingIssues, assessedAt: new Date() },
          detail: { strategy: input.strategy, effort: input.effort, risk: input.risk, targetPlanCodes, catalogRevision: catalog.number },
          note: noteOf(input),
        };
      },
    },
    plan: {
      guards: [notExempt],
      async effect({ tx, row, input }) {
        const wave = await tx.migrationWave.findUnique({ where: { id: input.waveId } });
        if (!wave) throw new NotFoundError('migrationWave');
        return { data: { waveId: wave.id }, detail: { waveId: wave.id, wave: wave.name, previousWaveId: row.waveId }, note: noteOf(input) };
      },
    },
    // taken out of its wave (planned by mistake, or to be planned again later)
    unplan: {
      effect: ({ row, input }) => ({ data: { waveId: null }, detail: { previousWaveId: row.waveId }, note: noteOf(input) }),
    },
    // classified after it was planned (Art. 1): it does not move
    start: { guards: [notExempt], effect: ({ input }) => ({ note: noteOf(input) }) },
    'cut-over': { effect: ({ input }) => ({ note: noteOf(input) }) },
    verify: {
      async effect({ tx, row, input, locale }) {
        const project = await tx.project.findUnique({ where: { id: input.projectId }, select: { id: true, code: true, orgId: true, coBuildingOrgIds: true } });
        if (!project) throw new NotFoundError('project');
        const violations: Violation[] = [];
        if (project.orgId !== row.orgId && !project.coBuildingOrgIds.includes(row.orgId)) {
          violations.push(rule(locale, 'PROJECT_NOT_OWNERS', '第三十三条', { project: project.code }, 'projectId'));
        }
        const wanted = input.resourceRequestIds?.length ? [...new Set(input.resourceRequestIds)] : null;
        const provisioned = await tx.resourceRequest.findMany({
          where: { projectId: project.id, status: 'PROVISIONED', ...(wanted ? { id: { in: wanted } } : {}) },
          select: { id: true, code: true },
          orderBy: { code: 'asc' },
        });
        if (wanted) {
          const found = new Set(provisioned.map((r) => r.id));
          wanted.forEach((id, i) => {
            if (!found.has(id)) violations.push(rule(locale, 'NOT_PROVISIONED', '第三十三条', { id, project: project.code }, `resourceRequestIds.${i}`));
          });
        } else if (!provisioned.length) {
          violations.push(rule(locale, 'NO_PROVISIONED_RESOURCES', '第三十三条', { project: project.code }, 'projectId'));
        }
        if (violations.length) throw new RuleViolationError(violations);
        return {
          data: { projectId: project.id, resourceRequestIds: provisioned.map((r) => r.id), migratedAt: new Date() },
          detail: { projectId: project.id, project: project.code, resourceRequests: provisioned.map((r) => r.code) },
          note: noteOf(input),
        };
      },
    },
    decommission: { guards: [migratedOrRetired], effect: ({ input }) => ({ data: { decommissionedAt: new Date() }, note: noteOf(input) }) },
    block: { effect: ({ row, input }) => ({ data: { blockedReason: input.reason, blockedFrom: row.status }, note: input.reason }) },
    unblock: {
      effect: ({ row, input }) => ({
        to: row.blockedFrom ?? 'REGISTERED',
        data: { blockedReason: null, blockedFrom: null },
        detail: { reason: row.blockedReason },
        note: noteOf(input),
      }),
    },
  },
};
