// The trail's names for what is recorded on catalog revisions besides the machine's own actions (core/audit/labels.ts).
import { registerAuditActions } from '../core/audit/labels.js';
import { uuidsIn, type TargetNamers } from '../core/audit/targets.js';

registerAuditActions({
  'catalog.seed': { 'zh-CN': '初始化服务目录', en: 'Catalog seeded' },
  'catalog.revision.create': { 'zh-CN': '起草目录新版本', en: 'Revision drafted' },
  'catalog.revision.update': { 'zh-CN': '修改版本说明', en: 'Revision details changed' },
  'catalog.offering.create': { 'zh-CN': '新增服务', en: 'Offering added' },
  'catalog.offering.update': { 'zh-CN': '修改服务', en: 'Offering changed' },
  'catalog.offering.delete': { 'zh-CN': '删除服务', en: 'Offering removed' },
  'catalog.plan.create': { 'zh-CN': '新增规格', en: 'Plan added' },
  'catalog.plan.update': { 'zh-CN': '修改规格', en: 'Plan changed' },
  'catalog.plan.delete': { 'zh-CN': '删除规格', en: 'Plan removed' },
});

/** Revisions are recorded by number. */
export const catalogTargets: TargetNamers = {
  CatalogRevision: async (db, ids, locale) => {
    const numbers = ids.filter((id) => /^\d{1,9}$/.test(id)).map(Number);
    const rows = await db.catalogRevision.findMany({ where: { number: { in: numbers } }, select: { number: true, title: true } });
    return new Map(rows.map((r) => [String(r.number), locale === 'en' ? `Revision ${r.number} ${r.title}` : `第${r.number}版 ${r.title}`]));
  },
};
