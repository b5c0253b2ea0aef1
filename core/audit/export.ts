// The trail as a spreadsheet for the auditor: the records as the console lists them (names, not codes; the codes
// beside them), and a second sheet with the chain check of the whole trail made for this export.
import { shanghaiTime, tableXlsx, type TableColumn } from '../export/table-xlsx.js';
import { registerMessages, t, type Locale } from '../i18n.js';
import type { AuditEventView, AuditVerifyResult } from './event-schema.js';

registerMessages({
  'export.audit.records': { 'zh-CN': '审计记录', en: 'Audit records' },
  'export.audit.chain': { 'zh-CN': '审计链校验', en: 'Chain check' },
  'export.audit.seq': { 'zh-CN': '序号', en: 'Seq' },
  'export.audit.at': { 'zh-CN': '时间', en: 'Time' },
  'export.audit.actor': { 'zh-CN': '操作人', en: 'Actor' },
  'export.audit.role': { 'zh-CN': '角色', en: 'Role' },
  'export.audit.action': { 'zh-CN': '操作', en: 'Action' },
  'export.audit.actionCode': { 'zh-CN': '操作代码', en: 'Action code' },
  'export.audit.object': { 'zh-CN': '对象', en: 'Object' },
  'export.audit.objectRef': { 'zh-CN': '对象标识', en: 'Object reference' },
  'export.audit.outcome': { 'zh-CN': '结果', en: 'Outcome' },
  'export.audit.ip': { 'zh-CN': 'IP 地址', en: 'IP address' },
  'export.audit.detail': { 'zh-CN': '详情', en: 'Detail' },
  'export.audit.hash': { 'zh-CN': '记录哈希（SM3）', en: 'Record hash (SM3)' },
  'export.audit.outcome.SUCCESS': { 'zh-CN': '成功', en: 'Success' },
  'export.audit.outcome.FAILURE': { 'zh-CN': '失败', en: 'Failure' },
  'export.audit.outcome.DENIED': { 'zh-CN': '被拒绝', en: 'Denied' },
  'export.audit.item': { 'zh-CN': '项目', en: 'Item' },
  'export.audit.value': { 'zh-CN': '结果', en: 'Value' },
  'export.audit.verifiedAt': { 'zh-CN': '校验时间', en: 'Checked at' },
  'export.audit.valid': { 'zh-CN': '审计链完整', en: 'Chain intact' },
  'export.audit.checked': { 'zh-CN': '已校验记录数', en: 'Records checked' },
  'export.audit.firstBroken': { 'zh-CN': '首个断点', en: 'First break' },
  'export.audit.exported': { 'zh-CN': '本表导出记录数 / 符合条件记录数', en: 'Records exported / matching' },
});

export interface AuditExport {
  items: AuditEventView[];
  total: number;
  verification: AuditVerifyResult;
  verifiedAt: Date;
}

export async function auditXlsx(x: AuditExport, locale: Locale): Promise<Buffer> {
  const h = (key: string, width?: number): TableColumn => ({ header: t(`export.audit.${key}`, locale), width });
  const yesNo = (v: boolean) => t(v ? 'export.yes' : 'export.no', locale);
  const broken = x.verification.firstBroken;
  return tableXlsx([
    {
      name: t('export.audit.records', locale),
      columns: [h('seq', 8), h('at', 20), h('actor', 20), h('role', 18), h('action', 18), h('actionCode', 24), h('object', 36), h('objectRef', 40), h('outcome', 8), h('ip', 16), h('detail', 60), h('hash', 66)],
      rows: x.items.map((e) => [
        Number(e.seq),
        shanghaiTime(e.at),
        e.actorLabel ?? '',
        e.actorRole ? t(`role.${e.actorRole}`, locale) : '',
        e.actionLabel,
        e.action,
        e.targetLabel ?? '',
        e.targetType && e.targetId ? `${e.targetType}:${e.targetId}` : '',
        t(`export.audit.outcome.${e.outcome}`, locale),
        e.ip ?? '',
        JSON.stringify(e.detail),
        e.hash,
      ]),
    },
    {
      name: t('export.audit.chain', locale),
      columns: [h('item', 28), h('value', 60)],
      rows: [
        [t('export.audit.verifiedAt', locale), shanghaiTime(x.verifiedAt)],
        [t('export.audit.valid', locale), yesNo(x.verification.valid)],
        [t('export.audit.checked', locale), x.verification.checked],
        [t('export.audit.firstBroken', locale), broken ? `#${broken.seq} ${broken.reason}` : '—'],
        [t('export.audit.exported', locale), `${x.items.length} / ${x.total}`],
      ],
    },
  ]);
}
