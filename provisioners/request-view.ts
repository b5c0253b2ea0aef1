// A resource request as the API shows it, with the project it draws on named (number, name, approval number,
// organisation), read for a whole page at once.
import type { Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import type { Environment, NetworkZone } from './tenant-input.js';
import type { RequestView } from './view-schema.js';

export const requestInclude = { items: { orderBy: { planCode: 'asc' } } } satisfies Prisma.ResourceRequestInclude;
type RequestRow = Prisma.ResourceRequestGetPayload<{ include: typeof requestInclude }>;

type ProjectNames = RequestView['project'];
type Provisioned = RequestView['provisioned'];

function toRequestView(r: RequestRow, project: ProjectNames, provisioned: Provisioned): RequestView {
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
    provisioned,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
/** The latest successful provisioning run of each request: when it ended and who ran it. */
async function provisionedOf(tx: Tx, requestIds: string[]): Promise<Map<string, NonNullable<Provisioned>>> {
  const jobs = await tx.provisioningJob.findMany({
    where: { requestId: { in: requestIds }, kind: 'PROVISION', state: 'SUCCEEDED' },
    orderBy: { finishedAt: 'desc' },
    distinct: ['requestId'],
    select: { requestId: true, finishedAt: true, requestedById: true },
  });
  const users = await tx.user.findMany({
    where: { id: { in: jobs.flatMap((j) => (j.requestedById ? [j.requestedById] : [])) } },
    select: { id: true, displayName: true, org: { select: { name: true } } },
  });
  const byUser = new Map(users.map((u) => [u.id, u]));
  return new Map(
    jobs.map((j) => {
      const u = j.requestedById ? byUser.get(j.requestedById) : undefined;
      return [j.requestId!, { at: (j.finishedAt ?? new Date(0)).toISOString(), operator: u?.displayName ?? '—', orgName: u?.org.name ?? '—' }];
    }),
  );
}

/** Requests as views, the projects they draw on and their provisioning read in one query each. */
export async function requestViews(tx: Tx, rows: RequestRow[]): Promise<RequestView[]> {
  const provisioned = await provisionedOf(tx, rows.map((r) => r.id));
  const projects = await tx.project.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.projectId))] } },
    select: { id: true, code: true, name: true, approvalNumber: true, org: { select: { name: true } } },
  });
  const byId = new Map(projects.map((p) => [p.id, { code: p.code, name: p.name, approvalNumber: p.approvalNumber, orgName: p.org.name }]));
  return rows.map((r) => toRequestView(r, byId.get(r.projectId)!, provisioned.get(r.id) ?? null));
}

export const requestView = async (tx: Tx, row: RequestRow): Promise<RequestView> => (await requestViews(tx, [row]))[0]!;

export type { RequestView };
