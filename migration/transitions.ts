// Moving a system through the state machine (migration/workflow.ts): one function takes every transition —
// visibility, permission, If-Match, state, then what that transition requires — and writes the change, its
// history entry and its audit record in one transaction.
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import type { Database, Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { NotFoundError, RuleViolationError, type Violation } from '../core/errors.js';
import { t, type Locale } from '../core/i18n.js';
import type { PublishedCatalog } from '../catalog/published.js';
import { isExempt, validateAssessment } from './assessment.js';
import { openSystemForChange } from './guard.js';
import { recordChange } from './history.js';
import { loadSystemView } from './register.js';
import type { AssessmentInput } from './register-input.js';
import { MIGRATION_TRANSITIONS, targetState, type MigrationAction, type MigrationState } from './workflow.js';

export interface TransitionInput {
  assess: AssessmentInput & { note?: string };
  plan: { waveId: string; note?: string };
  start: { note?: string };
  'cut-over': { note?: string };
  verify: { projectId: string; resourceRequestIds?: string[]; note?: string };
  decommission: { note?: string };
  block: { reason: string };
  unblock: { note?: string };
}

type SystemRecord = Awaited<ReturnType<typeof openSystemForChange>>;

interface Step {
  data?: Prisma.MigrationSystemUncheckedUpdateInput;
  detail?: Record<string, unknown>;
}

const rule = (locale: Locale, code: string, article: string, params: Record<string, string | number> = {}, field?: string): Violation => ({
  code,
  article,
  ...(field ? { field } : {}),
  message: t(`migration.${code}`, locale, params),
});

export function createTransitionService({ db, published, onChange }: { db: Database; published: PublishedCatalog; onChange: () => void }) {
  const { prisma } = db;

  /** What each transition requires beyond its state, and what it changes. Throws 404/422 when unmet. */
  const requirements: { [A in MigrationAction]: (tx: Tx, row: SystemRecord, input: TransitionInput[A], locale: Locale, catalog: Awaited<ReturnType<PublishedCatalog['current']>> | null) => Promise<Step> } = {
    async assess(_tx, row, input, locale, catalog) {
      const violations = validateAssessment(row, input, catalog!.view, locale);
      if (violations.length) throw new RuleViolationError(violations);
      const targetPlanCodes = [...new Set(input.targetPlanCodes)];
      return {
        data: { strategy: input.strategy, effort: input.effort, risk: input.risk, targetPlanCodes, blockingIssues: input.blockingIssues, assessedAt: new Date() },
        detail: { strategy: input.strategy, effort: input.effort, risk: input.risk, targetPlanCodes, catalogRevision: catalog!.number },
      };
    },
    async plan(tx, row, input, locale) {
      const wave = await tx.migrationWave.findUnique({ where: { id: input.waveId } });
      if (!wave) throw new NotFoundError('migrationWave');
      if (isExempt(row)) throw new RuleViolationError([rule(locale, 'EXEMPT_NOT_PLANNED', '第一条')]);
      return { data: { waveId: wave.id }, detail: { waveId: wave.id, wave: wave.name, previousWaveId: row.waveId } };
    },
    async start(_tx, row, _input, locale) {
      // classified after it was planned (Art. 1): it does not move
      if (isExempt(row)) throw new RuleViolationError([rule(locale, 'EXEMPT_NOT_PLANNED', '第一条')]);
      return {};
    },
    async 'cut-over'() {
      return {};
    },
    async verify(tx, row, input, locale) {
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
      };
    },
    async decommission(_tx, row, _input, locale) {
      if (row.status !== 'MIGRATED' && row.strategy !== 'RETIRE') throw new RuleViolationError([rule(locale, 'DECOMMISSION_NOT_MIGRATED', '第三十三条')]);
      return { data: { decommissionedAt: new Date() } };
    },
    async block(_tx, row, input) {
      return { data: { blockedReason: input.reason, blockedFrom: row.status } };
    },
    async unblock(_tx, row) {
      return { data: { blockedReason: null, blockedFrom: null }, detail: { reason: row.blockedReason } };
    },
  };

  async function take<A extends MigrationAction>(actor: Actor, id: string, expectedVersion: number | undefined, action: A, input: TransitionInput[A], locale: Locale) {
    const transition = MIGRATION_TRANSITIONS[action];
    const catalog = action === 'assess' ? await published.current() : null;
    const view = await prisma.$transaction(async (tx) => {
      const row = await openSystemForChange(tx, actor, id, expectedVersion, transition.ability, transition.from);
      const to: MigrationState = targetState(action, row.status, row.blockedFrom);
      const step = await requirements[action](tx, row, input, locale, catalog);
      await tx.migrationSystem.update({ where: { id }, data: { ...step.data, status: to } });
      const reason = 'reason' in input ? input.reason : 'note' in input ? (input.note ?? null) : null;
      await recordChange(tx, actor, { systemId: id, action, from: row.status, to, reason, detail: step.detail });
      await recordAudit(tx, actor.audit, {
        action: `migration.${action}`,
        targetType: 'MigrationSystem',
        targetId: id,
        detail: { code: row.code, from: row.status, to, ...(reason ? { reason } : {}), ...step.detail },
      });
      return loadSystemView(tx, id);
    });
    onChange();
    return view;
  }

  return { take };
}

export type TransitionService = ReturnType<typeof createTransitionService>;
