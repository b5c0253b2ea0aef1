// The trail's names for what is recorded on the register besides the machine's own actions (core/audit/labels.ts).
import { registerAuditActions } from '../core/audit/labels.js';
import { uuidsIn, type TargetNamers } from '../core/audit/targets.js';

registerAuditActions({
  'migration.register': { 'zh-CN': '登记信息系统', en: 'System registered' },
  'migration.import': { 'zh-CN': '批量导入信息系统', en: 'Systems imported' },
  'migration.update': { 'zh-CN': '修改系统信息', en: 'System details changed' },
  'migration.reassess': { 'zh-CN': '重新评估', en: 'System reassessed' },
  'migration.wave.create': { 'zh-CN': '新建迁移批次', en: 'Wave created' },
  'migration.wave.update': { 'zh-CN': '修改迁移批次', en: 'Wave changed' },
});

export const migrationTargets: TargetNamers = {
  MigrationSystem: async (db, ids) => {
    const rows = await db.migrationSystem.findMany({ where: { id: { in: uuidsIn(ids) } }, select: { id: true, code: true, name: true } });
    return new Map(rows.map((s) => [s.id, `${s.code} ${s.name}`]));
  },
  MigrationWave: async (db, ids) => {
    const rows = await db.migrationWave.findMany({ where: { id: { in: uuidsIn(ids) } }, select: { id: true, name: true } });
    return new Map(rows.map((w) => [w.id, w.name]));
  },
  // a version of the assessment questionnaire (its id is the version number)
  MigrationQuestionnaire: async (_db, ids, locale) =>
    new Map(ids.filter((id) => /^\d{1,9}$/.test(id)).map((id) => [id, locale === 'en' ? `Assessment questionnaire, version ${id}` : `评估问卷 第${id}版`])),
};
