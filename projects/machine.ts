// What each action of the project machine (projects/workflow.ts) needs besides its state, and what it does: the
// runner (core/workflow/runner.ts) checks state, ability and version and writes the state and the audit record;
// these check the input and add the records each action leaves (reviews, notices, filings, deadlines, entitlement).
import { readableWhere } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { ACCEPTANCE_REPORT, CONTRACT_FILING, RECTIFICATION_REPORT, type LocalDate, type MonthDay } from '../core/calendar/working-days.js';
import type { Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, RuleViolationError, type Violation } from '../core/errors.js';
import { JURISDICTION_AUTHORITIES } from '../accounts/jurisdictions.js';
import { registerMessages, t, type Locale } from '../core/i18n.js';
import { stateKey } from '../core/workflow/machine.js';
import type { Guard, Machine } from '../core/workflow/runner.js';
import type { PublishedEntry } from '../catalog/published.js';
import { createResourceRequest, type ResourceRequestInput } from '../provisioners/request-create.js';
import { approvalNumberFor } from './approval-number.js';
import { addDeadline } from './deadlines.js';
import { assertDates, eventOn, instantOn } from '../core/calendar/date-order.js';
import { grantEntitlement } from './entitlement-grant.js';
import type {
  AcceptanceInput,
  BudgetReviewInput,
  ChangeRequestInput,
  DraftEdit,
  EvaluationInput,
  FilingInput,
  GovernInput,
  NoticeInput,
  ReviewInput,
  StoredDocument,
} from './inputs.js';
import { clearReviewDrafts } from './review-drafts.js';
import { meetSelfEvaluation, openSelfEvaluationDeadlines } from './self-evaluations.js';
import { loadProject, toValidationInput } from './store.js';
import type { ProjectBasics } from './validation-input.js';
import { retiredPlanViolation, validateProject } from './validation.js';
import { FILING_KIND_LABELS, filingKindsIn, PROJECT_MACHINE, type ProjectAction, type ProjectState } from './workflow.js';
import './audit-names.js';

// filings named in messages (FILING_KIND_NOT_ALLOWED) in the reader's language
registerMessages(Object.fromEntries(Object.entries(FILING_KIND_LABELS).map(([kind, label]) => [`filing.${kind}`, label])));

export interface ProjectInputs extends Record<ProjectAction, unknown> {
  update: DraftEdit;
  submit: undefined;
  review: ReviewInput;
  'budget-review': BudgetReviewInput;
  notice: NoticeInput;
  'resolve-objection': { noticeId: string; objectionId: string; resolution: string };
  establish: { approvalNumber?: string };
  file: FilingInput | { kind: 'DOCUMENT'; document: StoredDocument };
  request: ResourceRequestInput;
  'change-request': ChangeRequestInput;
  'change-review': { decision: 'APPROVE' | 'RETURN'; comment?: string };
  acceptance: AcceptanceInput;
  evaluate: EvaluationInput;
  rectify: { issues: string; issuedDate?: LocalDate };
  suspend: GovernInput;
  resume: GovernInput;
  terminate: GovernInput;
}

export interface ProjectEnv {
  /** the current published catalog; null while none is published */
  catalog: PublishedEntry | null;
  /** today in Asia/Shanghai */
  today: LocalDate;
  /** Art. 21: MM-DD of the year after a budget year by which its self-evaluation is due (configuration) */
  selfEvaluationDue: MonthDay;
}

export type ProjectRecord = Prisma.ProjectGetPayload<object>;

/** The project row if the actor may read it; 404 otherwise, so projects do not reveal their existence. */
export async function findReadableProject(tx: Tx, actor: Actor, id: string): Promise<ProjectRecord> {
  const row = await tx.project.findFirst({ where: { AND: [{ id }, readableWhere(actor.ability, 'Project')] } });
  if (row) return row;
  // an authority of one jurisdiction reaching for a submitted project of another is refused, not misled (Art. 39)
  const p = actor.principal;
  if (p && JURISDICTION_AUTHORITIES.includes(p.role)) {
    const other = await tx.project.findUnique({ where: { id }, select: { jurisdiction: true, status: true } });
    if (other && other.status !== 'DRAFT' && other.jurisdiction !== p.jurisdiction) throw new ForbiddenError('OUTSIDE_JURISDICTION', { article: '第三十九条' });
  }
  throw new NotFoundError('project');
}

