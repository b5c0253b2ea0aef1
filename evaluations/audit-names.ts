// The trail's and the messages' names for spot-checks (core/audit/labels.ts, core/i18n.ts).
import { registerAuditActions } from '../core/audit/labels.js';
import { uuidsIn, type TargetNamers } from '../core/audit/targets.js';
import { registerMessages } from '../core/i18n.js';

registerAuditActions({ 'spot-check.draw': { 'zh-CN': '抽取自评价抽查样本', en: 'Self-evaluation spot-check drawn' } });

registerMessages({
  'what.spotCheck': { 'zh-CN': '抽查', en: 'spot-check' },
  'what.spotCheckItem': { 'zh-CN': '抽查样本', en: 'sampled self-evaluation' },
  SPOT_CHECK_NO_SELF_EVALUATIONS: { 'zh-CN': '{year} 年度没有已报送的自评价报告可供抽查', en: 'No self-evaluations of {year} have been submitted to sample from' },
  SPOT_CHECK_SIZE_OR_PERCENT: { 'zh-CN': '请填写抽查数量或抽查比例（二选一）', en: 'Give either a sample size or a percentage' },
  SPOT_CHECK_INCOMPLETE: { 'zh-CN': '尚有 {count} 份样本未登记抽查结果', en: '{count} sampled self-evaluations have no result yet' },
});

export const spotCheckTargets: TargetNamers = {
  SpotCheck: async (db, ids, locale) => {
    const rows = await db.spotCheck.findMany({ where: { id: { in: uuidsIn(ids) } }, select: { id: true, year: true, createdAt: true } });
    const day = (d: Date) => d.toISOString().slice(0, 10);
    return new Map(rows.map((s) => [s.id, locale === 'en' ? `Spot-check of the ${s.year} self-evaluations (${day(s.createdAt)})` : `${s.year} 年度自评价抽查（${day(s.createdAt)}）`]));
  },
};
