// The pure rules of status sync: KubeVirt and CloudNativePG states (the vm and database kinds' own), and Kubernetes
// quantities. Reading the cluster is tested against the real API server of the test control plane
// (test/cluster/status-sync.test.ts).
import { describe, expect, it } from 'vitest';
import { cnpgState } from './kinds/database/status.js';
import { vmState } from './kinds/vm/status.js';
import { parseQuantity, sameQuantity } from './status-sync.js';

describe('state and quantity rules', () => {
  it('maps KubeVirt printable statuses', () => {
    expect(vmState('Running')).toBe('READY');
    for (const s of ['Provisioning', 'Starting', 'WaitingForVolumeBinding']) expect(vmState(s)).toBe('PROVISIONING');
    for (const s of ['ErrorUnschedulable', 'CrashLoopBackOff', 'DataVolumeError', 'ErrImagePull', 'ErrorPvcNotFound', 'Unknown']) {
      expect(vmState(s)).toBe('FAILED');
    }
    expect(vmState('Stopped', true)).toBe('READY');
  });

  it('maps CloudNativePG phases', () => {
    expect(cnpgState('Cluster in healthy state')).toBe('READY');
    expect(cnpgState('Setting up primary')).toBe('PROVISIONING');
    expect(cnpgState('Creating a new replica')).toBe('PROVISIONING');
    expect(cnpgState('Failing over')).toBe('FAILED');
    expect(cnpgState(undefined)).toBe('PROVISIONING');
  });

  it('compares quantities by value', () => {
    expect(sameQuantity('8', '8000m')).toBe(true);
    expect(sameQuantity('1Gi', '1024Mi')).toBe(true);
    expect(sameQuantity('1G', '1Gi')).toBe(false);
    expect(sameQuantity('1.5', '1500m')).toBe(true);
    expect(sameQuantity('1e3', '1k')).toBe(true);
    expect(sameQuantity('abc', 'abc')).toBe(true);
    expect(sameQuantity('abc', 'abd')).toBe(false);
    expect(parseQuantity('not a quantity')).toBeUndefined();
  });
});
