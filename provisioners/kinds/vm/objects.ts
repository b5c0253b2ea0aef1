// The Kubernetes objects of a VM allocation: per machine, a KubeVirt VirtualMachine booting from a DataVolume
// imported from the cluster's image source, and the Secret holding its cloud-init (host name, SSH keys).
import type { PlanView } from '../../../catalog/view.js';
import type { ClusterProfile } from '../../cluster-profile.js';
import { bootVolumeName, cloudInitSecretName, vmName } from '../../names.js';
import { formatMiB } from '../../quantities.js';
import { itemLabels, meta, networkPolicy, perUnit, type RenderContext } from '../../tenant-objects.js';
import type { K8sObject, TenantItem } from '../../tenant-input.js';
import { writeYamlDocument } from '../../yaml-writer.js';
import { vmSizing, type VmSizing } from './sizing.js';

function imageSource(profile: ClusterProfile, image: string): Record<string, unknown> {
  const src = profile.vmImages;
  if (src.kind === 'registry') {
    return { registry: { url: `docker://${src.base.replace(/\/+$/, '')}/${image}:${src.tag}`, pullMethod: src.pullMethod } };
  }
  return { http: { url: `${src.base.replace(/\/+$/, '')}/${image}.${src.extension}` } };
}

function cloudInitUserData(ctx: RenderContext, hostname: string): string {
  const config = {
    hostname,
    ssh_pwauth: false,
    disable_root: true,
    ssh_authorized_keys: ctx.input.sshPublicKeys.map((k) => k.trim()),
  };
  // cloud-init reads YAML 1.1 (PyYAML): emit 1.1 so that no string can turn into a boolean or a number
  return `#cloud-config\n${writeYamlDocument(config)}`;
}

function virtualMachine(ctx: RenderContext, item: TenantItem, vm: VmSizing, name: string): K8sObject[] {
  const labels = itemLabels(item);
  const secretName = cloudInitSecretName(name);
  const disk = bootVolumeName(name);
  const { profile } = ctx;
  const cpu = String(vm.vcpu);
  const memory = formatMiB(vm.memoryMiB);
  const secret: K8sObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta(ctx, secretName, labels),
    type: 'Opaque',
    stringData: { userdata: cloudInitUserData(ctx, name) },
  };
  const machine: K8sObject = {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: meta(ctx, name, labels),
    spec: {
      runStrategy: 'Always',
      dataVolumeTemplates: [
        {
          metadata: { name: disk, labels: { ...ctx.baseLabels, ...labels } },
          spec: {
            source: imageSource(profile, vm.image),
            pvc: {
              accessModes: [...profile.vmDiskAccessModes],
              resources: { requests: { storage: `${vm.diskGiB}Gi` } },
              ...(profile.vmDiskVolumeMode ? { volumeMode: profile.vmDiskVolumeMode } : {}),
              ...(profile.storageClass ? { storageClassName: profile.storageClass } : {}),
            },
          },
        },
      ],
      template: {
        metadata: { labels: { ...ctx.baseLabels, ...labels, 'kubevirt.io/vm': name } },
        spec: {
          architecture: vm.architecture,
          domain: {
            cpu: { sockets: 1, cores: vm.vcpu, threads: 1 },
            // requests == limits: Guaranteed QoS, nothing overcommitted (and what quota.ts accounts for)
            resources: { requests: { cpu, memory }, limits: { cpu, memory } },
            ...(vm.architecture === 'arm64' ? { firmware: { bootloader: { efi: { secureBoot: false } } } } : {}),
            devices: {
              disks: [
                { name: 'rootdisk', bootOrder: 1, disk: { bus: 'virtio' } },
                { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
              ],
              interfaces: [{ name: 'default', masquerade: {} }],
              rng: {},
            },
          },
          networks: [{ name: 'default', pod: {} }],
          terminationGracePeriodSeconds: 180,
          volumes: [
            { name: 'rootdisk', dataVolume: { name: disk } },
            { name: 'cloudinitdisk', cloudInitNoCloud: { secretRef: { name: secretName } } },
          ],
        },
      },
    },
  };
  return [secret, machine];
}

/** `item.quantity` machines of the plan, named by index. */
export function renderVms(ctx: RenderContext, item: TenantItem, plan: PlanView): K8sObject[] {
  const vm = vmSizing(plan);
  return perUnit(item, (i) => virtualMachine(ctx, item, vm, vmName(item.requestId, item.planCode, i)));
}

/** With disk images served over HTTP, the CDI importer pods may reach the image server. */
export function imageImportPolicies(ctx: RenderContext): K8sObject[] {
  const { profile } = ctx;
  if (profile.vmImages.kind !== 'http' || profile.vmImages.egressTo.length === 0) return [];
  return [
    networkPolicy(ctx, 'allow-image-import', {
      podSelector: { matchLabels: { 'cdi.kubevirt.io': 'importer' } },
      policyTypes: ['Egress'],
      egress: [{ to: structuredClone(profile.vmImages.egressTo), ports: profile.vmImages.egressPorts.map((port) => ({ protocol: 'TCP', port })) }],
    }),
  ];
}
