// What a VM plan asks of the cluster: the guest's size, its image and CPU architecture, and what KubeVirt
// runs beside the guest (counted in the tenant's quota).
import type { PlanView } from '../../../catalog/view.js';
import { DesiredStateError } from '../../desired-state-error.js';
import { gibToMiB } from '../../quantities.js';
import { requiredSpec } from '../spec.js';

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

// ───────────────────────── per plan ─────────────────────────

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
  const vcpu = requiredSpec(plan, 'vcpu');
  const memoryMiB = gibToMiB(requiredSpec(plan, 'memoryGiB'));
  const architecture = vmArchitecture(plan);
  return {
    vcpu,
    memoryMiB,
    diskGiB: requiredSpec(plan, 'diskGiB'),
    image: requiredSpec(plan, 'image'),
    architecture,
    overheadMilliCpu: VM_OVERHEAD.supportContainersMilliCpu,
    overheadMiB: vmMemoryOverheadMiB(memoryMiB, vcpu, architecture),
  };
}
