// Cloud resource requests (云资源申请): a department draws on an established project's entitlement; the
// sub-center reviews technically, approves or returns, then provisions or deprovisions through jobs.
import { assertCan, readableWhere } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import type { Database } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import type { Locale } from '../core/i18n.js';
import type { ProjectActions } from '../projects/actions.js';
import { projectSearch } from '../projects/list-filter.js';
import type { RequestActions } from './request-actions.js';
import type { ResourceRequestInput } from './request-create.js';
import { findReadableRequest } from './request-machine.js';
import { requestInclude, requestView, requestViews } from './request-view.js';
import type { RequestState } from './request-workflow.js';
import type { RequestPage, RequestView } from './view-schema.js';

export type { ResourceRequestInput } from './request-create.js';
export { drawnBy } from './request-create.js';

export type { RequestView };

export function createResourceRequestService({ db, actions, projects }: { db: Database; actions: RequestActions; projects: ProjectActions }) {
  const { prisma } = db;

  const findReadable = findReadableRequest;

  /** The project machine's `request` action (projects/machine.ts), answered with the request made. */
  async function create(actor: Actor, projectId: string, input: ResourceRequestInput, locale: Locale) {
    const { detail } = await projects.run(actor, 'request', projectId, { input, locale });
    return requestView(prisma, await prisma.resourceRequest.findUniqueOrThrow({ where: { id: String(detail.requestId) }, include: requestInclude }));
  }

  /** Requests whose number contains `q`, or whose project's number, name, approval number or organisation does. */
  async function search(q: string | undefined): Promise<Prisma.ResourceRequestWhereInput> {
    if (!q) return {};
    const projects = await prisma.project.findMany({ where: projectSearch(q), select: { id: true } });
    return { OR: [{ code: { contains: q, mode: 'insensitive' as const } }, { projectId: { in: projects.map((p) => p.id) } }] };
  }

  async function list(actor: Actor, f: { status?: RequestState[]; projectId?: string; q?: string; page: number; pageSize: number }): Promise<RequestPage> {
    assertCan(actor.ability, 'read', 'ResourceRequest');
    const where: Prisma.ResourceRequestWhereInput = {
      AND: [
        readableWhere(actor.ability, 'ResourceRequest'),
        f.status?.length ? { status: { in: f.status } } : {},
        f.projectId ? { projectId: f.projectId } : {},
        await search(f.q || undefined),
      ],
    };
    const [total, rows] = await Promise.all([
      prisma.resourceRequest.count({ where }),
      prisma.resourceRequest.findMany({ where, include: requestInclude, orderBy: { createdAt: 'asc' }, skip: (f.page - 1) * f.pageSize, take: f.pageSize }),
    ]);
    return { total, page: f.page, pageSize: f.pageSize, items: await requestViews(prisma, rows) };
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
