// The trail's names for what is recorded on projects besides the machine's own actions (core/audit/labels.ts).
import { registerAuditActions } from '../core/audit/labels.js';
import { FILING_KIND_LABELS } from './workflow.js';
import { uuidsIn, type TargetNamers } from '../core/audit/targets.js';

registerAuditActions({
  'project.create': { 'zh-CN': '创建项目', en: 'Project created' },
  'project.update': { 'zh-CN': '修改项目信息', en: 'Project details changed' },
  'project.line.add': { 'zh-CN': '新增资源行', en: 'Resource line added' },
  'project.line.update': { 'zh-CN': '修改资源行', en: 'Resource line changed' },
  'project.line.remove': { 'zh-CN': '删除资源行', en: 'Resource line removed' },
  'project.resources.replace': { 'zh-CN': '更新信息资源目录', en: 'Information resources replaced' },
  'project.document.upload': { 'zh-CN': '上传材料', en: 'Document uploaded' },
  'project.rectification': { 'zh-CN': '下达整改通知', en: 'Rectification notice issued' },
  'project.self-evaluation.backfill': { 'zh-CN': '补开年度自评价期限', en: 'Self-evaluation deadlines opened for an earlier project' },
  'notice.objection': { 'zh-CN': '公示异议', en: 'Objection to the notice' },
  'notice.objection.resolve': { 'zh-CN': '处理公示异议', en: 'Objection resolved' },
  'resource-request.create': { 'zh-CN': '提交资源申请', en: 'Resource request submitted' },
  ...Object.fromEntries(Object.entries(FILING_KIND_LABELS).map(([kind, label]) => [`project.filing.${kind.toLowerCase()}`, label])),
});

export const projectTargets: TargetNamers = {
  Project: async (db, ids) => {
    const rows = await db.project.findMany({ where: { id: { in: uuidsIn(ids) } }, select: { id: true, code: true, name: true } });
    return new Map(rows.map((p) => [p.id, `${p.code} ${p.name}`]));
  },
};
