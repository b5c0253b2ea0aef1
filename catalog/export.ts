// The catalog as a spreadsheet (XLSX) or CSV, for the people who print it. zh-CN by default.
import ExcelJS from 'exceljs';
import { neutraliseCell } from '../core/export/table-xlsx.js';
import { nameIn, t, type Locale } from '../core/i18n.js';
import { CATEGORY_LABELS, type CatalogView, type PlanView } from './view.js';

const HEADERS: Record<Locale, string[]> = {
  'zh-CN': ['服务类别', '服务编码', '服务名称', '规格编码', '规格名称', '规格参数', '计量单位', '年单价（元）', '信创', 'CPU架构', '操作系统', '数据库', '共享服务', '状态'],
  en: ['Category', 'Offering code', 'Offering', 'Plan code', 'Plan', 'Specification', 'Unit', 'Annual unit price (CNY)', 'Xinchuang', 'CPU', 'OS', 'Database', 'Shared service', 'Status'],
};

const SPEC_LABELS: Record<string, Record<Locale, string>> = {
  vcpu: { 'zh-CN': 'vCPU', en: 'vCPU' },
  memoryGiB: { 'zh-CN': '内存(GiB)', en: 'Memory (GiB)' },
  diskGiB: { 'zh-CN': '系统盘(GiB)', en: 'Disk (GiB)' },
  storageGiB: { 'zh-CN': '存储(GiB)', en: 'Storage (GiB)' },
  image: { 'zh-CN': '镜像', en: 'Image' },
  engine: { 'zh-CN': '引擎', en: 'Engine' },
  engineVersion: { 'zh-CN': '版本', en: 'Version' },
  instances: { 'zh-CN': '实例数', en: 'Instances' },
  bandwidthMbps: { 'zh-CN': '带宽(Mbps)', en: 'Bandwidth (Mbps)' },
  pvcCount: { 'zh-CN': '存储卷数', en: 'Volumes' },
  backupRetentionDays: { 'zh-CN': '备份保留(天)', en: 'Backup retention (days)' },
  sla: { 'zh-CN': 'SLA', en: 'SLA' },
  notes: { 'zh-CN': '说明', en: 'Notes' },
};

function specText(plan: PlanView, locale: Locale): string {
  return Object.entries(plan.spec)
    .map(([k, v]) => `${SPEC_LABELS[k]?.[locale] ?? k}: ${String(v)}`)
    .join('; ');
}

export function catalogRows(view: CatalogView, locale: Locale): (string | number)[][] {
  const yes = t('export.yes', locale);
  const no = t('export.no', locale);
  const status = (s: 'ACTIVE' | 'RETIRED') => t(`export.offering.${s}`, locale);
  const rows: (string | number)[][] = [];
  for (const o of view.offerings) {
    for (const p of o.plans) {
      const text = [
        CATEGORY_LABELS[o.category][locale],
        o.code,
        nameIn(locale, o.name, o.nameEn),
        p.code,
        nameIn(locale, p.name, p.nameEn),
        specText(p, locale),
        p.unit,
      ].map(neutraliseCell);
      rows.push([
        ...text,
        p.unitPrice,
        p.xinchuang.certified ? yes : no,
        neutraliseCell(p.xinchuang.cpuArch ?? ''),
        neutraliseCell(p.xinchuang.os ?? ''),
        neutraliseCell(p.xinchuang.dbVendor ?? ''),
        o.sharedService ? yes : no,
        status(o.status === 'RETIRED' ? 'RETIRED' : p.status),
      ]);
    }
  }
  return rows;
}

function workbook(view: CatalogView, locale: Locale): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zhengyun';
  const title = t('export.catalogSheet', locale, { number: view.revision.number });
  const ws = wb.addWorksheet(title);
  ws.addRow(HEADERS[locale]);
  ws.getRow(1).font = { bold: true };
  for (const row of catalogRows(view, locale)) ws.addRow(row);
  ws.columns.forEach((c, i) => {
    c.width = [16, 20, 22, 26, 26, 48, 10, 14, 6, 10, 18, 16, 8, 8][i] ?? 12;
  });
  ws.getColumn(8).numFmt = '#,##0.00';
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return wb;
}

export async function catalogXlsx(view: CatalogView, locale: Locale): Promise<Buffer> {
  return Buffer.from(await workbook(view, locale).xlsx.writeBuffer());
}

export async function catalogCsv(view: CatalogView, locale: Locale): Promise<Buffer> {
  const csv = Buffer.from(await workbook(view, locale).csv.writeBuffer());
  // a byte-order mark so that Excel opens the UTF-8 Chinese text correctly
  return Buffer.concat([Buffer.from('\uFEFF', 'utf8'), csv]);
}
