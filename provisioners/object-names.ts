// What the objects of a tenant are, in words an operator reads before the Kubernetes vocabulary: a preview begins
// "云主机 ×2、数据库集群 ×1、命名空间 ×1、资源配额 ×1 …". Workloads come first; kinds without a name here are counted
// under their Kubernetes kind.
import type { Locale } from '../core/i18n.js';
import { listOf } from '../core/i18n.js';

type Label = Record<Locale, string>;

/** In the order a summary lists them. */
const OBJECT_NAMES: [kind: string, label: Label][] = [
  ['VirtualMachine', { 'zh-CN': '云主机', en: 'virtual machine' }],
  ['Cluster', { 'zh-CN': '数据库集群', en: 'database cluster' }],
  ['Namespace', { 'zh-CN': '命名空间', en: 'namespace' }],
  ['ResourceQuota', { 'zh-CN': '资源配额', en: 'resource quota' }],
  ['LimitRange', { 'zh-CN': '默认资源限制', en: 'default limits' }],
  ['NetworkPolicy', { 'zh-CN': '网络隔离策略', en: 'network policy' }],
  ['Role', { 'zh-CN': '访问角色', en: 'role' }],
  ['RoleBinding', { 'zh-CN': '角色授权', en: 'role binding' }],
  ['ScheduledBackup', { 'zh-CN': '定时备份', en: 'scheduled backup' }],
  ['Secret', { 'zh-CN': '凭据', en: 'secret' }],
];
const ORDER = new Map(OBJECT_NAMES.map(([kind], i) => [kind, i]));
const NAMES = new Map(OBJECT_NAMES);

/** A Kubernetes kind in words ("云主机"), or the kind itself where it has no name here. */
export const objectName = (kind: string, locale: Locale): string => NAMES.get(kind)?.[locale] ?? kind;

export interface ObjectSummary {
  text: string;
  counts: { kind: string; label: string; count: number }[];
}

export function summariseObjects(objects: readonly { kind: string }[], locale: Locale): ObjectSummary {
  const counts = new Map<string, number>();
  for (const o of objects) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
  const rows = [...counts]
    .sort(([a], [b]) => (ORDER.get(a) ?? ORDER.size) - (ORDER.get(b) ?? ORDER.size) || a.localeCompare(b))
    .map(([kind, count]) => ({ kind, label: objectName(kind, locale), count }));
  return { text: listOf(rows.map((r) => `${r.label} ×${r.count}`), locale), counts: rows };
}
