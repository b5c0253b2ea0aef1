// Tenant isolation, proven by the API server itself after the Pulumi driver has provisioned two tenants of two
// departments: PodSecurity `restricted` refuses a privileged pod, the ResourceQuota (counted by the real quota
// controller of kube-controller-manager) refuses what exceeds the entitlement, and RBAC (asked through
// SubjectAccessReviews) lets a department act in its own namespace and not in the other's. No kubelet runs here:
// admitted pods stay Pending, which is all the admission chain needs.
import type { V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TENANT_ROLE_NAME } from '../../provisioners/desired-state.js';
import {
  VM,
  clients,
  namespaceOf,
  oneOf,
  pulumiDriver,
  serverMessage,
  statusOf,
  tenantInput,
  tenantObjects,
  until,
} from './support.js';

const { core, custom, authz } = clients();
const d = pulumiDriver();
const a = tenantObjects(tenantInput('ISA', 'I-001'));
const b = tenantObjects(tenantInput('ISB', 'I-001'));
const nsA = namespaceOf(a);
const nsB = namespaceOf(b);
const groupA = 'isa-ops';
const groupB = 'isb-ops';

beforeAll(async () => {
  await d.driver.up(nsA, a);
  await d.driver.up(nsB, b);
  // pods need the namespace's default service account, which kube-controller-manager creates
  await until(`the default service account of ${nsA}`, async () => (await core.readNamespacedServiceAccount({ namespace: nsA, name: 'default' })).metadata?.name);
}, 120_000);

afterAll(async () => {
  await Promise.all([nsA, nsB].map((name) => core.deleteNamespace({ name }).catch(() => undefined)));
  d.remove();
});

/** A pod that satisfies PodSecurity `restricted`; its resources come from the tenant's LimitRange unless given. */
function restrictedPod(name: string, resources?: { cpu: string; memory: string }): V1Pod {
  return {
    metadata: { name },
    spec: {
      securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'app',
          image: 'registry.zhengyun.internal/library/busybox:1.36',
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
          ...(resources ? { resources: { requests: resources, limits: resources } } : {}),
        },
      ],
    },
  };
}

async function refusal(p: Promise<unknown>): Promise<{ status?: number; message: string }> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'the API server admitted it').toBeDefined();
  return { status: statusOf(err), message: serverMessage(err) };
}

