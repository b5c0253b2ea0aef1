// The trail's names for what is recorded about provisioning besides the request machine's actions (core/audit/labels.ts).
import { registerAuditActions } from '../core/audit/labels.js';
import { JOB_KINDS } from './job-kinds.js';
import { uuidsIn, type ProjectRelations, type TargetNamers } from '../core/audit/targets.js';
import { registerMessages, t } from '../core/i18n.js';

const KIND_NAMES = {
  PROVISION: { 'zh-CN': '开通', en: 'Provisioning' },
  DEPROVISION: { 'zh-CN': '回收', en: 'Deprovisioning' },
  REPAIR: { 'zh-CN': '修复', en: 'Repair' },
  PREVIEW: { 'zh-CN': '变更预览', en: 'Preview' },
  REFRESH: { 'zh-CN': '漂移检查', en: 'Drift check' },
} as const;

registerMessages(Object.fromEntries(JOB_KINDS.map((kind) => [`job.kind.${kind}`, KIND_NAMES[kind]])));

registerAuditActions({
  'project.drift-check': { 'zh-CN': '发起漂移检查', en: 'Drift check asked for' },
  'project.repair': { 'zh-CN': '发起修复', en: 'Repair asked for' },
  'resource.credentials.reveal': { 'zh-CN': '查看数据库凭据', en: 'Credentials revealed' },
});

export const provisioningTargets: TargetNamers = {
  ResourceRequest: async (db, ids) => {
    const rows = await db.resourceRequest.findMany({ where: { id: { in: uuidsIn(ids) } }, select: { id: true, code: true } });
    return new Map(rows.map((r) => [r.id, r.code]));
  },
  ProvisioningJob: async (db, ids, locale) => {
    const rows = await db.provisioningJob.findMany({ where: { id: { in: uuidsIn(ids) } }, select: { id: true, kind: true, stack: true, createdAt: true } });
    return new Map(rows.map((j) => [j.id, `${t(`job.kind.${j.kind}`, locale)} · ${j.stack}`]));
  },
  ProvisionedResource: async (db, ids) => {
    const rows = await db.provisionedResource.findMany({ where: { id: { in: uuidsIn(ids) } }, select: { id: true, kind: true, name: true, namespace: true } });
    return new Map(rows.map((r) => [r.id, `${r.kind} ${r.namespace}/${r.name}`]));
  },
};

/** A project's history takes in the records of its resource requests, its jobs and its resources. */
export const projectProvisioning: ProjectRelations = async (db, projectId) => {
  const [requests, jobs, resources] = await Promise.all([
    db.resourceRequest.findMany({ where: { projectId }, select: { id: true } }),
    db.provisioningJob.findMany({ where: { projectId }, select: { id: true } }),
    db.provisionedResource.findMany({ where: { projectId }, select: { id: true } }),
  ]);
  return { ResourceRequest: requests.map((r) => r.id), ProvisioningJob: jobs.map((j) => j.id), ProvisionedResource: resources.map((r) => r.id) };
};
