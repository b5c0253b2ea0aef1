// The tenant input of a project, read from the database: what the worker, the preview and drift checks share.
import type { Tx } from '../core/db/database.js';
import type { TenantInput } from './tenant-input.js';
import { tenantNamespaceName } from './names.js';

/** Request states whose allocations should be running. */
const RUNNING_STATES = ['PROVISIONING', 'PROVISIONED'] as const;

export function tenantNamespaceOf(orgCode: string, projectCode: string): string {
  return tenantNamespaceName(orgCode, projectCode);
}

/** Identity-provider groups of a department, bound to its tenant role. */
export function departmentGroups(orgCode: string): string[] {
  return [`zhengyun:org:${orgCode.toLowerCase()}`];
}

/**
 * Everything that should run for the project: allocations of requests being provisioned or provisioned, plus
 * `include` (a request about to be provisioned) and minus `exclude` (a request being deprovisioned).
 */
export async function loadTenantInput(tx: Tx, projectId: string, opts: { include?: string; exclude?: string } = {}): Promise<TenantInput> {
  const project = await tx.project.findUniqueOrThrow({ where: { id: projectId }, include: { org: true, entitlements: true } });
  const requests = await tx.resourceRequest.findMany({
    where: {
      projectId,
      OR: [{ status: { in: [...RUNNING_STATES] } }, ...(opts.include ? [{ id: opts.include }] : [])],
      ...(opts.exclude ? { NOT: { id: opts.exclude } } : {}),
    },
    include: { items: { orderBy: { planCode: 'asc' } } },
    orderBy: { createdAt: 'asc' },
  });
  return {
    project: { id: project.id, code: project.code, name: project.name },
    org: { id: project.org.id, code: project.org.code, name: project.org.name },
    groups: departmentGroups(project.org.code),
    sshPublicKeys: [...new Set(requests.flatMap((r) => r.sshPublicKeys))].sort(),
    entitlement: project.entitlements.map((e) => ({ planCode: e.planCode, quantity: e.quantity })).sort((a, b) => a.planCode.localeCompare(b.planCode)),
    items: requests.flatMap((r) =>
      r.items.map((i) => ({
        requestId: r.id,
        planCode: i.planCode,
        quantity: i.quantity,
        environment: r.environment as TenantInput['items'][number]['environment'],
        networkZone: r.networkZone as TenantInput['items'][number]['networkZone'],
        systemId: r.systemId,
      })),
    ),
  };
}
