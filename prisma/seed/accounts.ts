// Demo organisations and accounts (demo mode only), and the first administrators outside demo mode.
import { hashPassword } from '../../accounts/passwords.js';
import { ADMIN_ROLES } from '../../accounts/vocabulary.js';
import { recordAudit, SYSTEM_CONTEXT } from '../../core/audit/audit.js';
import type { Tx } from '../../core/db/database.js';
import type { OrgKind, Role } from '../../core/db/generated/enums.js';
import '../../accounts/audit-names.js';

/** `jurisdiction`: a county's bureaus and departments name their county (Art. 39); others belong to the city. */
/** `shortName`: the official short name (规范简称), which imported spreadsheets may use (accounts/org-names.ts). */
export const DEMO_ORGANISATIONS: { code: string; name: string; shortName?: string; nameEn: string; kind: OrgKind; jurisdiction?: string }[] = [
  { code: 'GIA', name: '运城市审批服务管理局（市政务信息管理局）', shortName: '市审批服务管理局', nameEn: 'Government Information Administration', kind: 'GIA' },
  { code: 'FIN', name: '运城市财政局', shortName: '市财政局', nameEn: 'Finance Bureau', kind: 'FINANCE' },
  { code: 'BDC', name: '山西省大数据中心运城分中心', shortName: '运城分中心', nameEn: 'Big-Data Sub-Center', kind: 'BDC' },
  { code: 'EDU', name: '运城市教育局', shortName: '市教育局', nameEn: 'Education Bureau', kind: 'DEPARTMENT' },
  { code: 'HEALTH', name: '运城市卫生健康委员会', shortName: '市卫健委', nameEn: 'Health Commission', kind: 'DEPARTMENT' },
  { code: 'HRSS', name: '运城市人力资源和社会保障局', shortName: '市人社局', nameEn: 'Human Resources and Social Security Bureau', kind: 'DEPARTMENT' },
  { code: 'NRP', name: '运城市自然资源和规划局', shortName: '市自然资源局', nameEn: 'Natural Resources and Planning Bureau', kind: 'DEPARTMENT' },
  { code: 'SAMR', name: '运城市市场监督管理局', shortName: '市市场监管局', nameEn: 'Market Regulation Administration', kind: 'DEPARTMENT' },
  { code: 'YANHU', name: '盐湖区', nameEn: 'Yanhu District', kind: 'COUNTY' },
  { code: 'YONGJI', name: '永济市', nameEn: 'Yongji City', kind: 'COUNTY' },
  { code: 'HEJIN', name: '河津市', nameEn: 'Hejin City', kind: 'COUNTY' },
  { code: 'LINYI', name: '临猗县', nameEn: 'Linyi County', kind: 'COUNTY' },
  { code: 'WANRONG', name: '万荣县', nameEn: 'Wanrong County', kind: 'COUNTY' },
  { code: 'WENXI', name: '闻喜县', nameEn: 'Wenxi County', kind: 'COUNTY' },
  { code: 'JISHAN', name: '稷山县', nameEn: 'Jishan County', kind: 'COUNTY' },
  { code: 'XINJIANG', name: '新绛县', nameEn: 'Xinjiang County', kind: 'COUNTY' },
  { code: 'JIANGXIAN', name: '绛县', nameEn: 'Jiang County', kind: 'COUNTY' },
  { code: 'YUANQU', name: '垣曲县', nameEn: 'Yuanqu County', kind: 'COUNTY' },
  { code: 'XIAXIAN', name: '夏县', nameEn: 'Xia County', kind: 'COUNTY' },
  { code: 'PINGLU', name: '平陆县', nameEn: 'Pinglu County', kind: 'COUNTY' },
  { code: 'RUICHENG', name: '芮城县', nameEn: 'Ruicheng County', kind: 'COUNTY' },
  { code: 'YANHU_GIA', name: '盐湖区审批服务管理局', shortName: '盐湖区审批局', nameEn: 'Yanhu District Approval Service Administration', kind: 'GIA', jurisdiction: 'YANHU' },
  { code: 'YANHU_FIN', name: '盐湖区财政局', nameEn: 'Yanhu District Finance Bureau', kind: 'FINANCE', jurisdiction: 'YANHU' },
];

export const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role; org: string }[] = [
  { username: 'admin', displayName: '系统管理员', role: 'SYSADMIN', org: 'BDC' },
  { username: 'secadmin', displayName: '安全管理员', role: 'SECADMIN', org: 'BDC' },
  { username: 'auditor', displayName: '审计管理员', role: 'AUDITOR', org: 'GIA' },
  { username: 'gia', displayName: '王审批（政务信息管理局）', role: 'GIA_REVIEWER', org: 'GIA' },
  { username: 'finance', displayName: '李财政（财政局）', role: 'FINANCE_REVIEWER', org: 'FIN' },
  { username: 'bdc', displayName: '赵运维（大数据分中心）', role: 'BDC_OPERATOR', org: 'BDC' },
  { username: 'dept', displayName: '张老师（市教育局）', role: 'DEPT_USER', org: 'EDU' },
  { username: 'dept2', displayName: '陈医生（市卫健委）', role: 'DEPT_USER', org: 'HEALTH' },
  { username: 'county', displayName: '刘主任（盐湖区）', role: 'COUNTY_USER', org: 'YANHU' },
  { username: 'county-gia', displayName: '孙审批（盐湖区审批服务管理局）', role: 'GIA_REVIEWER', org: 'YANHU_GIA' },
  { username: 'county-finance', displayName: '周财政（盐湖区财政局）', role: 'FINANCE_REVIEWER', org: 'YANHU_FIN' },
];

async function ensureOrgs(tx: Tx, codes?: string[]) {
  const wanted = DEMO_ORGANISATIONS.filter((o) => !codes || codes.includes(o.code));
  const data = wanted.map((o) => ({ ...o, jurisdiction: o.jurisdiction ?? (o.kind === 'COUNTY' ? o.code : 'CITY') }));
  await tx.organisation.createMany({ data, skipDuplicates: true });
  const rows = await tx.organisation.findMany({ where: { code: { in: wanted.map((o) => o.code) } }, select: { id: true, code: true } });
  return new Map(rows.map((r) => [r.code, r.id]));
}

async function createAccounts(tx: Tx, accounts: typeof DEMO_ACCOUNTS, password: string, action: string) {
  const orgIds = await ensureOrgs(tx, accounts === DEMO_ACCOUNTS ? undefined : accounts.map((a) => a.org));
  const passwordHash = await hashPassword(password);
  await tx.user.createMany({
    data: accounts.map((a) => ({ username: a.username, displayName: a.displayName, role: a.role, orgId: orgIds.get(a.org)!, passwordHash })),
  });
  await recordAudit(tx, SYSTEM_CONTEXT, { action, detail: { accounts: accounts.map((a) => a.username) } });
}

/** Demo mode: every demo organisation and one account per role, on first start only. */
export async function seedDemoAccounts(tx: Tx, password: string): Promise<boolean> {
  if ((await tx.user.count()) > 0) return false;
  await createAccounts(tx, DEMO_ACCOUNTS, password, 'accounts.seed.demo');
  return true;
}

/** Outside demo mode: the three separated administrators, when no account exists and a password is configured. */
export async function bootstrapAdministrators(tx: Tx, password: string): Promise<boolean> {
  if ((await tx.user.count()) > 0) return false;
  const admins = DEMO_ACCOUNTS.filter((a) => (ADMIN_ROLES as readonly string[]).includes(a.role));
  await createAccounts(tx, admins, password, 'accounts.seed.bootstrap');
  return true;
}
