// What each catalog plan consumes in a tenant namespace, and the namespace's ResourceQuota: the ceiling
// derived from the project's entitlement (not from what currently runs), so a tenant can never hold more
// than was approved, whatever mix of objects it ends up with.
import { findPlan, type CatalogView, type OfferingView, type PlanView } from '../catalog/view.js';
import { RuleViolationError } from '../core/errors.js';

/** A rule the input breaks. A RuleViolationError (422 through the API) whose message says what is wrong. */
export class DesiredStateError extends RuleViolationError {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super([{ code: reason, message }]);
    this.message = message;
  }
}

export type Provisioner = OfferingView['provisioner'];

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
  if (found.offering.provisioner !== 'none' && (found.plan.status === 'RETIRED' || found.offering.status === 'RETIRED')) {
    throw new DesiredStateError('PLAN_RETIRED', `${where}: plan "${planCode}" (${found.offering.code}) is retired in catalog revision ${catalog.revision.number}`);
  }
  return found;
}

function required<T>(value: T | undefined, planCode: string, field: string): T {
  if (value === undefined) throw new DesiredStateError('PLAN_SPEC_INCOMPLETE', `plan "${planCode}" has no spec.${field}`);
  return value;
}

const gibToMiB = (gib: number): number => Math.ceil(gib * 1024);

// ───────────────────────── VM overhead (KubeVirt virt-launcher) ─────────────────────────

/**
 * What a KubeVirt VM's virt-launcher pod asks for beyond the guest, in MiB / millicores.
 *
 * Memory mirrors KubeVirt's own estimate, `GetMemoryOverhead` in
 * kubevirt/kubevirt pkg/virt-controller/services/renderresources.go (constants in template.go):
 *   guest memory / 512 (page tables)
 *   + 25Mi virt-launcher-monitor + 100Mi virt-launcher + 25Mi virtlogd + 40Mi virtqemud + 30Mi qemu  (= 220Mi)
 *   + 8Mi per vCPU + 8Mi for the IOThread
 *   + 16Mi video RAM (autoattachGraphicsDevice defaults to true)
 *   + 128Mi on arm64 (the two UEFI pflash devices)
 *   + 100Mi when the VMI asks for Guaranteed QoS (requests == limits, which is what desired-state renders).
 * Red Hat's OpenShift Virtualization documentation ("Physical resource overhead requirements") gives the same
 * shape: ≈ 0.002 × memory + 218 MiB + 8 MiB × vCPUs + 16 MiB × graphics devices.
 *
 * CPU: KubeVirt adds none to the compute container when CPUs are not dedicated (OpenShift docs: "no specific
 * rules"); with requests.cpu = limits.cpu = vCPUs the container asks for exactly the plan's vCPUs.
 *
 * On top, an allowance for the small containers and pods KubeVirt runs beside a VM in the tenant namespace
 * (guest-console-log sidecar, a hotplug attachment pod: limits 100m / 80M in hotplugContainerLimits): 100m CPU
 * and 128Mi per VM, so those never fail against the quota.
 */
export const VM_OVERHEAD = {
  pagetableDivisor: 512,
  launcherProcessesMiB: 220,
  perVcpuMiB: 8,
  ioThreadMiB: 8,
  videoMiB: 16,
  arm64UefiMiB: 128,
  guaranteedQosMiB: 100,
  supportContainersMiB: 128,
  supportContainersMilliCpu: 100,
} as const;

export type VmArchitecture = 'amd64' | 'arm64';

/** KubeVirt's `spec.template.spec.architecture` for a plan's 信创 CPU architecture. */
export function vmArchitecture(plan: PlanView): VmArchitecture {
  const arch = plan.xinchuang.cpuArch ?? 'x86_64';
  switch (arch) {
    case 'x86_64':
    case 'hygon':
      return 'amd64';
    case 'kunpeng':
    case 'phytium':
      return 'arm64';
    default:
      throw new DesiredStateError('ARCH_UNSUPPORTED', `plan "${plan.code}": CPU architecture ${arch} has no KubeVirt architecture`);
  }
}

export function vmMemoryOverheadMiB(memoryMiB: number, vcpu: number, arch: VmArchitecture): number {
  const o = VM_OVERHEAD;
  return (
    Math.ceil(memoryMiB / o.pagetableDivisor) +
    o.launcherProcessesMiB +
    o.perVcpuMiB * vcpu +
    o.ioThreadMiB +
    o.videoMiB +
    (arch === 'arm64' ? o.arm64UefiMiB : 0) +
    o.guaranteedQosMiB +
    o.supportContainersMiB
  );
}

// ───────────────────────── per-plan sizing ─────────────────────────

export interface VmSizing {
  vcpu: number;
  memoryMiB: number;
  diskGiB: number;
  image: string;
  architecture: VmArchitecture;
  overheadMilliCpu: number;
  overheadMiB: number;
}

