import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { neutraliseCell } from '../core/export/table-xlsx.js';
import { catalogCsv, catalogXlsx } from './export.js';
import type { CatalogView } from './view.js';

const view: CatalogView = {
  revision: { number: 3, status: 'PUBLISHED', title: 't', notes: null, basedOnNumber: 2, submittedAt: null, approvedAt: null, publishedAt: null, version: 1 },
  offerings: [
    {
      code: 'vm-general',
      category: 'IaaS',
      name: '=HYPERLINK("http://evil","点我")',
      nameEn: 'VM',
      description: 'd',
      provisioner: 'vm',
      sharedService: false,
      keywords: [],
      status: 'ACTIVE',
      plans: [
        { code: 'vm-2c4g', name: '2核4G', nameEn: '2C4G', unit: '台·年', unitPrice: 1800, spec: { vcpu: 2, memoryGiB: 4 }, xinchuang: { certified: true, cpuArch: 'kunpeng', os: '银河麒麟 V10' }, maxQuantity: null, status: 'ACTIVE' },
      ],
    },
  ],
};

describe('catalog export', () => {
  it('neutralises cells that spreadsheet programs would run as formulas', () => {
    expect(neutraliseCell('=cmd|\' /C calc\'!A0')).toBe("'=cmd|' /C calc'!A0");
    expect(neutraliseCell('+1')).toBe("'+1");
    expect(neutraliseCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseCell('通用型云主机')).toBe('通用型云主机');
  });

  it('writes an XLSX with Chinese headers and one row per plan', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await catalogXlsx(view, 'zh-CN')) as never);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('服务目录第3版');
    expect(ws.getRow(1).getCell(1).value).toBe('服务类别');
    const row = ws.getRow(2);
    expect(row.getCell(5).value).toBe('2核4G');
    expect(row.getCell(8).value).toBe(1800);
    expect(row.getCell(9).value).toBe('是');
    expect(String(row.getCell(3).value).startsWith("'=")).toBe(true);
    expect(row.getCell(3).formula).toBeUndefined();
  });

  it('writes a UTF-8 CSV with a byte-order mark, in English on request', async () => {
    const csv = await catalogCsv(view, 'en');
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = csv.toString('utf8');
    expect(text).toContain('Category,Offering code');
    expect(text).toContain('Infrastructure (IaaS)');
  });
});