const catalogOf = (env: ProjectEnv) => {
  if (!env.catalog) throw new NotFoundError('revision');
  return env.catalog;
};

function requireComment(decision: string, comment: string | undefined) {
  if (decision !== 'APPROVE' && !comment?.trim()) throw new InvalidInputError([{ path: 'comment', code: 'field.required' }]);
}

export async function assertOrgsExist(tx: Tx, ids: string[]) {
  if (!ids.length) return;
  const found = await tx.organisation.count({ where: { id: { in: ids } } });
  if (found !== new Set(ids).size) throw new NotFoundError('organisation');
}

/** A document stored with the project, in the same transaction as the action that records it. */
async function recordDocument(tx: Tx, actor: Actor, projectId: string, d: StoredDocument) {
  const doc = await tx.projectDocument.create({ data: { projectId, ...d, kind: d.kind as never, uploadedById: actor.principal!.id } });
  return { audit: 'project.document.upload', detail: { documentId: doc.id, kind: d.kind, filename: d.filename, size: d.size, sm3: d.sm3 } };
}

/** The application passes every rule of the current catalog (Art. 6, 7, 11, 12, 28): the first violation is the reason. */
const validApplication: Guard<ProjectRecord, ProjectEnv> = {
  article: '第六条',
  async check({ tx, row, env, locale }) {
    const { row: full, org } = await loadProject(tx, row.id);
    const violations = validateProject(toValidationInput(full, org), catalogOf(env).view, locale);
    return violations.length ? new RuleViolationError(violations) : null;
  },
};

/** Establishment waits for the notice period to end, and for every objection to be resolved (Art. 10). */
const noticeEnded: Guard<ProjectRecord, ProjectEnv> = {
  article: '第十条',
  async check({ tx, row, env }) {
    const notice = await tx.publicNotice.findFirst({ where: { projectId: row.id, closedAt: null }, orderBy: { createdAt: 'desc' }, include: { objections: true } });
    if (!notice) return new NotFoundError('notice');
    if (env.today <= notice.endDate) return new ConflictError('NOTICE_NOT_ENDED', { endDate: notice.endDate });
    const open = notice.objections.filter((o) => !o.resolution);
    return open.length ? new ConflictError('OBJECTIONS_OPEN', { count: open.length }) : null;
  },
};

/** What completion acceptance requires (Art. 17, 19); the messages are `acceptance.<code>` in core/i18n.ts. */
const ACCEPTANCE_CONDITIONS: { key: keyof AcceptanceInput['evidence']; code: string; article: string }[] = [
  { key: 'dataSharingConnected', code: 'ACCEPTANCE_NO_DATA_SHARING', article: '第十七条' },
  { key: 'informationResourcesProvided', code: 'ACCEPTANCE_NO_RESOURCES', article: '第十七条' },
  { key: 'onGovernmentCloud', code: 'ACCEPTANCE_NOT_ON_CLOUD', article: '第十七条' },
  { key: 'secureControllableChecked', code: 'ACCEPTANCE_NOT_SECURE_CONTROLLABLE', article: '第十九条' },
];

/** A line may not ask for a plan the current catalog has retired (Art. 28): refused where it is entered, at its planCode. */
function refuseRetiredPlan(line: { planCode: string }, lineNo: number, env: ProjectEnv, locale: Locale) {
  if (!env.catalog) return;
  const violation = retiredPlanViolation(line, lineNo, 'planCode', env.catalog.view, locale);
  if (violation) throw new RuleViolationError([violation]);
}

/** A filing's date lies neither after today nor before the establishment it follows (Art. 13, 16, 21). */
function checkFilingDates(input: FilingInput, row: ProjectRecord, env: ProjectEnv) {
  const established = eventOn('establishedAt', row.establishedAt);
  if (input.kind === 'CONTRACT') assertDates({ path: 'signedDate', name: 'signedDate', value: input.signedDate, today: env.today, after: [established] });
  else if (input.kind === 'SUPERVISION') assertDates({ path: 'chosenDate', name: 'chosenDate', value: input.chosenDate, today: env.today, after: [established] });
  // a self-evaluation looks back on a budget year (Art. 21), which may have begun before the establishment
  else if (input.kind === 'SELF_EVALUATION') assertDates({ path: 'year', name: 'year', value: String(input.year ?? row.budgetYear), today: env.today });
}

