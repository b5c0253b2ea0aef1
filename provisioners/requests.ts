// Cloud resource requests (云资源申请): a department draws on an established project's entitlement; the
// sub-center reviews technically, approves or returns, then provisions or deprovisions through jobs.
import { assertCan, readableWhere, subject } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import { recordAudit } from '../core/audit/audit.js';
import type { Database, Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import { ConflictError, ForbiddenError, RuleViolationError, type Violation } from '../core/errors.js';
import { t, type Locale } from '../core/i18n.js';
import { findPlan } from '../catalog/view.js';
import type { PublishedCatalog } from '../catalog/published.js';
import { findReadableProject } from '../projects/machine.js';
import { DRAWING_STATES, entitlementUsage, exceedsEntitlement } from './entitlement.js';
import type { RequestActions } from './request-actions.js';
import { findReadableRequest } from './request-machine.js';
import { requestInclude, toRequestView } from './request-view.js';
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

export { toRequestView } from './request-view.js';
export type { RequestView };

export async function drawnBy(tx: Tx, projectId: string, exceptRequestId?: string) {
  const items = await tx.resourceRequestItem.findMany({
    where: { request: { projectId, status: { in: [...DRAWING_STATES] }, ...(exceptRequestId ? { id: { not: exceptRequestId } } : {}) } },
    select: { planCode: true, quantity: true },
  });
  return items;
}

export function createResourceRequestService({ db, published, actions }: { db: Database; published: PublishedCatalog; actions: RequestActions }) {
  const { prisma } = db;

  const findReadable = findReadableRequest;

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
            message: t('request.NOT_IN_CATALOG', locale, { plan: item.planCode }),
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
          message: t('request.EXCEEDS_ENTITLEMENT', locale, { plan: p.planCode, requested: p.requested, left: p.left }),
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
        include: requestInclude,
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
      prisma.resourceRequest.findMany({ where, include: requestInclude, orderBy: { createdAt: 'asc' }, skip: (f.page - 1) * f.pageSize, take: f.pageSize }),
    ]);
    return { total, page: f.page, pageSize: f.pageSize, items: rows.map(toRequestView) };
  }

  const get = (actor: Actor, id: string, locale: Locale) => actions.present(actor, id, locale);

  /** Technical review by the sub-center: capacity, zone, sizing. */
  async function decide(actor: Actor, id: string, expectedVersion: number | undefined, action: 'approve' | 'return', note: string | undefined, locale: Locale) {
    await actions.run(actor, action, id, { expectedVersion, input: { note }, locale });
    return actions.present(actor, id, locale);
  }

  return { create, list, get, decide, findReadable };
}

export type ResourceRequestService = ReturnType<typeof createResourceRequestService>;
