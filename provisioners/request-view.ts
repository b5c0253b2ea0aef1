// A resource request as the API shows it.
import type { Prisma } from '../core/db/generated/client.js';
import type { Environment, NetworkZone } from './tenant-input.js';
import type { RequestView } from './view-schema.js';

export const requestInclude = { items: { orderBy: { planCode: 'asc' } } } satisfies Prisma.ResourceRequestInclude;
type RequestRow = Prisma.ResourceRequestGetPayload<{ include: typeof requestInclude }>;

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
