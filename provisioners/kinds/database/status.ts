// A database's state as CloudNativePG reports it, and how the operator takes its final backup.
import { obj, str, type Obj } from '../../json-fields.js';
import type { FinalBackupSpec, Observation, ObservedState } from '../kind.js';

/** CloudNativePG's status.phase → our state. */
export function cnpgState(phase: string | undefined): ObservedState {
  if (!phase) return 'PROVISIONING'; // just created: the operator has not written a phase yet
  if (phase === 'Cluster in healthy state') return 'READY';
  if (/Setting up|Creating/i.test(phase)) return 'PROVISIONING';
  return 'FAILED';
}

/** The cluster's state; a failing phase comes with its reason. */
export function observeCluster(live: Obj): Observation {
  const status = obj(live.status);
  const phase = str(status.phase);
  const reason = str(status.phaseReason);
  const detail = phase && reason && cnpgState(phase) === 'FAILED' ? `${phase}: ${reason}` : phase;
  return { state: cnpgState(phase), ...(detail ? { detail } : {}) };
}

/** A CloudNativePG `Backup` of the cluster by volume snapshot, like its scheduled backups. */
export const CNPG_FINAL_BACKUP: FinalBackupSpec = {
  group: 'postgresql.cnpg.io',
  version: 'v1',
  plural: 'backups',
  kind: 'Backup',
  spec: (cluster) => ({ cluster: { name: cluster }, method: 'volumeSnapshot' }),
  outcome(status) {
    if (status.phase === 'completed') return { completed: true };
    if (status.phase === 'failed') return { failed: str(status.error) ?? 'no reason given' };
    return undefined;
  },
};
