// The vm kind: KubeVirt virtual machines, sized by their plan, booting the plan's image.
import { READ_VERBS } from '../../tenant-objects.js';
import type { ProvisionerKind } from '../kind.js';
import { imageImportPolicies, renderVms } from './objects.js';
import { vmSizing } from './sizing.js';
import { observeVm } from './status.js';
import { vmVocabulary } from './vocabulary.js';

const VMS = 'count/virtualmachines.kubevirt.io';

export const vm: ProvisionerKind<'vm'> = {
  ...vmVocabulary,
  runsInTenant: true,
  consumption(plan) {
    const vm = vmSizing(plan);
    return {
      milliCpu: vm.vcpu * 1000 + vm.overheadMilliCpu,
      memoryMiB: vm.memoryMiB + vm.overheadMiB,
      storageGiB: vm.diskGiB,
      persistentVolumeClaims: 1,
      counts: { [VMS]: 1 },
    };
  },
  quotaCounts: [VMS],
  render: renderVms,
  networkPolicies: imageImportPolicies,
  objectKinds: ['DataVolume', 'VirtualMachine'],
  tenantRules: [
    // VMs are declared by the platform (sizes come from the catalog); people restart and reach them
    { apiGroups: ['kubevirt.io'], resources: ['virtualmachineinstances', 'virtualmachines'], verbs: READ_VERBS },
    { apiGroups: ['subresources.kubevirt.io'], resources: ['virtualmachines/restart'], verbs: ['update'] },
    {
      apiGroups: ['subresources.kubevirt.io'],
      resources: ['virtualmachineinstances/console', 'virtualmachineinstances/filesystemlist', 'virtualmachineinstances/guestosinfo', 'virtualmachineinstances/userlist', 'virtualmachineinstances/vnc'],
      verbs: ['get'],
    },
    { apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes'], verbs: READ_VERBS },
  ],
  customResourceGroups: ['kubevirt.io', 'cdi.kubevirt.io'],
  dependsOn(obj) {
    // a VM waits for its cloud-init Secret
    if (obj.kind !== 'VirtualMachine') return [];
    const volumes = ((obj.spec as Record<string, any> | undefined)?.template?.spec?.volumes ?? []) as Record<string, any>[];
    return volumes.flatMap((v) => {
      const secret = v.cloudInitNoCloud?.secretRef?.name as string | undefined;
      return secret ? [`Secret/${secret}`] : [];
    });
  },
  workloads: [{ kind: 'VirtualMachine', group: 'kubevirt.io', plural: 'virtualmachines', observe: observeVm }],
};
