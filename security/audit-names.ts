// The trail's and the messages' names for the security dossier besides the machine's own actions (registered by the
// runner from security/workflow.ts), and how the trail names a dossier (by its project or system).
import { uuidsIn, type TargetNamers } from '../core/audit/targets.js';
import { registerMessages } from '../core/i18n.js';
import { SECURITY_RECORD_LABELS } from './workflow.js';

registerMessages({
  'what.securityRecord': { 'zh-CN': '安全记录', en: 'security record' },
  'what.securityDocument': { 'zh-CN': '安全材料', en: 'security document' },
  ...Object.fromEntries(Object.entries(SECURITY_RECORD_LABELS).map(([kind, label]) => [`security.${kind}`, label])),
});

export const securityTargets: TargetNamers = {
  // a dossier's id in the trail is its owner's
  SecurityDossier: async (db, ids) => {
    const uuids = uuidsIn(ids);
    const [projects, systems] = await Promise.all([
      db.project.findMany({ where: { id: { in: uuids } }, select: { id: true, code: true, name: true } }),
      db.migrationSystem.findMany({ where: { id: { in: uuids } }, select: { id: true, code: true, name: true } }),
    ]);
    return new Map([...projects, ...systems].map((o) => [o.id, `${o.code} ${o.name} · 安全责任`]));
  },
};
