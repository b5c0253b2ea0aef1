// A data-bearing workload's final backup, taken before deprovisioning removes it: the backup object its kind
// describes (for a database, a CloudNativePG `Backup` by volume snapshot, like its scheduled backups), created
// through the Kubernetes API and waited for until the operator reports it completed. A backup that fails or does
// not complete in time stops the deprovisioning: the job fails (and is retried), nothing is removed.
import { ApiException, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import type { OnEvent } from './drivers/driver.js';
import { logLine } from './job-log.js';
import { obj } from './json-fields.js';
import type { FinalBackupSpec } from './kinds/index.js';
import { kubeConfigFromFile } from './status-sync.js';

export interface FinalBackups {
  /** backs up the workload `target` in `namespace` as `backup` describes; resolves with the backup's name */
  take(backup: FinalBackupSpec, namespace: string, target: string, jobId: string, onEvent: OnEvent): Promise<string>;
}

export class FinalBackupError extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The backup's name: one per workload and job, so a retried job waits for the backup it already asked for. */
export const finalBackupName = (target: string, jobId: string) => `${target}-final-${jobId.slice(0, 8)}`.slice(0, 63);

export function createFinalBackups(kubeconfig: string | KubeConfig, opts: { timeoutMs?: number; pollMs?: number } = {}): FinalBackups {
  const kc = typeof kubeconfig === 'string' ? kubeConfigFromFile(kubeconfig) : kubeconfig;
  const api = kc.makeApiClient(CustomObjectsApi);
  const timeoutMs = opts.timeoutMs ?? 30 * 60_000;
  const pollMs = opts.pollMs ?? 2000;

  return {
    async take(backup, namespace, target, jobId, onEvent) {
      const name = finalBackupName(target, jobId);
      const { group, version, plural } = backup;
      const body = {
        apiVersion: `${group}/${version}`,
        kind: backup.kind,
        metadata: { name, namespace, labels: { 'zhengyun.gov.cn/final-backup': 'true' } },
        spec: backup.spec(target),
      };
      try {
        await api.createNamespacedCustomObject({ group, version, namespace, plural, body });
        onEvent('info', logLine('job.log.finalBackupRequested', { name }, { data: { cluster: target, backup: name } }));
      } catch (err) {
        if (!(err instanceof ApiException && err.code === 409)) throw err; // 409: asked for by an earlier attempt
      }
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const live: unknown = await api.getNamespacedCustomObject({ group, version, namespace, plural, name });
        const outcome = backup.outcome(obj(obj(live).status));
        if (outcome && 'completed' in outcome) {
          onEvent('info', logLine('job.log.finalBackupCompleted', { name }, { data: { cluster: target, backup: name } }));
          return name;
        }
        if (outcome) throw new FinalBackupError(`final backup ${name} of ${target} failed: ${outcome.failed}; nothing was removed`);
        if (Date.now() > deadline) throw new FinalBackupError(`final backup ${name} of ${target} did not complete within ${Math.round(timeoutMs / 1000)} s; nothing was removed`);
        await sleep(pollMs);
      }
    },
  };
}
