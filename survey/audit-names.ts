// The trail's and the messages' names for the migration survey (core/audit/labels.ts, core/i18n.ts).
import { registerAuditActions } from '../core/audit/labels.js';
import { uuidsIn, type TargetNamers } from '../core/audit/targets.js';
import { registerMessages } from '../core/i18n.js';

registerAuditActions({ 'survey-campaign.open': { 'zh-CN': '发起迁移摸底调查', en: 'Migration survey campaign opened' } });

registerMessages({
  'what.surveyCampaign': { 'zh-CN': '摸底调查', en: 'survey campaign' },
  'what.surveyResponse': { 'zh-CN': '摸底填报', en: 'survey response' },
  SURVEY_DUE_NOT_AFTER_TODAY: { 'zh-CN': '截止日期须晚于今天（{today}）', en: 'The due date must be after today ({today})' },
  SURVEY_DUE_NOT_LATER: { 'zh-CN': '新的截止日期须晚于当前截止日期 {due}', en: 'The new due date must be later than the current one, {due}' },
  SURVEY_NO_ORGS: { 'zh-CN': '请选择至少一个被调查单位或单位类型', en: 'Ask at least one organisation or kind of organisation' },
  SURVEY_ORG_UNKNOWN: { 'zh-CN': '单位不存在或已停用', en: 'No such active organisation' },
  SURVEY_NOTHING_PENDING: { 'zh-CN': '所有单位均已填报，无需催报', en: 'Every organisation has answered: nobody to remind' },
  SURVEY_CAMPAIGN_CLOSED: { 'zh-CN': '摸底调查已结束，不再接受填报或退回', en: 'The campaign is closed: answers are no longer taken or sent back' },
  SURVEY_NOTHING_CONFIRMED: { 'zh-CN': '请至少确认一个系统后再报送；没有系统的请选择“报告无系统”', en: 'Confirm at least one system before submitting; with none, declare nothing to declare' },
  SURVEY_SYSTEMS_CONFIRMED: { 'zh-CN': '已确认 {count} 个系统，不能报告无系统', en: '{count} system(s) are confirmed: this organisation has something to declare' },
  SURVEY_SYSTEM_NOT_OWN: { 'zh-CN': '该系统不属于本单位的系统目录', en: "This system is not in the organisation's register" },
});

export const surveyTargets: TargetNamers = {
  SurveyCampaign: async (db, ids) => {
    const rows = await db.surveyCampaign.findMany({ where: { id: { in: uuidsIn(ids) } }, select: { id: true, title: true } });
    return new Map(rows.map((c) => [c.id, c.title]));
  },
  SurveyResponse: async (db, ids) => {
    const rows = await db.surveyResponse.findMany({ where: { id: { in: uuidsIn(ids) } }, select: { id: true, campaign: { select: { title: true } }, org: { select: { name: true } } } });
    return new Map(rows.map((r) => [r.id, `${r.campaign.title} · ${r.org.name}`]));
  },
};
