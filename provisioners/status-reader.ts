// What the platform needs from a live cluster, so services do not depend on the Kubernetes client directly.
import type { DriftReason } from './drift-reasons.js';
import type { K8sObject } from './tenant-input.js';

export interface ObservedObject {
  kind: string;
  name: string;
  state: 'READY' | 'PROVISIONING' | 'FAILED' | 'MISSING';
  detail?: string;
}

export interface StatusReader {
  read(namespace: string, expected: K8sObject[]): Promise<{ objects: ObservedObject[]; drift: (DriftReason & { kind: string; name: string })[] }>;
  credentials(namespace: string, cluster: string): Promise<{ username: string; password: string; host: string; port: number; dbname: string }>;
}
