// A resource request as the API shows it.
import type { Prisma } from '../core/db/generated/client.js';

export const requestInclude = { items: { orderBy: { planCode: 'asc' } } } satisfies Prisma.ResourceRequestInclude;
type RequestRow = Prisma.ResourceRequestGetPayload<{ include: typeof requestInclude }>;

export function toRequestView(r: RequestRow) {
  return {
    id: r.id,
    code: r.code,
    projectId: r.projectId,
    orgId: r.orgId,
    status: r.status,
    environment: r.environment,
    networkZone: r.networkZone,
    systemId: r.systemId,
    contacts: r.contacts,
    sshPublicKeys: r.sshPublicKeys,
    reviewNote: r.reviewNote,
    items: r.items.map((i) => ({ planCode: i.planCode, quantity: i.quantity })),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
export type RequestView = ReturnType<typeof toRequestView>;

