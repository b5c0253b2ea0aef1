// A resource request as the API shows it, with the project it draws on named (number, name, approval number,
// organisation), read for a whole page at once.
import type { Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import type { Environment, NetworkZone } from './tenant-input.js';
import type { RequestView } from './view-schema.js';

export const requestInclude = { items: { orderBy: { planCode: 'asc' } } } satisfies Prisma.ResourceRequestInclude;
type RequestRow = Prisma.ResourceRequestGetPayload<{ include: typeof requestInclude }>;

type ProjectNames = RequestView['project'];

function toRequestView(r: RequestRow, project: ProjectNames): RequestView {
  return {
    id: r.id,
    code: r.code,
    projectId: r.projectId,
    project,
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
/** Requests as views, the projects they draw on read in one query. */
export async function requestViews(tx: Tx, rows: RequestRow[]): Promise<RequestView[]> {
  const projects = await tx.project.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.projectId))] } },
    select: { id: true, code: true, name: true, approvalNumber: true, org: { select: { name: true } } },
  });
  const byId = new Map(projects.map((p) => [p.id, { code: p.code, name: p.name, approvalNumber: p.approvalNumber, orgName: p.org.name }]));
  return rows.map((r) => toRequestView(r, byId.get(r.projectId)!));
}

export const requestView = async (tx: Tx, row: RequestRow): Promise<RequestView> => (await requestViews(tx, [row]))[0]!;

export type { RequestView };
