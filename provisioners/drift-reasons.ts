// Why something that runs differs from what should run (drift), by code, in both languages. Pure data: the drivers,
// status sync and the workload kinds give each drift item its code (and an English `reason` for logs and errors); the
// API names it in the reader's language (drift-view.ts). What the cluster holds, as read, stays in `detail`.
export const DRIFT_MESSAGES = {
  'drift.missing': { 'zh-CN': '缺失（在平台之外被删除）', en: 'missing: deleted outside the platform' },
  'drift.unwanted': { 'zh-CN': '多余（平台未创建）', en: 'present but not wanted' },
  'drift.changed': { 'zh-CN': '被平台之外修改', en: 'changed outside the platform' },
  'drift.missingFromCluster': { 'zh-CN': '集群中不存在', en: 'missing from the cluster' },
  'drift.quota': { 'zh-CN': '资源配额与核定不符', en: 'the quota differs from the entitlement' },
  'drift.runState': { 'zh-CN': '应为{expected}，集群中为{actual}', en: 'expected {expected}, the cluster has it {actual}' },
  'drift.vm.running': { 'zh-CN': '运行', en: 'running' },
  'drift.vm.halted': { 'zh-CN': '停止', en: 'halted' },
} as const satisfies Record<string, { 'zh-CN': string; en: string }>;

export type DriftCode = Extract<keyof typeof DRIFT_MESSAGES, `drift.${string}`>;

/** Why an object drifted: its code and parameters, its English wording, and what the cluster holds where it says. */
export interface DriftReason {
  code: DriftCode;
  params?: Record<string, string>;
  /** in English, for logs and errors */
  reason: string;
  /** what differs, as read from the cluster (property paths and values), not translated */
  detail?: string;
}

/** A drift reason with its English wording from the table. */
export function driftReason(code: DriftCode, params: Record<string, string> = {}, detail?: string): DriftReason {
  const en = (key: string) => (key in DRIFT_MESSAGES ? DRIFT_MESSAGES[key as DriftCode].en : key);
  const reason = en(code).replace(/\{(\w+)\}/g, (_, n: string) => en(params[n] ?? `{${n}}`));
  return { code, ...(Object.keys(params).length ? { params } : {}), reason, ...(detail ? { detail } : {}) };
}