export function vmSizing(plan: PlanView): VmSizing {
  const vcpu = required(plan.spec.vcpu, plan.code, 'vcpu');
  const memoryMiB = gibToMiB(required(plan.spec.memoryGiB, plan.code, 'memoryGiB'));
  const architecture = vmArchitecture(plan);
  return {
    vcpu,
    memoryMiB,
    diskGiB: required(plan.spec.diskGiB, plan.code, 'diskGiB'),
    image: required(plan.spec.image, plan.code, 'image'),
    architecture,
    overheadMilliCpu: VM_OVERHEAD.supportContainersMilliCpu,
    overheadMiB: vmMemoryOverheadMiB(memoryMiB, vcpu, architecture),
  };
}

export interface DatabaseSizing {
  vcpu: number;
  memoryMiB: number;
  storageGiB: number;
  instances: number;
  engine: string;
  engineVersion: string;
  backupRetentionDays: number | null;
}

export function databaseSizing(plan: PlanView): DatabaseSizing {
  return {
    vcpu: required(plan.spec.vcpu, plan.code, 'vcpu'),
    memoryMiB: gibToMiB(required(plan.spec.memoryGiB, plan.code, 'memoryGiB')),
    storageGiB: required(plan.spec.storageGiB, plan.code, 'storageGiB'),
    instances: plan.spec.instances ?? 1,
    engine: required(plan.spec.engine, plan.code, 'engine'),
    engineVersion: required(plan.spec.engineVersion, plan.code, 'engineVersion'),
    backupRetentionDays: plan.spec.backupRetentionDays ?? null,
  };
}

// ───────────────────────── the quota ─────────────────────────

export interface QuotaTotals {
  milliCpu: number;
  memoryMiB: number;
  storageGiB: number;
  persistentVolumeClaims: number;
  virtualMachines: number;
  databaseClusters: number;
}

const ZERO: QuotaTotals = { milliCpu: 0, memoryMiB: 0, storageGiB: 0, persistentVolumeClaims: 0, virtualMachines: 0, databaseClusters: 0 };

/** What one unit of a plan adds to the namespace's ceiling; null for plans that are no Kubernetes object. */
export function planConsumption({ offering, plan }: ResolvedPlan): QuotaTotals | null {
  switch (offering.provisioner) {
    case 'none':
      return null;
    case 'namespace':
      return {
        ...ZERO,
        milliCpu: (plan.spec.vcpu ?? 0) * 1000,
        memoryMiB: gibToMiB(plan.spec.memoryGiB ?? 0),
        storageGiB: plan.spec.storageGiB ?? 0,
        persistentVolumeClaims: plan.spec.pvcCount ?? 0,
      };
    case 'vm': {
      const vm = vmSizing(plan);
      return {
        ...ZERO,
        milliCpu: vm.vcpu * 1000 + vm.overheadMilliCpu,
        memoryMiB: vm.memoryMiB + vm.overheadMiB,
        storageGiB: vm.diskGiB,
        persistentVolumeClaims: 1,
        virtualMachines: 1,
      };
    }
    case 'database': {
      // A CloudNativePG cluster runs `instances` pods, each sized by spec.resources with its own PVC.
      const db = databaseSizing(plan);
      return {
        ...ZERO,
        milliCpu: db.vcpu * 1000 * db.instances,
        memoryMiB: db.memoryMiB * db.instances,
        storageGiB: db.storageGiB * db.instances,
        persistentVolumeClaims: db.instances,
        databaseClusters: 1,
      };
    }
  }
}

/** Sums the entitlement; planCodes resolve against the catalog (unknown or retired plans throw). */
export function quotaTotals(entitlement: { planCode: string; quantity: number }[], catalog: CatalogView): QuotaTotals {
  const total = { ...ZERO };
  for (const [i, e] of entitlement.entries()) {
    if (!Number.isInteger(e.quantity) || e.quantity < 0) {
      throw new DesiredStateError('QUANTITY_INVALID', `entitlement[${i}] (${e.planCode}): quantity must be a non-negative integer, got ${e.quantity}`);
    }
    const unit = planConsumption(resolvePlan(catalog, e.planCode, `entitlement[${i}]`));
    if (!unit || e.quantity === 0) continue;
    for (const key of Object.keys(total) as (keyof QuotaTotals)[]) total[key] += unit[key] * e.quantity;
  }
  return total;
}

/** 2500 → "2500m", 3000 → "3". */
export function formatMilliCpu(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** 2048 → "2Gi", 2300 → "2300Mi". */
export function formatMiB(mib: number): string {
  return mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`;
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
    'count/virtualmachines.kubevirt.io': String(t.virtualMachines),
    'count/clusters.postgresql.cnpg.io': String(t.databaseClusters),
    // public load balancers and node ports are catalog offerings of their own (EIP, SLB), never self-service
    'services.loadbalancers': '0',
    'services.nodeports': '0',
  };
}
