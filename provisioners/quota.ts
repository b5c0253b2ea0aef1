// What each catalog plan consumes in a tenant namespace, and the namespace's ResourceQuota: the ceiling
// derived from the project's entitlement (not from what currently runs), so a tenant can never hold more
// than was approved, whatever mix of objects it ends up with. What one unit of a plan consumes is its
// provisioner kind's to say (kinds/<kind>/index.ts).
import { findPlan, type CatalogView, type OfferingView, type PlanView } from '../catalog/view.js';
import { DesiredStateError } from './desired-state-error.js';
import { PROVISIONER_REGISTRY, provisionerKind, type QuotaUnit } from './kinds/index.js';
import { formatMiB, formatMilliCpu } from './quantities.js';

// the VM overhead the quota makes room for is the vm kind's; exported here too, beside the rest of the quota
export { VM_OVERHEAD, vmMemoryOverheadMiB } from './kinds/vm/sizing.js';

export interface ResolvedPlan {
  offering: OfferingView;
  plan: PlanView;
}

/** Finds a plan; throws PLAN_UNKNOWN when absent and PLAN_RETIRED when it or its offering is retired. */
export function resolvePlan(catalog: CatalogView, planCode: string, where: string): ResolvedPlan {
  const found = findPlan(catalog, planCode);
  if (!found) {
    throw new DesiredStateError('PLAN_UNKNOWN', `${where}: plan "${planCode}" is not in catalog revision ${catalog.revision.number}`);
  }
  if (provisionerKind(found.offering.provisioner).runsInTenant && (found.plan.status === 'RETIRED' || found.offering.status === 'RETIRED')) {
    throw new DesiredStateError('PLAN_RETIRED', `${where}: plan "${planCode}" (${found.offering.code}) is retired in catalog revision ${catalog.revision.number}`);
  }
  return found;
}

export interface QuotaTotals {
  milliCpu: number;
  memoryMiB: number;
  storageGiB: number;
  persistentVolumeClaims: number;
  /** objects, by the quota key that counts them */
  counts: Record<string, number>;
}

const SIZES = ['milliCpu', 'memoryMiB', 'storageGiB', 'persistentVolumeClaims'] as const;

/** Sums the entitlement; planCodes resolve against the catalog (unknown or retired plans throw). */
export function quotaTotals(entitlement: { planCode: string; quantity: number }[], catalog: CatalogView): QuotaTotals {
  const total: QuotaTotals = { milliCpu: 0, memoryMiB: 0, storageGiB: 0, persistentVolumeClaims: 0, counts: {} };
  for (const [i, e] of entitlement.entries()) {
    if (!Number.isInteger(e.quantity) || e.quantity < 0) {
      throw new DesiredStateError('QUANTITY_INVALID', `entitlement[${i}] (${e.planCode}): quantity must be a non-negative integer, got ${e.quantity}`);
    }
    const { offering, plan } = resolvePlan(catalog, e.planCode, `entitlement[${i}]`);
    const unit: QuotaUnit | null = provisionerKind(offering.provisioner).consumption(plan);
    if (!unit || e.quantity === 0) continue;
    for (const key of SIZES) total[key] += unit[key] * e.quantity;
    for (const [key, n] of Object.entries(unit.counts ?? {})) total.counts[key] = (total.counts[key] ?? 0) + n * e.quantity;
  }
  return total;
}

/** The ResourceQuota `spec.hard` for the totals. Requests and limits are equal: nothing is overcommitted. */
export function quotaHard(t: QuotaTotals): Record<string, string> {
  const cpu = formatMilliCpu(t.milliCpu);
  const memory = formatMiB(t.memoryMiB);
  return {
    'requests.cpu': cpu,
    'limits.cpu': cpu,
    'requests.memory': memory,
    'limits.memory': memory,
    'requests.storage': `${t.storageGiB}Gi`,
    persistentvolumeclaims: String(t.persistentVolumeClaims),
    // every kind's object counts, 0 for kinds the entitlement holds none of
    ...Object.fromEntries(PROVISIONER_REGISTRY.flatMap((k) => k.quotaCounts).map((key) => [key, String(t.counts[key] ?? 0)])),
    // public load balancers and node ports are catalog offerings of their own (EIP, SLB), never self-service
    'services.loadbalancers': '0',
    'services.nodeports': '0',
  };
}