/** A project's basics as columns (JSON fields only when given). */
export function basicsData(patch: Partial<ProjectBasics>): Prisma.ProjectUncheckedUpdateInput {
  const { yearlyBudgets, performanceGoals, ...rest } = patch;
  return { ...rest, ...(yearlyBudgets !== undefined ? { yearlyBudgets } : {}), ...(performanceGoals !== undefined ? { performanceGoals } : {}) };
}

export const projectMachine: Machine<ProjectState, ProjectAction, ProjectRecord, ProjectInputs, ProjectEnv, Prisma.ProjectUncheckedUpdateInput> = {
  table: PROJECT_MACHINE,
  auditPrefix: 'project',
  appends: ['resolve-objection', 'file', 'rectify', 'request'],
  store: {
    find: findReadableProject,
    // its implementing unit, lead unit and co-builders: none of them decides on it (separation of duties)
    owners: (_tx, row) => [row.orgId, row.leadOrgId, ...row.coBuildingOrgIds],
    async lock(tx, id) {
      await tx.$queryRaw`SELECT 1 FROM project WHERE id = ${id}::uuid FOR UPDATE`;
    },
    // every change to what GET /api/projects/:id shows bumps the version, so ETags never serve stale content
    async claim(tx, row, expected) {
      const { count } = await tx.project.updateMany({ where: { id: row.id, version: expected }, data: { version: { increment: 1 } } });
      return count;
    },
    async write(tx, row, status, data) {
      if (status === undefined && !data) return;
      await tx.project.update({ where: { id: row.id }, data: { ...data, ...(status ? { status } : {}) } });
    },
  },
  handlers: {
    update: {
      async effect({ tx, actor, row, input, env, locale }) {
        const id = row.id;
        switch (input.op) {
          case 'basics':
            await assertOrgsExist(tx, [...(input.patch.coBuildingOrgIds ?? []), ...(input.patch.leadOrgId ? [input.patch.leadOrgId] : [])]);
            return { audit: 'project.update', data: basicsData(input.patch), detail: { fields: Object.keys(input.patch) } };
          case 'add-line': {
            const max = await tx.resourceLine.aggregate({ where: { projectId: id }, _max: { lineNo: true } });
            const lineNo = (max._max.lineNo ?? 0) + 1;
            refuseRetiredPlan(input.line, lineNo, env, locale);
            await tx.resourceLine.create({ data: { ...input.line, projectId: id, lineNo } });
            return { audit: 'project.line.add', detail: { lineNo, ...input.line } };
          }
          case 'update-line': {
            refuseRetiredPlan(input.line, input.lineNo, env, locale);
            const { count } = await tx.resourceLine.updateMany({ where: { projectId: id, lineNo: input.lineNo }, data: input.line });
            if (!count) throw new NotFoundError('line');
            return { audit: 'project.line.update', detail: { lineNo: input.lineNo, ...input.line } };
          }
          case 'remove-line': {
            const { count } = await tx.resourceLine.deleteMany({ where: { projectId: id, lineNo: input.lineNo } });
            if (!count) throw new NotFoundError('line');
            return { audit: 'project.line.remove', detail: { lineNo: input.lineNo } };
          }
          case 'resources':
            await tx.informationResource.deleteMany({ where: { projectId: id } });
            await tx.informationResource.createMany({ data: input.items.map((r, i) => ({ ...r, projectId: id, sortOrder: i })) });
            return {
              audit: 'project.resources.replace',
              detail: { needed: input.items.filter((r) => r.direction === 'NEEDED').length, produced: input.items.filter((r) => r.direction === 'PRODUCED').length },
            };
          case 'document':
            return recordDocument(tx, actor, id, input.document);
        }
      },
    },
    submit: {
      guards: [validApplication],
      effect: ({ env }) => ({ data: { submittedAt: new Date(), catalogRevision: catalogOf(env).number }, detail: { catalogRevision: catalogOf(env).number } }),
    },
    review: {
      async effect({ tx, actor, row, input }) {
        requireComment(input.decision, input.comment);
        await tx.projectReview.create({
          data: { projectId: row.id, stage: 'GIA_REVIEW', decision: input.decision, dimensions: input.dimensions, comment: input.comment ?? null, reviewerId: actor.principal!.id },
        });
        await clearReviewDrafts(tx, row.id, 'review');
        const to = input.decision === 'APPROVE' ? 'BUDGET_REVIEW' : input.decision === 'RETURN' ? 'RETURNED' : 'REJECTED';
        return { to, data: { deciders: { push: actor.principal!.id } }, detail: { decision: input.decision } };
      },
    },
    'budget-review': {
      async effect({ tx, actor, row, input }) {
        requireComment(input.decision, input.comment);
        if (input.decision === 'APPROVE') {
          if (input.approvedAmount === undefined) throw new InvalidInputError([{ path: 'approvedAmount', code: 'field.required' }]);
          if (input.approvedAmount > Number(row.totalBudget)) {
            throw new InvalidInputError([{ path: 'approvedAmount', code: 'field.too_big', params: { maximum: Number(row.totalBudget) } }], 'VALIDATION_FAILED', 422);
          }
        }
        const approve = input.decision === 'APPROVE';
        await tx.projectReview.create({
          data: {
            projectId: row.id,
            stage: 'BUDGET_REVIEW',
            decision: input.decision,
            comment: input.comment ?? null,
            approvedAmount: approve ? input.approvedAmount : null,
            reviewerId: actor.principal!.id,
          },
        });
        await clearReviewDrafts(tx, row.id, 'budget-review');
        return {
          to: approve ? 'BUDGET_APPROVED' : 'RETURNED',
          data: { approvedBudget: approve ? input.approvedAmount : null, deciders: { push: actor.principal!.id } },
          detail: { decision: input.decision, approvedAmount: input.approvedAmount ?? null },
        };
      },
    },
    notice: {
      checkInput(input, env) {
        // a notice the public could never have seen is no notice (Art. 10): it starts today at the earliest
        assertDates(
          { path: 'startDate', name: 'startDate', value: input.startDate, after: [{ event: 'today', date: env.today }] },
          { path: 'endDate', name: 'endDate', value: input.endDate, after: [{ event: 'startDate', date: input.startDate }] },
        );
      },
      async effect({ tx, row, input }) {
        const org = await tx.organisation.findUniqueOrThrow({ where: { id: row.orgId } });
        const amount = Number(row.approvedBudget ?? row.totalBudget);
        const notice = await tx.publicNotice.create({
          data: {
            projectId: row.id,
            title: input.title ?? `关于${row.name}资金拟分配计划的公示`,
            content:
              input.content ??
              `根据《运城市市级政务信息化项目建设应用管理规定》第十条，现将${org.name}“${row.name}”项目资金拟分配计划予以公示，拟安排资金 ${amount.toLocaleString('zh-CN', { minimumFractionDigits: 2 })} 元。公示期内如有异议，请提出。`,
            amount,
            startDate: input.startDate,
            endDate: input.endDate,
          },
        });
        return { detail: { noticeId: notice.id, startDate: input.startDate, endDate: input.endDate } };
      },
    },
    'resolve-objection': {
      async effect({ tx, row, input }) {
        const o = await tx.noticeObjection.findFirst({ where: { id: input.objectionId, noticeId: input.noticeId, notice: { projectId: row.id } } });
        if (!o) throw new NotFoundError('objection');
        await tx.noticeObjection.update({ where: { id: o.id }, data: { resolution: input.resolution } });
        return { audit: 'notice.objection.resolve', detail: { objectionId: o.id } };
      },
    },
    establish: {
      guards: [noticeEnded],
      async effect({ tx, row, input, env }) {
        const notice = await tx.publicNotice.findFirstOrThrow({ where: { projectId: row.id, closedAt: null }, orderBy: { createdAt: 'desc' } });
        const now = new Date();
        const establishedAt = instantOn(env.today, now);
        const approvalNumber = await approvalNumberFor(tx, env.today, input.approvalNumber);
        if (await tx.project.findUnique({ where: { approvalNumber } })) throw new ConflictError('ALREADY_EXISTS', { what: approvalNumber });
        await tx.publicNotice.update({ where: { id: notice.id }, data: { closedAt: now } });
        await grantEntitlement(tx, row.id, row.catalogRevision);
        // one self-evaluation per budget year (Art. 21), due after the year
        const selfEvaluations = await openSelfEvaluationDeadlines(tx, row, env.selfEvaluationDue);
        return { data: { establishedAt, approvalNumber }, detail: { approvalNumber, selfEvaluations } };
      },
    },
    file: {
      async effect({ tx, actor, row, input, env }) {
        if (input.kind === 'DOCUMENT') return recordDocument(tx, actor, row.id, input.document);
        const { kind, ...data } = input.kind === 'SELF_EVALUATION' ? { ...input, year: input.year ?? row.budgetYear } : input;
        if (!filingKindsIn(row.status).includes(kind)) {
          throw new ConflictError('FILING_KIND_NOT_ALLOWED', { kind: `filing.${kind}`, state: stateKey('Project', row.status), article: '第十三条' });
        }
        checkFilingDates(input, row, env);
        const filing = await tx.filing.create({ data: { projectId: row.id, kind, data: data as Prisma.InputJsonValue, filedById: actor.principal!.id } });
        const detail: Record<string, unknown> = { kind, filingId: filing.id };
        if (input.kind === 'CONTRACT') {
          const d = await addDeadline(tx, row, CONTRACT_FILING, input.signedDate as LocalDate, `合同备案：${input.contractNo}`, 'signedDate', { filingId: filing.id });
          detail.late = env.today > d.dueDate;
          detail.dueDate = d.dueDate;
        } else if (input.kind === 'ACCEPTANCE_REPORT') {
          await tx.deadline.updateMany({ where: { projectId: row.id, ruleCode: ACCEPTANCE_REPORT.code, metAt: null }, data: { metAt: new Date(), metByFilingId: filing.id } });
        } else if (input.kind === 'RECTIFICATION_REPORT') {
          const { count } = await tx.deadline.updateMany({
            where: { id: input.deadlineId, projectId: row.id, ruleCode: RECTIFICATION_REPORT.code, metAt: null },
            data: { metAt: new Date(), metByFilingId: filing.id },
          });
          if (!count) throw new NotFoundError('deadline');
        } else if (input.kind === 'SELF_EVALUATION') {
          const met = await meetSelfEvaluation(tx, row.id, input.year ?? row.budgetYear, filing.id);
          if (met) detail.deadlineId = met;
        }
        return { audit: `project.filing.${kind.toLowerCase()}`, detail };
      },
    },
    request: {
      async effect({ tx, actor, row, input, env, locale }) {
        const created = await createResourceRequest(tx, actor, row, catalogOf(env).view, input, locale);
        return { audit: 'resource-request.create', detail: { requestId: created.id, code: created.code, items: input.items } };
      },
    },
    'change-request': {
      async effect({ tx, actor, row, input, env, locale }) {
        const catalog = catalogOf(env);
        const { row: full, org } = await loadProject(tx, row.id);
        const proposed = { ...toValidationInput(full, org), lines: input.lines.map((l, i) => ({ ...l, lineNo: i + 1 })) };
        const violations = validateProject(proposed, catalog.view, locale).filter((v: Violation) => v.line !== undefined);
        if (violations.length) throw new RuleViolationError(violations);
        const filing = await tx.filing.create({ data: { projectId: row.id, kind: 'CHANGE_REQUEST', data: { ...input, catalogRevision: catalog.number }, filedById: actor.principal!.id } });
        return { data: { resumeStatus: row.status }, detail: { filingId: filing.id } };
      },
    },
    'change-review': {
      async effect({ tx, actor, row, input }) {
        const request = await tx.filing.findFirst({ where: { projectId: row.id, kind: 'CHANGE_REQUEST' }, orderBy: { createdAt: 'desc' } });
        if (!request) throw new NotFoundError('project');
        const data = request.data as unknown as ChangeRequestInput & { catalogRevision: number };
        if (input.decision === 'APPROVE') {
          await tx.resourceLine.deleteMany({ where: { projectId: row.id } });
          await tx.resourceLine.createMany({ data: data.lines.map((l, i) => ({ ...l, projectId: row.id, lineNo: i + 1 })) });
          await grantEntitlement(tx, row.id, data.catalogRevision);
        }
        await tx.projectReview.create({
          data: { projectId: row.id, stage: 'CHANGE_REVIEW', decision: input.decision, comment: input.comment ?? null, reviewerId: actor.principal!.id },
        });
        return {
          data: { resumeStatus: null, deciders: { push: actor.principal!.id }, ...(input.decision === 'APPROVE' ? { catalogRevision: data.catalogRevision } : {}) },
          detail: { decision: input.decision, filingId: request.id },
        };
      },
    },
    acceptance: {
      async effect({ tx, actor, row, input, env, locale }) {
        const missing: Violation[] = ACCEPTANCE_CONDITIONS.filter((c) => !input.evidence[c.key]).map((c) => ({
          code: c.code,
          field: `evidence.${c.key}`,
          article: c.article,
          message: t(`acceptance.${c.code}`, locale),
        }));
        if (missing.length) throw new RuleViolationError(missing);
        // completion follows the contract it completes (the latest one signed), or the establishment without one
        const contracts = await tx.filing.findMany({ where: { projectId: row.id, kind: 'CONTRACT' }, select: { data: true } });
        const lastSigned = contracts.map((c) => (c.data as { signedDate: LocalDate }).signedDate).sort().at(-1);
        assertDates({
          path: 'acceptanceDate',
          name: 'acceptanceDate',
          value: input.acceptanceDate,
          today: env.today,
          after: [eventOn('establishedAt', row.establishedAt), lastSigned ? { event: 'signedDate', date: lastSigned } : null],
        });
        const { acceptanceDate, ...data } = input;
        const filing = await tx.filing.create({ data: { projectId: row.id, kind: 'ACCEPTANCE', data: { acceptanceDate, ...data }, filedById: actor.principal!.id } });
        const d = await addDeadline(tx, row, ACCEPTANCE_REPORT, acceptanceDate as LocalDate, '竣工验收报告备案', 'acceptanceDate');
        return { detail: { filingId: filing.id, reportDue: d.dueDate } };
      },
    },
    evaluate: {
      async effect({ tx, actor, row, input }) {
        const evaluation = await tx.effectivenessEvaluation.create({
          data: { projectId: row.id, orgId: row.orgId, dimensions: input.dimensions, grade: input.grade, conclusion: input.conclusion, evaluatedById: actor.principal!.id },
        });
        return { detail: { evaluationId: evaluation.id, grade: input.grade } };
      },
    },
    rectify: {
      async effect({ tx, actor, row, input, env }) {
        const issued = input.issuedDate ?? env.today;
        assertDates({ path: 'issuedDate', name: 'issuedDate', value: issued, today: env.today, after: [eventOn('establishedAt', row.establishedAt)] });
        const d = await addDeadline(tx, row, RECTIFICATION_REPORT, issued, `整改结果报送：${input.issues.slice(0, 40)}`, 'issuedDate');
        // the notice names the deadline it opened, so the report and the console can pair them
        const filing = await tx.filing.create({
          data: { projectId: row.id, kind: 'RECTIFICATION_NOTICE', data: { issues: input.issues, issuedDate: issued, deadlineId: d.id }, filedById: actor.principal!.id },
        });
        return { audit: 'project.rectification', detail: { filingId: filing.id, deadlineId: d.id, dueDate: d.dueDate } };
      },
    },
    suspend: { effect: ({ row, input }) => ({ data: { resumeStatus: row.status, statusReason: input.reason }, note: input.reason }) },
    resume: {
      effect: ({ row, input }) => ({ to: (row.resumeStatus as ProjectState | null) ?? 'ESTABLISHED', data: { resumeStatus: null, statusReason: null }, note: input.reason }),
    },
    terminate: { effect: ({ input }) => ({ data: { resumeStatus: null, statusReason: input.reason }, note: input.reason }) },
  },
};
