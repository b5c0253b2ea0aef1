// The trail's names for what is recorded on the yearly assessments besides the machines' own actions
// (core/audit/labels.ts), the messages their refusals use, and how the trail names an assessment.
import { registerAuditActions } from '../core/audit/labels.js';
import { uuidsIn, type TargetNamers } from '../core/audit/targets.js';
import { registerMessages } from '../core/i18n.js';

registerAuditActions({
  'assessment.org.create': { 'zh-CN': '开始部门年度考核', en: 'Department assessment started' },
  'assessment.county.create': { 'zh-CN': '开始县区年度考核', en: 'County assessment started' },
});

registerMessages({
  'what.assessment': { 'zh-CN': '年度考核', en: 'assessment' },
  ASSESSMENT_INCOMPLETE: { 'zh-CN': '请先填写得分和等次，再确认考核结果', en: 'Give the score and the grade before confirming the assessment' },
  ASSESSMENT_EXISTS: { 'zh-CN': '{name}{year}年度的考核已存在', en: 'The {year} assessment of {name} already exists' },
  NOT_ASSESSED_HERE: { 'zh-CN': '该机构不是市直部门，不在部门年度考核之列', en: 'Only city departments take the department assessment' },
  NOT_A_COUNTY: { 'zh-CN': '不是县（市、区）', en: 'Not a county' },
  'action.OrgAssessment.create': { 'zh-CN': '开始考核', en: 'start the assessment' },
  'action.CountyAssessment.create': { 'zh-CN': '开始考核', en: 'start the assessment' },
});

export const assessmentTargets: TargetNamers = {
  OrgAssessment: async (db, ids) => {
    const rows = await db.orgAssessment.findMany({ where: { id: { in: uuidsIn(ids) } }, select: { id: true, orgId: true, year: true } });
    const orgs = await db.organisation.findMany({ where: { id: { in: rows.map((r) => r.orgId) } }, select: { id: true, name: true } });
    const names = new Map(orgs.map((o) => [o.id, o.name]));
    return new Map(rows.map((r) => [r.id, `${names.get(r.orgId) ?? ''} ${r.year}`]));
  },
  CountyAssessment: async (db, ids) => {
    const rows = await db.countyAssessment.findMany({ where: { id: { in: uuidsIn(ids) } }, select: { id: true, county: true, year: true } });
    const orgs = await db.organisation.findMany({ where: { code: { in: rows.map((r) => r.county) } }, select: { code: true, name: true } });
    const names = new Map(orgs.map((o) => [o.code, o.name]));
    return new Map(rows.map((r) => [r.id, `${names.get(r.county) ?? r.county} ${r.year}`]));
  },
};
