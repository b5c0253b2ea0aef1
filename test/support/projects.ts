// Builds projects through the API, as a department would, so tests start from a realistic state.
import type { LocalDate } from '../../core/calendar/working-days.js';
import type { TestPlatform } from './platform.js';

export const VALID_RESOURCES = [
  { direction: 'NEEDED', name: '人口基础信息', source: '市大数据中心人口库', format: 'API', updateFrequency: '实时', sharing: 'CONDITIONAL', openness: 'NOT_OPEN' },
  { direction: 'PRODUCED', name: '学生学籍信息', source: '本系统', format: '数据库表', updateFrequency: '每日', sharing: 'CONDITIONAL', openness: 'NOT_OPEN' },
  { direction: 'PRODUCED', name: '学校名录', source: '本系统', format: 'CSV', updateFrequency: '每月', sharing: 'UNCONDITIONAL', openness: 'OPEN' },
];

export const VALID_LINES = [
  { planCode: 'vm-general-4c8g', quantity: 4, purpose: '应用服务器' },
  { planCode: 'rds-postgresql-ha-4c16g', quantity: 1, purpose: '业务数据库' },
  { planCode: 'tenant-namespace-small', quantity: 1, purpose: '容器化部署' },
];

export const BASICS = {
  name: '智慧教育学籍管理系统升级',
  type: 'UPGRADE',
  budgetYear: 2026,
  totalBudget: 800000,
  description: '升级学籍管理系统，接入统一身份认证，依托数据共享交换平台共享学籍数据。',
  components: ['学籍管理模块', '招生报名模块', '数据上报接口'],
  performanceGoals: [{ indicator: '学籍办理时长', target: '≤1个工作日' }],
};

export interface Built {
  id: string;
  etag: string;
  body: Record<string, any>;
}

export async function createDraft(t: TestPlatform, user = 'dept', overrides: Record<string, unknown> = {}): Promise<Built> {
  const res = await t.http.post('/api/projects').set(await t.as(user)).send({ ...BASICS, ...overrides });
  if (res.status !== 201) throw new Error(`create project: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, etag: res.headers.etag, body: res.body };
}

/** A draft that passes validation: lines from the catalog and an information resource catalog. */
export async function buildValidDraft(t: TestPlatform, user = 'dept', overrides: Record<string, unknown> = {}): Promise<Built> {
  let p = await createDraft(t, user, overrides);
  for (const line of VALID_LINES) {
    const res = await t.http.post(`/api/projects/${p.id}/lines`).set(await t.as(user)).set('If-Match', p.etag).send(line);
    if (res.status !== 200) throw new Error(`add line: ${res.status} ${JSON.stringify(res.body)}`);
    p = { id: p.id, etag: res.headers.etag, body: res.body };
  }
  const res = await t.http.put(`/api/projects/${p.id}/information-resources`).set(await t.as(user)).set('If-Match', p.etag).send({ items: VALID_RESOURCES });
  if (res.status !== 200) throw new Error(`resources: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: p.id, etag: res.headers.etag, body: res.body };
}

export const ALL_PASS = Object.fromEntries(
  ['need', 'intensiveness', 'feasibility', 'budget', 'performance'].map((d) => [d, { opinion: 'PASS', comment: '符合要求' }]),
);

/** Takes a valid draft through submission, GIA review and Finance budget review. */
export async function buildBudgetApproved(t: TestPlatform, user = 'dept'): Promise<Built> {
  const p = await buildValidDraft(t, user);
  const steps: [string, string, object][] = [
    [user, 'submit', {}],
    ['gia', 'review', { decision: 'APPROVE', dimensions: ALL_PASS, comment: '同意' }],
    ['finance', 'budget-review', { decision: 'APPROVE', approvedAmount: 750000, comment: '核减5万元' }],
  ];
  let etag = p.etag;
  let body = p.body;
  for (const [who, action, payload] of steps) {
    const res = await t.http.post(`/api/projects/${p.id}/${action}`).set(await t.as(who)).set('If-Match', etag).send(payload);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    etag = res.headers.etag;
    body = res.body;
  }
  return { id: p.id, etag, body };
}

/** Takes a project all the way to ESTABLISHED today: a notice the two days before, then the establishment. */
export async function buildEstablished(t: TestPlatform, user = 'dept'): Promise<Built> {
  const p = await buildBudgetApproved(t, user);
  const today = t.today();
  const start = dayBefore(dayBefore(today));
  t.setToday(start);
  let res;
  try {
    res = await t.http.post(`/api/projects/${p.id}/notice`).set(await t.as('gia')).set('If-Match', p.etag).send({ startDate: start, endDate: dayBefore(today) });
  } finally {
    t.setToday(today);
  }
  if (res.status !== 200) throw new Error(`notice: ${res.status} ${JSON.stringify(res.body)}`);
  res = await t.http.post(`/api/projects/${p.id}/establish`).set(await t.as('gia')).set('If-Match', res.headers.etag).send({});
  if (res.status !== 200) throw new Error(`establish: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: p.id, etag: res.headers.etag, body: res.body };
}

function dayBefore(d: LocalDate): LocalDate {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() - 1);
  return x.toISOString().slice(0, 10) as LocalDate;
}

export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq6a2x0Yy1leGFtcGxlLWtleS1mb3ItdGVzdHMtb25seQ zhang@edu';

export const REQUEST = {
  items: [
    { planCode: 'vm-general-4c8g', quantity: 2 },
    { planCode: 'rds-postgresql-ha-4c16g', quantity: 1 },
  ],
  environment: 'production',
  networkZone: 'egov-extranet',
  contacts: [{ name: '张老师', phone: '0359-1234567' }],
  sshPublicKeys: [SSH_KEY],
};
