// Cloud resource requests (云资源申请): a department draws on an established project's entitlement; the
// sub-center reviews technically, approves or returns, then provisions or deprovisions through jobs.
import { assertCan, readableWhere, subject } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import type { Database, Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { assertUpdated, assertVersion } from '../core/db/versioning.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, type Violation } from '../core/errors.js';
import type { Locale } from '../core/i18n.js';
import { findPlan } from '../catalog/view.js';
import type { PublishedCatalog } from '../catalog/published.js';
import { findReadableProject } from '../projects/guard.js';
import { DRAWING_STATES, entitlementUsage, exceedsEntitlement } from './entitlement.js';
import type { Environment, NetworkZone } from './tenant-input.js';
import type { RequestPage, RequestView } from './view-schema.js';

export interface ResourceRequestInput {
  items: { planCode: string; quantity: number }[];
  environment: Environment;
  networkZone: NetworkZone;
  systemId?: string | null;
  contacts: { name: string; phone: string; email?: string }[];
  sshPublicKeys: string[];
}

const include = { items: { orderBy: { planCode: 'asc' } } } satisfies Prisma.ResourceRequestInclude;
type RequestRow = Prisma.ResourceRequestGetPayload<{ include: typeof include }>;

export function toRequestView(r: RequestRow): RequestView {
  return {
    id: r.id,
    code: r.code,
    projectId: r.projectId,
    orgId: r.orgId,
    status: r.status,
    // text and JSON columns, written from the validated request
    environment: r.environment as Environment,
    networkZone: r.networkZone as NetworkZone,
    systemId: r.systemId,
    contacts: r.contacts as RequestView['contacts'],
    sshPublicKeys: r.sshPublicKeys,
    reviewNote: r.reviewNote,
    items: r.items.map((i) => ({ planCode: i.planCode, quantity: i.quantity })),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
export type { RequestView };

export async function drawnBy(tx: Tx, projectId: string, exceptRequestId?: string) {
  const items = await tx.resourceRequestItem.findMany({
    where: { request: { projectId, status: { in: [...DRAWING_STATES] }, ...(exceptRequestId ? { id: { not: exceptRequestId } } : {}) } },
    select: { planCode: true, quantity: true },
  });
  return items;
}

export function createResourceRequestService({ db, published }: { db: Database; published: PublishedCatalog }) {
  const { prisma } = db;

  async function findReadable(tx: Tx, actor: Actor, id: string) {
    const r = await tx.resourceRequest.findFirst({ where: { AND: [{ id }, readableWhere(actor.ability, 'ResourceRequest')] }, include });
    if (!r) throw new NotFoundError('resourceRequest');
    return r;
  }

  async function create(actor: Actor, projectId: string, input: ResourceRequestInput, locale: Locale) {
    const current = await published.current();
    return prisma.$transaction(async (tx) => {
      const project = await findReadableProject(tx, actor, projectId);
      if (!actor.ability.can('request', 'Project')) throw new ForbiddenError('FORBIDDEN', { action: 'request' });
      if (!actor.ability.can('request', subject('Project', project))) {
        if (project.orgId === actor.principal?.orgId) throw new ConflictError('PROJECT_NOT_ESTABLISHED', { status: project.status });
        throw new ForbiddenError('FORBIDDEN', { action: 'request' });
      }
      // serialise requests of one project so two at once cannot both fit in what is left
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`entitlement:${projectId}`}))`;
      const violations: Violation[] = [];
      input.items.forEach((item, i) => {
        const found = findPlan(current.view, item.planCode);
        if (!found || found.plan.status === 'RETIRED' || found.offering.status === 'RETIRED') {
          violations.push({
            code: 'NOT_IN_CATALOG',
            field: `items.${i}.planCode`,
            article: '第二十八条',
            message: locale === 'en' ? `${item.planCode} is not an active plan of the published catalog` : `${item.planCode} 不是现行服务目录中的在售规格`,
          });
        }
      });
      const entitlement = await tx.entitlement.findMany({ where: { projectId } });
      const usage = entitlementUsage(entitlement, await drawnBy(tx, projectId));
      for (const p of exceedsEntitlement(usage, input.items)) {
        const i = input.items.findIndex((x) => x.planCode === p.planCode);
        violations.push({
          code: 'EXCEEDS_ENTITLEMENT',
          field: `items.${i}.quantity`,
          message:
            locale === 'en'
              ? `${p.planCode}: ${p.requested} requested, ${p.left} left of the approved entitlement`
              : `${p.planCode}：申请 ${p.requested}，立项批复剩余可用 ${p.left}`,
        });
      }
      if (violations.length) throw new RuleViolationError(violations);
      const count = await tx.resourceRequest.count({ where: { projectId } });
      const created = await tx.resourceRequest.create({
        data: {
          code: `${project.code}-R${String(count + 1).padStart(2, '0')}`,
          projectId,
          orgId: project.orgId,
          environment: input.environment,
          networkZone: input.networkZone,
          systemId: input.systemId ?? null,
          contacts: input.contacts,
          sshPublicKeys: input.sshPublicKeys,
          createdById: actor.principal!.id,
          items: { create: input.items },
        },
        include,
      });
      await recordAudit(tx, actor.audit, {
        action: 'resource-request.create',
        targetType: 'ResourceRequest',
        targetId: created.id,
        detail: { projectId, code: created.code, items: input.items },
      });
      return toRequestView(created);
    });
  }

  async function list(actor: Actor, f: { status?: string[]; projectId?: string; page: number; pageSize: number }): Promise<RequestPage> {
    assertCan(actor.ability, 'read', 'ResourceRequest');
    const where: Prisma.ResourceRequestWhereInput = {
      AND: [readableWhere(actor.ability, 'ResourceRequest'), f.status?.length ? { status: { in: f.status as never } } : {}, f.projectId ? { projectId: f.projectId } : {}],
    };
    const [total, rows] = await Promise.all([
      prisma.resourceRequest.count({ where }),
      prisma.resourceRequest.findMany({ where, include, orderBy: { createdAt: 'asc' }, skip: (f.page - 1) * f.pageSize, take: f.pageSize }),
    ]);
    return { total, page: f.page, pageSize: f.pageSize, items: rows.map(toRequestView) };
  }

  async function get(actor: Actor, id: string) {
    return toRequestView(await findReadable(prisma, actor, id));
  }

  /** Technical review by the sub-center: capacity, zone, sizing. */
  async function decide(actor: Actor, id: string, expectedVersion: number | undefined, action: 'approve' | 'return', note?: string) {
    return prisma.$transaction(async (tx) => {
      const r = await findReadable(tx, actor, id);
      if (!actor.ability.can(action, 'ResourceRequest')) throw new ForbiddenError('FORBIDDEN', { action });
      assertVersion(r, expectedVersion, 'resourceRequest');
      if (r.status !== 'SUBMITTED') throw new ConflictError('INVALID_TRANSITION', { action, from: r.status });
      assertCan(actor.ability, action, subject('ResourceRequest', r));
      const status = action === 'approve' ? 'APPROVED' : 'RETURNED';
      assertUpdated(
        await tx.resourceRequest.updateMany({
          where: { id, version: expectedVersion },
          data: { status, reviewNote: note ?? null, reviewedById: actor.principal!.id, version: { increment: 1 } },
        }),
      );
      await recordAudit(tx, actor.audit, { action: `resource-request.${action}`, targetType: 'ResourceRequest', targetId: id, detail: { from: r.status, to: status, note } });
      return toRequestView(await tx.resourceRequest.findUniqueOrThrow({ where: { id }, include }));
    });
  }

  return { create, list, get, decide, findReadable };
}

export type ResourceRequestService = ReturnType<typeof createResourceRequestService>;
