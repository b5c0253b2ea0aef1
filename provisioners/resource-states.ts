// The states of a provisioned resource (a namespace, a VM, a database cluster) and of a tenant as a whole, their
// names in both languages and their colours, declared once: the API sends the state as a code with its name in the
// reader's language (registered under stateKey('ProvisionedResource', state)), and the console names and colours
// it from this same table. Pure data, like the machine tables (core/workflow/machine.ts).
import type { Label } from '../core/workflow/machine.js';

export const RESOURCE_STATES = ['PENDING', 'PROVISIONING', 'READY', 'FAILED', 'DRIFTED', 'DEPROVISIONED'] as const;
/** The tenant as a whole: NONE before anything is provisioned, else its worst resource's state. */
export const TENANT_STATES = ['NONE', 'FAILED', 'DRIFTED', 'PROVISIONING', 'READY'] as const;
export type ResourceState = (typeof RESOURCE_STATES)[number] | (typeof TENANT_STATES)[number];

export const RESOURCE_STATE_SUBJECT = 'ProvisionedResource';

export const RESOURCE_STATE_LABELS: Record<ResourceState, Label> = {
  PENDING: { 'zh-CN': '待创建', en: 'Pending' },
  PROVISIONING: { 'zh-CN': '创建中', en: 'Provisioning' },
  READY: { 'zh-CN': '就绪', en: 'Ready' },
  FAILED: { 'zh-CN': '异常', en: 'Failed' },
  DRIFTED: { 'zh-CN': '配置漂移', en: 'Drifted' },
  DEPROVISIONED: { 'zh-CN': '已回收', en: 'Deprovisioned' },
  NONE: { 'zh-CN': '未开通', en: 'Nothing provisioned' },
};

export const RESOURCE_STATE_COLOURS: Record<ResourceState, string> = {
  PENDING: 'default',
  PROVISIONING: 'processing',
  READY: 'success',
  FAILED: 'error',
  DRIFTED: 'warning',
  DEPROVISIONED: 'default',
  NONE: 'default',
};

/** What the platform itself says of a resource (stored as the code in its detail), in both languages. */
export const RESOURCE_NOTES = {
  'resource.note.rendered': { 'zh-CN': '已生成清单，待运维人员应用', en: 'Manifests rendered, waiting to be applied' },
} as const satisfies Record<string, Label>;