describe('PodSecurity restricted in a tenant namespace', () => {
  it('refuses a privileged pod, and admits one that meets the restricted profile', async () => {
    const privileged: V1Pod = {
      metadata: { name: 'privileged' },
      spec: { containers: [{ name: 'app', image: 'registry.zhengyun.internal/library/busybox:1.36', securityContext: { privileged: true } }] },
    };
    const refused = await refusal(core.createNamespacedPod({ namespace: nsA, body: privileged }));
    expect(refused.status).toBe(403);
    expect(refused.message).toMatch(/^pods "privileged" is forbidden: violates PodSecurity "restricted:latest": privileged \(container "app" must not set securityContext.privileged=true\)/);

    const admitted = await core.createNamespacedPod({ namespace: nsA, body: restrictedPod('fits') });
    expect(admitted.metadata?.uid).toBeTruthy();
    // the tenant's LimitRange gave it the platform's container defaults
    expect(admitted.spec?.containers[0]?.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
  });
});

describe("the tenant's ResourceQuota", () => {
  it('is counted by the quota controller and refuses a pod beyond the entitlement', async () => {
    const quota = oneOf(a, 'ResourceQuota');
    const hard = (quota.spec as { hard: Record<string, string> }).hard;
    // the admitted pod of the test above is counted
    const counted = await until('the quota controller to count the admitted pod', async () => {
      const q = await core.readNamespacedResourceQuota({ namespace: nsA, name: quota.metadata.name });
      return q.status?.used?.['limits.cpu'] === '500m' ? q : undefined;
    });
    expect(counted.status?.hard).toEqual(hard);
    expect(counted.status?.used).toMatchObject({ 'requests.cpu': '100m', 'requests.memory': '128Mi', 'count/virtualmachines.kubevirt.io': '1' });

    const refused = await refusal(core.createNamespacedPod({ namespace: nsA, body: restrictedPod('too-big', { cpu: '64', memory: '256Gi' }) }));
    expect(refused.status).toBe(403);
    expect(refused.message).toMatch(/^pods "too-big" is forbidden: exceeded quota: tenant-quota, requested: .*limits\.cpu=64/);
    expect(refused.message).toContain(`limited: `);
    expect(refused.message).toContain(`limits.cpu=${hard['limits.cpu']}`);
  });

  it('refuses a virtual machine beyond the entitled count, whoever asks', async () => {
    const vm = oneOf(a, 'VirtualMachine');
    const extra = { ...vm, metadata: { ...vm.metadata, name: 'vm-not-entitled' } };
    const refused = await refusal(custom.createNamespacedCustomObject({ ...VM, namespace: nsA, body: extra }));
    expect(refused.status).toBe(403);
    expect(refused.message).toMatch(/exceeded quota: tenant-quota, requested: count\/virtualmachines\.kubevirt\.io=1, used: count\/virtualmachines\.kubevirt\.io=1, limited: count\/virtualmachines\.kubevirt\.io=1/);
  });
});

describe('RBAC: what a department may do, asked of the API server (SubjectAccessReview)', () => {
  // desired state binds the department's identity-provider group to the tenant Role in its namespace; a person of
  // department A signs in with that group
  const personOfA = { user: 'zhang.san@isa', groups: [groupA, 'system:authenticated'] };

  async function may(who: { user: string; groups: string[] }, attrs: { namespace: string; verb: string; resource: string; group?: string; subresource?: string }) {
    const review = await authz.createSubjectAccessReview({ body: { spec: { ...who, resourceAttributes: { group: '', ...attrs } } } });
    return { allowed: review.status?.allowed === true, reason: review.status?.reason ?? '' };
  }

  it('the department may run pods and operate its VMs in its own namespace, and nothing in the other tenant’s', async () => {
    const own = await may(personOfA, { namespace: nsA, verb: 'create', resource: 'pods' });
    expect(own.allowed).toBe(true);
    expect(own.reason).toContain(`RoleBinding "tenant-${groupA}/${nsA}" of Role "${TENANT_ROLE_NAME}" to Group "${groupA}"`);
    expect((await may(personOfA, { namespace: nsA, verb: 'get', group: 'kubevirt.io', resource: 'virtualmachines' })).allowed).toBe(true);
    expect((await may(personOfA, { namespace: nsA, verb: 'update', group: 'subresources.kubevirt.io', resource: 'virtualmachines', subresource: 'restart' })).allowed).toBe(true);
    expect((await may(personOfA, { namespace: nsA, verb: 'get', group: 'postgresql.cnpg.io', resource: 'clusters' })).allowed).toBe(true);

    for (const [verb, group, resource, subresource] of [
      ['create', '', 'pods', undefined],
      ['list', '', 'secrets', undefined],
      ['get', 'kubevirt.io', 'virtualmachines', undefined],
      ['update', 'subresources.kubevirt.io', 'virtualmachines', 'restart'],
      ['get', 'postgresql.cnpg.io', 'clusters', undefined],
    ] as const) {
      const other = await may(personOfA, { namespace: nsB, verb, group, resource, ...(subresource ? { subresource } : {}) });
      expect(other.allowed, `${verb} ${group}/${resource} in ${nsB}`).toBe(false);
    }
    // and department B is held the same way, the other way round
    expect((await may({ user: 'li.si@isb', groups: [groupB] }, { namespace: nsB, verb: 'create', resource: 'pods' })).allowed).toBe(true);
    expect((await may({ user: 'li.si@isb', groups: [groupB] }, { namespace: nsA, verb: 'create', resource: 'pods' })).allowed).toBe(false);
  });

  it('the guard rails hold in its own namespace too: no VM sizes of its own, no quota, policy or role edits', async () => {
    for (const [verb, group, resource] of [
      ['create', 'kubevirt.io', 'virtualmachines'], // sizes come from the catalog, through the platform
      ['patch', '', 'resourcequotas'],
      ['delete', 'networking.k8s.io', 'networkpolicies'],
      ['create', 'rbac.authorization.k8s.io', 'rolebindings'],
      ['update', '', 'namespaces'],
    ] as const) {
      expect((await may(personOfA, { namespace: nsA, verb, group, resource })).allowed, `${verb} ${group}/${resource}`).toBe(false);
    }
  });

  it("the namespaces' own service accounts are bound to nothing: a workload's token cannot act on the API, here or there", async () => {
    const sa = (ns: string) => ({
      user: `system:serviceaccount:${ns}:default`,
      groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'],
    });
    expect((await may(sa(nsA), { namespace: nsA, verb: 'create', resource: 'pods' })).allowed).toBe(false);
    expect((await may(sa(nsA), { namespace: nsB, verb: 'create', resource: 'pods' })).allowed).toBe(false);
    expect((await may(sa(nsA), { namespace: nsB, verb: 'get', resource: 'secrets' })).allowed).toBe(false);
  });
});
