// The provisioner-kind registry: its codes are the vocabulary's, each kind declares what the shared code reads
// from it consistently, and the kinds' own status and backup rules (read against the cluster in
// test/cluster/status-sync.test.ts) answer as KubeVirt and CloudNativePG report.
import { describe, expect, it } from 'vitest';
import { KIND_ORDER } from '../desired-state.js';
import type { K8sObject } from '../tenant-input.js';
import { CNPG_FINAL_BACKUP, observeCluster } from './database/status.js';
import { isDataBearing, PROVISIONER_KINDS, PROVISIONER_REGISTRY, provisionerKind, workloadOf } from './index.js';
import { DELIVERY_LABELS, FORM_LABELS, SPEC_FIELDS } from './vocabulary.js';
import { observeVm } from './vm/status.js';

describe('the registry', () => {
  it('holds one kind per vocabulary code, in the same order, with its words', () => {
    expect(PROVISIONER_REGISTRY.map((k) => k.code)).toEqual([...PROVISIONER_KINDS]);
    for (const code of PROVISIONER_KINDS) {
      expect(provisionerKind(code).code).toBe(code);
      for (const label of [DELIVERY_LABELS[code], FORM_LABELS[code]]) expect(label['zh-CN'] && label.en, code).toBeTruthy();
      expect(SPEC_FIELDS[code].length, code).toBeGreaterThan(0);
    }
    expect(() => provisionerKind('toString')).toThrow(/unknown provisioner kind/);
  });

  it('has every kind declare the objects it renders, and its workloads among them', () => {
    for (const kind of PROVISIONER_REGISTRY) {
      expect(Boolean(kind.render), kind.code).toBe(kind.objectKinds.length > 0);
      if (!kind.runsInTenant) expect(kind.render, kind.code).toBeUndefined();
      for (const k of kind.objectKinds) expect(KIND_ORDER, kind.code).toContain(k);
      for (const w of kind.workloads) {
        expect(kind.objectKinds, kind.code).toContain(w.kind);
        expect(kind.customResourceGroups, kind.code).toContain(w.group);
      }
    }
  });

  it('finds a workload by kind and API group', () => {
    expect(workloadOf({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine' })?.plural).toBe('virtualmachines');
    expect(workloadOf({ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster' })?.plural).toBe('clusters');
    expect(workloadOf({ apiVersion: 'example.com/v1', kind: 'Cluster' })).toBeUndefined();
    expect(workloadOf({ apiVersion: 'v1', kind: 'Secret' })).toBeUndefined();
    expect(PROVISIONER_KINDS.filter(isDataBearing)).toEqual(['database']);
  });
});

describe("the kinds' status rules", () => {
  const vm = (runStrategy: string): K8sObject => ({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'vm-1' }, spec: { runStrategy } });

  it('reads a VM: its printable status, and drift when it runs while it should be halted or the other way round', () => {
    expect(observeVm(vm('Always'), { spec: { runStrategy: 'Always' }, status: { printableStatus: 'Running' } })).toEqual({ state: 'READY', detail: 'Running' });
    expect(observeVm(vm('Always'), { spec: { runStrategy: 'Always' } })).toEqual({ state: 'PROVISIONING' });
    expect(observeVm(vm('Always'), { spec: { runStrategy: 'Halted' }, status: { printableStatus: 'Stopped' } })).toEqual({
      state: 'PROVISIONING',
      detail: 'Stopped',
      drift: { code: 'drift.runState', params: { expected: 'drift.vm.running', actual: 'drift.vm.halted' }, reason: 'expected running, the cluster has it halted' },
    });
  });

  it('reads a CloudNativePG cluster: its phase, with the reason when it fails', () => {
    expect(observeCluster({ status: { phase: 'Cluster in healthy state' } })).toEqual({ state: 'READY', detail: 'Cluster in healthy state' });
    expect(observeCluster({ status: { phase: 'Failing over', phaseReason: 'primary lost' } })).toEqual({ state: 'FAILED', detail: 'Failing over: primary lost' });
    expect(observeCluster({})).toEqual({ state: 'PROVISIONING' });
  });

  it("reads a final backup's outcome", () => {
    expect(CNPG_FINAL_BACKUP.spec('pg-1')).toEqual({ cluster: { name: 'pg-1' }, method: 'volumeSnapshot' });
    expect(CNPG_FINAL_BACKUP.outcome({ phase: 'completed' })).toEqual({ completed: true });
    expect(CNPG_FINAL_BACKUP.outcome({ phase: 'failed', error: 'snapshot class missing' })).toEqual({ failed: 'snapshot class missing' });
    expect(CNPG_FINAL_BACKUP.outcome({ phase: 'failed' })).toEqual({ failed: 'no reason given' });
    expect(CNPG_FINAL_BACKUP.outcome({ phase: 'running' })).toBeUndefined();
  });
});
