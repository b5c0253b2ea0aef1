// A plan's specification and 信创 attributes in words, for the catalog list and the comparison table.
import type { PlanView } from '../../api/catalog';
import type { Translate } from '../../i18n';

export type SpecKey = 'vcpu' | 'memoryGiB' | 'diskGiB' | 'storageGiB' | 'engine' | 'instances' | 'bandwidthMbps' | 'backupRetentionDays' | 'sla' | 'image';

export const SPEC_ROWS: SpecKey[] = ['vcpu', 'memoryGiB', 'diskGiB', 'storageGiB', 'engine', 'instances', 'bandwidthMbps', 'backupRetentionDays', 'sla', 'image'];

export function specValue(plan: PlanView, key: SpecKey, t: Translate): string | null {
  const s = plan.spec;
  switch (key) {
    case 'vcpu':
      return s.vcpu ? t('spec.vcpuValue', { n: s.vcpu }) : null;
    case 'memoryGiB':
      return s.memoryGiB ? `${s.memoryGiB} GiB` : null;
    case 'diskGiB':
      return s.diskGiB ? `${s.diskGiB} GiB` : null;
    case 'storageGiB':
      return s.storageGiB ? `${s.storageGiB} GiB` : null;
    case 'engine':
      return s.engine ? [s.engine, s.engineVersion].filter(Boolean).join(' ') : null;
    case 'instances':
      return s.instances ? String(s.instances) : null;
    case 'bandwidthMbps':
      return s.bandwidthMbps ? `${s.bandwidthMbps} Mbps` : null;
    case 'backupRetentionDays':
      return s.backupRetentionDays ? t('spec.daysValue', { n: s.backupRetentionDays }) : null;
    case 'sla':
      return s.sla ?? null;
    case 'image':
      return s.image ?? null;
  }
}

/** "4 vCPU · 8 GiB · 100 GiB" */
export function specSummary(plan: PlanView, t: Translate): string {
  const parts = (['vcpu', 'memoryGiB', 'diskGiB', 'storageGiB', 'engine', 'instances', 'bandwidthMbps'] as SpecKey[])
    .map((k) => specValue(plan, k, t))
    .filter((v): v is string => Boolean(v));
  return parts.join(' · ') || plan.spec.notes || '—';
}

const ARCH_LABELS: Record<string, string> = { x86_64: 'x86', kunpeng: '鲲鹏 Kunpeng', hygon: '海光 Hygon', phytium: '飞腾 Phytium', loongson: '龙芯 Loongson' };

export function xinchuangText(plan: PlanView, t: Translate): string {
  const x = plan.xinchuang;
  const parts = [x.cpuArch ? ARCH_LABELS[x.cpuArch] ?? x.cpuArch : null, x.os ?? null, x.dbVendor ?? null].filter(Boolean);
  const head = x.certified ? t('catalog.xinchuangYes') : t('catalog.xinchuangNo');
  return parts.length ? `${head}${t('punct.open')}${parts.join(t('punct.comma'))}${t('punct.close')}` : head;
}
