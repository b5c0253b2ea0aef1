// After establishment: filings (Art. 13–21), change requests (Art. 15), completion acceptance (Art. 17, 19),
// rectification (Art. 24), suspension and termination (Art. 23), and the deadlines they carry in working days.
import { assertCan, readableWhere, subject } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import {
  ACCEPTANCE_REPORT,
  CalendarCoverageError,
  CONTRACT_FILING,
  RECTIFICATION_REPORT,
  computeDeadline,
  daysLeft,
  toShanghaiDate,
  type DeadlineRule,
  type LocalDate,
} from '../core/calendar/working-days.js';
import type { Database, Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { InvalidInputError, NotFoundError, RuleViolationError, type Violation } from '../core/errors.js';
import type { Locale } from '../core/i18n.js';
import type { PublishedCatalog } from '../catalog/published.js';
import { grantEntitlement } from './approval.js';
import { findReadableProject, openProjectForAppend, openProjectForChange } from './guard.js';
import type { DeadlineList } from './project-schema.js';
import { loadProject, toDeadlineView, toProjectView, toValidationInput } from './store.js';
import { validateProject } from './validation.js';
import { FILING_STATES, PROJECT_TRANSITIONS } from './workflow.js';

export type FilingKind = 'CONTRACT' | 'SUPERVISION' | 'PROGRESS' | 'ACCEPTANCE_REPORT' | 'SELF_EVALUATION' | 'RECTIFICATION_REPORT';

export type FilingInput =
  | { kind: 'CONTRACT'; signedDate: LocalDate; contractNo: string; contractor: string; amount: number }
  | { kind: 'SUPERVISION'; unit: string; chosenDate: LocalDate; contractNo?: string }
  | { kind: 'PROGRESS'; period: string; progressPercent: number; fundsUsed: number; summary: string }
  | { kind: 'ACCEPTANCE_REPORT'; summary: string }
  | { kind: 'SELF_EVALUATION'; year: number; summary: string; selfScore?: number }
  | { kind: 'RECTIFICATION_REPORT'; deadlineId: string; summary: string };

export interface AcceptanceInput {
  acceptanceDate: LocalDate;
  evidence: {
    dataSharingConnected: boolean;
    informationResourcesProvided: boolean;
    onGovernmentCloud: boolean;
    secureControllableChecked: boolean;
  };
  summary: string;
}

export interface ChangeRequestInput {
  reason: string;
  /** the resource lines as they should be after the change; a change of scope goes back to GIA */
  lines: { planCode: string; quantity: number; purpose: string }[];
}

const ACCEPTANCE_CONDITIONS: { key: keyof AcceptanceInput['evidence']; code: string; article: string; zh: string; en: string }[] = [
  { key: 'dataSharingConnected', code: 'ACCEPTANCE_NO_DATA_SHARING', article: '第十七条', zh: '未与市政务数据共享交换平台对接', en: 'not connected to the data sharing and exchange platform' },
  { key: 'informationResourcesProvided', code: 'ACCEPTANCE_NO_RESOURCES', article: '第十七条', zh: '未按目录提供信息资源', en: 'information resources not provided' },
  { key: 'onGovernmentCloud', code: 'ACCEPTANCE_NOT_ON_CLOUD', article: '第十七条', zh: '系统未部署在市级政务云', en: 'not running on the municipal government cloud' },
  { key: 'secureControllableChecked', code: 'ACCEPTANCE_NOT_SECURE_CONTROLLABLE', article: '第十九条', zh: '未完成软硬件产品安全可控情况检查', en: 'secure-and-controllable products not checked' },
];

export interface FilingDeps {
  db: Database;
  published: PublishedCatalog;
  today?: () => LocalDate;
}

export function createFilingService({ db, published, today = () => toShanghaiDate(new Date()) }: FilingDeps) {
  const { prisma } = db;

  async function view(tx: Tx, id: string) {
    const { row, org } = await loadProject(tx, id);
    return toProjectView(row, org);
  }

  async function addDeadline(
    tx: Tx,
    project: { id: string; orgId: string },
    rule: DeadlineRule,
    start: LocalDate,
    title: string,
    field: string,
    met?: { filingId: string },
  ) {
    let d;
    try {
      d = computeDeadline(rule, start);
    } catch (err) {
      if (!(err instanceof CalendarCoverageError)) throw err;
      throw new InvalidInputError([{ path: field, code: 'CALENDAR_NOT_COVERED', params: { date: start, from: err.coveredFrom, to: err.coveredTo } }]);
    }
    return tx.deadline.create({
      data: {
        projectId: project.id,
        orgId: project.orgId,
        ruleCode: d.rule.code,
        workingDays: d.rule.workingDays,
        article: d.rule.article,
        startDate: start,
        dueDate: d.due,
        provisional: d.provisional,
        title,
        metAt: met ? new Date() : null,
        metByFilingId: met?.filingId ?? null,
      },
    });
  }

  /** A filing that does not change the project's state; some meet or create a deadline. */
  async function file(actor: Actor, id: string, input: FilingInput, expectedVersion?: number) {
    return prisma.$transaction(async (tx) => {
      const row = await openProjectForAppend(tx, actor, id, 'file', FILING_STATES, expectedVersion);
      const { kind, ...data } = input;
      const filing = await tx.filing.create({ data: { projectId: id, kind, data: data as Prisma.InputJsonValue, filedById: actor.principal!.id } });
      const detail: Record<string, unknown> = { kind, filingId: filing.id };
      if (input.kind === 'CONTRACT') {
        const d = await addDeadline(tx, row, CONTRACT_FILING, input.signedDate, `合同备案：${input.contractNo}`, 'signedDate', { filingId: filing.id });
        detail.late = today() > d.dueDate;
        detail.dueDate = d.dueDate;
      } else if (input.kind === 'ACCEPTANCE_REPORT') {
        await tx.deadline.updateMany({ where: { projectId: id, ruleCode: ACCEPTANCE_REPORT.code, metAt: null }, data: { metAt: new Date(), metByFilingId: filing.id } });
      } else if (input.kind === 'RECTIFICATION_REPORT') {
        const { count } = await tx.deadline.updateMany({
          where: { id: input.deadlineId, projectId: id, ruleCode: RECTIFICATION_REPORT.code, metAt: null },
          data: { metAt: new Date(), metByFilingId: filing.id },
        });
        if (!count) throw new NotFoundError('deadline');
      }
      await recordAudit(tx, actor.audit, { action: `project.filing.${kind.toLowerCase()}`, targetType: 'Project', targetId: id, detail });
      return view(tx, id);
    });
  }

  async function acceptance(actor: Actor, id: string, expectedVersion: number | undefined, input: AcceptanceInput, locale: Locale) {
    const missing: Violation[] = ACCEPTANCE_CONDITIONS.filter((c) => !input.evidence[c.key]).map((c) => ({
      code: c.code,
      field: `evidence.${c.key}`,
      article: c.article,
      message: locale === 'en' ? `Acceptance refused: ${c.en}` : `不予验收备案：${c.zh}`,
    }));
    return prisma.$transaction(async (tx) => {
      const row = await openProjectForChange(tx, actor, id, expectedVersion, 'file', PROJECT_TRANSITIONS.acceptance.from);
      if (missing.length) throw new RuleViolationError(missing);
      const { acceptanceDate, ...data } = input;
      const filing = await tx.filing.create({ data: { projectId: id, kind: 'ACCEPTANCE', data: { acceptanceDate, ...data }, filedById: actor.principal!.id } });
      const d = await addDeadline(tx, row, ACCEPTANCE_REPORT, acceptanceDate, '竣工验收报告备案', 'acceptanceDate');
      await tx.project.update({ where: { id }, data: { status: 'ACCEPTED' } });
      await recordAudit(tx, actor.audit, {
        action: 'project.acceptance',
        targetType: 'Project',
        targetId: id,
        detail: { from: row.status, to: 'ACCEPTED', filingId: filing.id, reportDue: d.dueDate },
      });
      return view(tx, id);
    });
  }

  async function requestChange(actor: Actor, id: string, expectedVersion: number | undefined, input: ChangeRequestInput, locale: Locale) {
    const current = await published.current();
    return prisma.$transaction(async (tx) => {
      const row = await openProjectForChange(tx, actor, id, expectedVersion, 'requestChange', PROJECT_TRANSITIONS['change-request'].from);
      const { row: full, org } = await loadProject(tx, id);
      const proposed = { ...toValidationInput(full, org), lines: input.lines.map((l, i) => ({ ...l, lineNo: i + 1 })) };
      const violations = validateProject(proposed, current.view, locale).filter((v: Violation) => v.line !== undefined);
      if (violations.length) throw new RuleViolationError(violations);
      const filing = await tx.filing.create({ data: { projectId: id, kind: 'CHANGE_REQUEST', data: { ...input, catalogRevision: current.number }, filedById: actor.principal!.id } });
      await tx.project.update({ where: { id }, data: { status: 'CHANGE_REVIEW', resumeStatus: row.status } });
      await recordAudit(tx, actor.audit, { action: 'project.change-request', targetType: 'Project', targetId: id, detail: { from: row.status, to: 'CHANGE_REVIEW', filingId: filing.id } });
      return view(tx, id);
    });
  }

  async function reviewChange(actor: Actor, id: string, expectedVersion: number | undefined, input: { decision: 'APPROVE' | 'RETURN'; comment?: string }) {
    return prisma.$transaction(async (tx) => {
      const row = await openProjectForChange(tx, actor, id, expectedVersion, 'changeReview', PROJECT_TRANSITIONS['change-review'].from);
      const request = await tx.filing.findFirst({ where: { projectId: id, kind: 'CHANGE_REQUEST' }, orderBy: { createdAt: 'desc' } });
      if (!request) throw new NotFoundError('project');
      const data = request.data as unknown as ChangeRequestInput & { catalogRevision: number };
      if (input.decision === 'APPROVE') {
        await tx.resourceLine.deleteMany({ where: { projectId: id } });
        await tx.resourceLine.createMany({ data: data.lines.map((l, i) => ({ ...l, projectId: id, lineNo: i + 1 })) });
        await tx.project.update({ where: { id }, data: { catalogRevision: data.catalogRevision } });
        await grantEntitlement(tx, id, data.catalogRevision);
      }
      await tx.projectReview.create({
        data: { projectId: id, stage: 'CHANGE_REVIEW', decision: input.decision, comment: input.comment ?? null, reviewerId: actor.principal!.id },
      });
      await tx.project.update({ where: { id }, data: { status: 'ESTABLISHED', resumeStatus: null, deciders: { push: actor.principal!.id } } });
      await recordAudit(tx, actor.audit, {
        action: 'project.change-review',
        targetType: 'Project',
        targetId: id,
        detail: { from: row.status, to: 'ESTABLISHED', decision: input.decision, filingId: request.id },
      });
      return view(tx, id);
    });
  }

  async function issueRectification(actor: Actor, id: string, input: { issues: string; issuedDate?: LocalDate }, expectedVersion?: number) {
    return prisma.$transaction(async (tx) => {
      const row = await openProjectForAppend(tx, actor, id, 'rectify', FILING_STATES, expectedVersion);
      const issued = input.issuedDate ?? today();
      const d = await addDeadline(tx, row, RECTIFICATION_REPORT, issued, `整改结果报送：${input.issues.slice(0, 40)}`, 'issuedDate');
      // the notice names the deadline it opened, so the report and the console can pair them
      const filing = await tx.filing.create({ data: { projectId: id, kind: 'RECTIFICATION_NOTICE', data: { issues: input.issues, issuedDate: issued, deadlineId: d.id }, filedById: actor.principal!.id } });
      await recordAudit(tx, actor.audit, { action: 'project.rectification', targetType: 'Project', targetId: id, detail: { filingId: filing.id, deadlineId: d.id, dueDate: d.dueDate } });
      return view(tx, id);
    });
  }

  async function govern(actor: Actor, id: string, expectedVersion: number | undefined, action: 'suspend' | 'resume' | 'terminate', reason: string) {
    return prisma.$transaction(async (tx) => {
      const row = await openProjectForChange(tx, actor, id, expectedVersion, action, PROJECT_TRANSITIONS[action].from);
      const to = action === 'suspend' ? 'SUSPENDED' : action === 'terminate' ? 'TERMINATED' : (row.resumeStatus ?? 'ESTABLISHED');
      await tx.project.update({ where: { id }, data: { status: to, resumeStatus: action === 'suspend' ? row.status : null, statusReason: action === 'resume' ? null : reason } });
      await recordAudit(tx, actor.audit, { action: `project.${action}`, targetType: 'Project', targetId: id, detail: { from: row.status, to, reason } });
      return view(tx, id);
    });
  }

  /** What is due and overdue for the actor: their organisation's deadlines, or all of them for GIA and the auditor. */
  async function deadlines(actor: Actor, filter: { status: 'open' | 'overdue' | 'met' | 'all'; orgId?: string }): Promise<DeadlineList> {
    assertCan(actor.ability, 'read', 'Project');
    const now = today();
    const where: Prisma.DeadlineWhereInput = {
      project: readableWhere(actor.ability, 'Project'),
      ...(filter.orgId ? { orgId: filter.orgId } : {}),
      ...(filter.status === 'met' ? { metAt: { not: null } } : filter.status === 'all' ? {} : { metAt: null }),
      ...(filter.status === 'overdue' ? { dueDate: { lt: now } } : {}),
    };
    const rows = await prisma.deadline.findMany({
      where,
      orderBy: [{ dueDate: 'asc' }],
      take: 500,
      include: { project: { select: { code: true, name: true, org: { select: { name: true } } } } },
    });
    return {
      today: now,
      items: rows.map((d) => {
        const left = safeDaysLeft(d.dueDate as LocalDate, now);
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

function safeDaysLeft(due: LocalDate, today: LocalDate): { workingDays: number | null; overdue: boolean } {
  try {
    return daysLeft(due, today);
  } catch {
    return { workingDays: null, overdue: today > due };
  }
}

export type FilingService = ReturnType<typeof createFilingService>;
