// The standard opinion phrases of GIA's review, per Art. 8 dimension, in both languages: the one place they are
// kept. The review form offers them beside each dimension's comment; a click appends one.
import type { ReviewDimension } from '../../../api/projects';
import type { Locale } from '../../../i18n';

type Phrase = Record<Locale, string>;

export const QUICK_PHRASES: Record<ReviewDimension, readonly Phrase[]> = {
  need: [
    { 'zh-CN': '建设需求明确，依据充分。', en: 'The need is clear and well founded.' },
    { 'zh-CN': '与部门职能和业务需要相符。', en: "It fits the department's duties and business needs." },
    { 'zh-CN': '需求论证不足，请补充现状分析。', en: 'The need is not argued enough; add an analysis of the present situation.' },
    { 'zh-CN': '与已建系统功能重叠，请说明必要性。', en: 'It overlaps systems already built; explain why it is needed.' },
  ],
  intensiveness: [
    { 'zh-CN': '依托市政务云部署，符合集约建设要求。', en: 'It runs on the city government cloud, as intensive construction requires.' },
    { 'zh-CN': '复用目录内共享服务，无重复建设。', en: 'It reuses shared catalog services; nothing is built twice.' },
    { 'zh-CN': '已接入数据共享交换平台。', en: 'It is connected to the data sharing and exchange platform.' },
    { 'zh-CN': '存在自建机房或重复采购，请调整为使用政务云资源。', en: 'It builds its own machine room or buys twice; use government cloud resources instead.' },
  ],
  feasibility: [
    { 'zh-CN': '技术路线成熟可行。', en: 'The technical approach is mature and workable.' },
    { 'zh-CN': '建设内容与实施计划合理。', en: 'The scope and the implementation plan are reasonable.' },
    { 'zh-CN': '安全保障措施到位，满足等级保护要求。', en: 'Security measures are in place and meet the classified protection requirements.' },
    { 'zh-CN': '实施方案不够具体，请细化进度安排。', en: 'The implementation plan is not specific enough; detail the schedule.' },
  ],
  budget: [
    { 'zh-CN': '预算编制合理，与目录单价相符。', en: 'The budget is reasonable and matches the catalog prices.' },
    { 'zh-CN': '云资源费用测算准确。', en: 'The cloud resource costs are calculated correctly.' },
    { 'zh-CN': '部分费用偏高，建议核减。', en: 'Some costs are high; a reduction is advised.' },
    { 'zh-CN': '请补充预算测算依据。', en: 'Add the basis of the budget calculation.' },
  ],
  performance: [
    { 'zh-CN': '绩效目标明确，指标可衡量。', en: 'The performance goals are clear and measurable.' },
    { 'zh-CN': '绩效目标与建设内容相匹配。', en: 'The performance goals match the scope.' },
    { 'zh-CN': '绩效指标不够量化，请细化。', en: 'The indicators are not quantified enough; refine them.' },
    { 'zh-CN': '请补充年度绩效目标。', en: 'Add yearly performance goals.' },
  ],
};
