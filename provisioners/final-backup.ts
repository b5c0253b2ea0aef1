// A database's final backup, taken before deprovisioning removes it: a CloudNativePG `Backup` of the cluster (by
// volume snapshot, like its scheduled backups), created through the Kubernetes API and waited for until the
// operator reports it completed. A backup that fails or does not complete in time stops the deprovisioning: the
// job fails (and is retried), nothing is removed.
import { ApiException, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import type { OnEvent } from './drivers/driver.js';
import { kubeConfigFromFile } from './status-sync.js';

const GROUP = 'postgresql.cnpg.io';
const VERSION = 'v1';
const PLURAL = 'backups';

export interface FinalBackups {
  take(namespace: string, cluster: string, jobId: string, onEvent: OnEvent): Promise<string>;
}

export class FinalBackupError extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The backup's name: one per cluster and job, so a retried job waits for the backup it already asked for. */
export const finalBackupName = (cluster: string, jobId: string) => `${cluster}-final-${jobId.slice(0, 8)}`.slice(0, 63);

export function createFinalBackups(kubeconfig: string | KubeConfig, opts: { timeoutMs?: number; pollMs?: number } = {}): FinalBackups {
  const kc = typeof kubeconfig === 'string' ? kubeConfigFromFile(kubeconfig) : kubeconfig;
  const api = kc.makeApiClient(CustomObjectsApi);
  const timeoutMs = opts.timeoutMs ?? 30 * 60_000;
  const pollMs = opts.pollMs ?? 2000;

  return {
    async take(namespace, cluster, jobId, onEvent) {
      const name = finalBackupName(cluster, jobId);
      const body = {
        apiVersion: `${GROUP}/${VERSION}`,
        kind: 'Backup',
        metadata: { name, namespace, labels: { 'zhengyun.gov.cn/final-backup': 'true' } },
        spec: { cluster: { name: cluster }, method: 'volumeSnapshot' },
      };
      try {
        await api.createNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural: PLURAL, body });
        onEvent('info', `已请求最终备份 ${name} / final backup ${name} requested`, { cluster, backup: name });
      } catch (err) {
        if (!(err instanceof ApiException && err.code === 409)) throw err; // 409: asked for by an earlier attempt
      }
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const live = (await api.getNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural: PLURAL, name })) as { status?: { phase?: string; error?: string } };
        const phase = live.status?.phase;
        if (phase === 'completed') {
          onEvent('info', `最终备份 ${name} 已完成 / final backup ${name} completed`, { cluster, backup: name });
          return name;
        }
        if (phase === 'failed') throw new FinalBackupError(`final backup ${name} of ${cluster} failed: ${live.status?.error ?? 'no reason given'}; nothing was removed`);
        if (Date.now() > deadline) throw new FinalBackupError(`final backup ${name} of ${cluster} did not complete within ${Math.round(timeoutMs / 1000)} s; nothing was removed`);
        await sleep(pollMs);
      }
    },
  };
}
