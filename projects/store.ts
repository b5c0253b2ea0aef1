// Reading projects into views, and the value the validator takes.
import type { Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { NotFoundError } from '../core/errors.js';
import type { DeadlineView, FilingView, ProjectView } from './project-schema.js';
import type { ProjectForValidation } from './validation-input.js';
import { filingKindsIn } from './workflow.js';

// the columns are text or JSON; the services write only the values the view declares
type Review = ProjectView['reviews'][number];
type DocumentKind = ProjectView['documents'][number]['kind'];

export const projectInclude = {
  lines: { orderBy: { lineNo: 'asc' } },
  informationResources: { orderBy: [{ direction: 'asc' }, { sortOrder: 'asc' }] },
  documents: { orderBy: { createdAt: 'asc' } },
  reviews: { orderBy: { createdAt: 'asc' } },
  notices: { orderBy: { createdAt: 'asc' }, include: { objections: { orderBy: { createdAt: 'asc' } } } },
  filings: { orderBy: { createdAt: 'asc' } },
  deadlines: { orderBy: { dueDate: 'asc' }, include: { reminders: { select: { day: true }, orderBy: { day: 'desc' } } } },
  entitlements: { orderBy: { planCode: 'asc' } },
} satisfies Prisma.ProjectInclude;

export type ProjectRow = Prisma.ProjectGetPayload<{ include: typeof projectInclude }>;
type OrgLite = ProjectView['org'];

const num = (d: Prisma.Decimal | null) => (d === null ? null : Number(d));
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A deadline as the project view and the deadlines list show it. */
export function toDeadlineView(d: ProjectRow['deadlines'][number]): DeadlineView {
  return {
    id: d.id,
    ruleCode: d.ruleCode,
    title: d.title,
    article: d.article,
    workingDays: d.workingDays,
    startDate: d.startDate,
    dueDate: d.dueDate,
    provisional: d.provisional,
    recomputed: d.previousDueDate && d.recomputedAt ? { from: d.previousDueDate, to: d.dueDate, at: d.recomputedAt.toISOString() } : null,
    metAt: iso(d.metAt),
    reminders: { count: d.reminders.length, lastDay: d.reminders[0]?.day ?? null },
  };
}

/** Who acted on a project, by id: their name and organisation. */
export type People = ReadonlyMap<string, Review['reviewer']>;

/** The reviewers of a project, as its reviews name them. */
export async function reviewersOf(tx: Tx, p: ProjectRow): Promise<People> {
  const ids = [...new Set(p.reviews.map((r) => r.reviewerId))];
  // a project not reviewed yet (most of a queue) names no one: no statements for the view to wait on
  if (ids.length === 0) return new Map();
  const users = await tx.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, displayName: true, org: { select: { name: true } } },
  });
  return new Map(users.map((u) => [u.id, { name: u.displayName, orgName: u.org.name }]));
}

/** The project as stored; where it stands today (./standing.ts) is added by who knows the day. */
export function toProjectView(p: ProjectRow, org: OrgLite, people: People): Omit<ProjectView, 'standing'> {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    type: p.type,
    status: p.status,
    statusReason: p.statusReason,
    org,
    leadOrgId: p.leadOrgId,
    coBuildingOrgIds: p.coBuildingOrgIds,
    countyParticipation: p.countyParticipation,
    budgetYear: p.budgetYear,
    totalBudget: Number(p.totalBudget),
    yearlyBudgets: p.yearlyBudgets as { year: number; amount: number }[],
    description: p.description,
    components: p.components,
    performanceGoals: p.performanceGoals as { indicator: string; target: string }[],
    emergency: p.emergency,
    emergencyConsentRef: p.emergencyConsentRef,
    privateNetwork: p.privateNetwork,
    privateNetworkApprovalRef: p.privateNetworkApprovalRef,
    catalogRevision: p.catalogRevision,
    approvedBudget: num(p.approvedBudget),
    approvalNumber: p.approvalNumber,
    submittedAt: iso(p.submittedAt),
    establishedAt: iso(p.establishedAt),
    jurisdiction: p.jurisdiction,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    filingKinds: [...filingKindsIn(p.status)],
    lines: p.lines.map((l) => ({ lineNo: l.lineNo, planCode: l.planCode, quantity: l.quantity, purpose: l.purpose })),
    informationResources: p.informationResources.map(({ id: _id, projectId: _p, sortOrder: _s, ...r }) => r),
    documents: p.documents.map((d) => ({
      id: d.id,
      kind: d.kind as DocumentKind,
      filename: d.filename,
      contentType: d.contentType,
      size: d.size,
      sm3: d.sm3,
      filingId: d.filingId,
      createdAt: d.createdAt.toISOString(),
    })),
    reviews: p.reviews.map((r) => ({
      stage: r.stage as Review['stage'],
      decision: r.decision as Review['decision'],
      dimensions: r.dimensions as Review['dimensions'],
      comment: r.comment,
      approvedAmount: num(r.approvedAmount),
      reviewerId: r.reviewerId,
      reviewer: people.get(r.reviewerId) ?? { name: '—', orgName: '—' },
      at: r.createdAt.toISOString(),
    })),
    notices: p.notices.map((n) => ({
      id: n.id,
      title: n.title,
      content: n.content,
      amount: Number(n.amount),
      startDate: n.startDate,
      endDate: n.endDate,
      closedAt: iso(n.closedAt),
      objections: n.objections.map((o) => ({ id: o.id, submitter: o.submitter, content: o.content, resolution: o.resolution, at: o.createdAt.toISOString() })),
    })),
    // a filing's data is what the filing service recorded for its kind
    filings: p.filings.map((f) => ({ id: f.id, kind: f.kind, data: f.data, filedById: f.filedById, at: f.createdAt.toISOString() }) as FilingView),
    deadlines: p.deadlines.map(toDeadlineView),
    entitlements: p.entitlements.map((e) => ({ planCode: e.planCode, quantity: e.quantity, catalogRevision: e.catalogRevision })),
  };
}

export type { ProjectView };

export async function loadProject(tx: Tx, id: string): Promise<{ row: ProjectRow; org: OrgLite }> {
  const row = await tx.project.findUnique({ where: { id }, include: projectInclude });
  if (!row) throw new NotFoundError('project');
  const org = await tx.organisation.findUniqueOrThrow({ where: { id: row.orgId }, select: { id: true, code: true, name: true, kind: true } });
  return { row, org };
}

export function toValidationInput(row: ProjectRow, org: OrgLite): ProjectForValidation {
  return {
    name: row.name,
    type: row.type,
    orgKind: org.kind as ProjectForValidation['orgKind'],
    description: row.description,
    components: row.components,
    totalBudget: Number(row.totalBudget),
    emergency: row.emergency,
    emergencyConsentRef: row.emergencyConsentRef,
    privateNetwork: row.privateNetwork,
    privateNetworkApprovalRef: row.privateNetworkApprovalRef,
    informationResources: row.informationResources.map((r) => ({
      direction: r.direction,
      name: r.name,
      source: r.source,
      format: r.format,
      updateFrequency: r.updateFrequency,
      sharing: r.sharing,
      openness: r.openness,
    })),
    lines: row.lines.map((l) => ({ lineNo: l.lineNo, planCode: l.planCode, quantity: l.quantity, purpose: l.purpose })),
  };
}

