import fs from 'node:fs';
import { seedCatalogView } from '../catalog/seed-view.js';
import { describe, expect, it } from 'vitest';
import type { CatalogView, OfferingView, PlanView, RevisionSummary } from '../catalog/view.js';
import type { SeedCatalog } from '../catalog/seed-schema.js';
import type { Violation } from '../core/errors.js';
import type { InformationResourceInput, OrgKindCode, ProjectForValidation, ResourceLineInput } from './validation-input.js';
import { RULES, catalogCost, formatYuan, validateProject } from './validation.js';

// ---------------------------------------------------------------------------------------------------------------
// A small catalog

const revision: RevisionSummary = {
  number: 3,
  status: 'PUBLISHED',
  title: '测试目录',
  notes: null,
  basedOnNumber: 2,
  submittedAt: null,
  approvedAt: null,
  publishedAt: null,
  version: 1,
};

function plan(code: string, unitPrice: number, maxQuantity: number | null, extra: Partial<PlanView> = {}): PlanView {
  return {
    code,
    name: `规格${code}`,
    nameEn: `Plan ${code}`,
    unit: '台·年',
    unitPrice,
    spec: {},
    xinchuang: { certified: false },
    maxQuantity,
    status: 'ACTIVE',
    ...extra,
  };
}

function offering(code: string, plans: PlanView[], extra: Partial<OfferingView> = {}): OfferingView {
  return {
    code,
    category: 'IaaS',
    name: `服务${code}`,
    nameEn: `Offering ${code}`,
    description: '',
    provisioner: 'none',
    sharedService: false,
    keywords: [],
    status: 'ACTIVE',
    plans,
    ...extra,
  };
}

function shared(code: string, name: string, keywords: string[], plans: PlanView[], extra: Partial<OfferingView> = {}): OfferingView {
  return offering(code, plans, { category: 'SaaS', name, nameEn: `${name} (en)`, sharedService: true, keywords, ...extra });
}

const catalog: CatalogView = {
  revision,
  offerings: [
    offering('vm', [
      plan('vm-2c4g', 1800, 10),
      plan('vm-4c8g', 3600, 10),
      plan('vm-1c2g', 900, 10, { status: 'RETIRED', name: '云主机 1核2GB' }),
    ]),
    offering('storage', [plan('ssd', 6, 50_000, { unit: 'GB·年' }), plan('obj', 1.2, null, { unit: 'GB·年' })]),
    offering('legacy', [plan('legacy-vm', 1000, null)], { status: 'RETIRED', name: '旧版云主机' }),
    shared('saas-identity', '统一身份认证服务', ['统一身份认证', '单点登录', 'SSO', 'identity authentication'], [plan('saas-identity-access', 0, 10)]),
    shared('saas-messaging', '统一消息服务', ['短信平台', '短信', 'SMS'], [plan('saas-messaging-sms', 450, 500)]),
    shared('saas-elicense', '电子证照服务', ['电子证照', '证照库', 'e-licence'], [plan('saas-elicense-query', 0, 10)]),
    shared('saas-exchange', '数据共享交换服务', ['数据共享交换', '数据共享', '数据交换'], [plan('saas-exchange-api', 0, 10)]),
    // no longer offered: a retired shared offering, and one whose plans are all retired
    shared('saas-eseal', '电子印章服务', ['电子印章'], [plan('saas-eseal-seal', 800, 50)], { status: 'RETIRED' }),
    shared('saas-archive', '电子档案服务', ['电子档案'], [plan('saas-archive-access', 3000, 10, { status: 'RETIRED' })]),
  ],
};

function resource(direction: InformationResourceInput['direction'], extra: Partial<InformationResourceInput> = {}): InformationResourceInput {
  return {
    direction,
    name: direction === 'NEEDED' ? '企业登记信息' : '行政处罚决定信息',
    source: direction === 'NEEDED' ? '市市场监管局' : '本系统',
    format: '结构化数据（接口）',
    updateFrequency: '实时',
    sharing: 'CONDITIONAL',
    openness: 'NOT_OPEN',
    ...extra,
  };
}

function line(lineNo: number, planCode: string, quantity: number): ResourceLineInput {
  return { lineNo, planCode, quantity, purpose: '业务需要' };
}

function validProject(): ProjectForValidation {
  return {
    name: '市场监管综合执法系统',
    type: 'NEW',
    orgKind: 'DEPARTMENT',
    description:
      '建设市场监管综合执法系统，依托统一身份认证实现单点登录，通过数据共享交换平台获取企业登记信息，系统部署在市级政务云平台。',
    components: ['执法办案子系统', '移动执法APP', '对接电子证照库'],
    totalBudget: 100_000,
    emergency: false,
    emergencyConsentRef: null,
    privateNetwork: false,
    privateNetworkApprovalRef: null,
    informationResources: [resource('NEEDED'), resource('PRODUCED')],
    // 4 × 3600 + 2000 × 6 + 0 = 26,400
    lines: [line(1, 'vm-4c8g', 4), line(2, 'ssd', 2000), line(3, 'saas-identity-access', 1)],
  };
}

/** What the tables compare: code, line, field, article. */
function brief(v: Violation): Partial<Violation> {
  const out: Partial<Violation> = { code: v.code };
  if (v.line !== undefined) out.line = v.line;
  if (v.field !== undefined) out.field = v.field;
  if (v.article !== undefined) out.article = v.article;
  return out;
}

function check(p: ProjectForValidation, locale: 'zh-CN' | 'en' = 'zh-CN') {
  return validateProject(p, catalog, locale);
}

/** The shared offering a DUPLICATE_OF_SHARED_SERVICE violation names (its plan code is in the message). */
function duplicatedOfferings(violations: Violation[], view: CatalogView = catalog): string[] {
  return violations
    .filter((v) => v.code === 'DUPLICATE_OF_SHARED_SERVICE')
    .map((v) => view.offerings.find((o) => o.sharedService && o.plans.some((p) => v.message.includes(p.code)))?.code ?? '?')
    .sort();
}

const A7 = '第七条';
const A8 = '第八条';
const A27 = '第二十七条';
const A28 = '第二十八条';
const A30 = '第三十条';

// ---------------------------------------------------------------------------------------------------------------

describe('validateProject: a valid project', () => {
  it('returns [] for a fully valid project', () => {
    expect(check(validProject())).toEqual([]);
    expect(check(validProject(), 'en')).toEqual([]);
  });

  it('does not change its input (frozen project and catalog)', () => {
    const p = deepFreeze(validProject());
    const broken = deepFreeze({ ...validProject(), lines: [line(1, 'nope', 0)], informationResources: [] });
    const view = deepFreeze(structuredClone(catalog));
    expect(validateProject(p, view)).toEqual([]);
    expect(validateProject(broken, view).length).toBeGreaterThan(0);
    expect(validateProject(broken, view)).toEqual(validateProject(broken, view));
  });
});

type Case = [name: string, patch: (p: ProjectForValidation) => void, expected: Partial<Violation>[]];

const ruleCases: Record<string, Case[]> = {
  NO_RESOURCE_LINES: [
    ['new project without lines', (p) => void (p.lines = []), [{ code: 'NO_RESOURCE_LINES', field: 'lines', article: A28 }]],
    ['O&M project without lines', (p) => {
      p.type = 'OM';
      p.lines = [];
    }, [{ code: 'NO_RESOURCE_LINES', field: 'lines', article: A28 }]],
    ['O&M project with its cloud resources', (p) => void (p.type = 'OM'), []],
  ],
  NOT_IN_CATALOG: [
    ['unknown plan', (p) => void (p.lines[1] = line(2, 'vm-64c', 1)), [{ code: 'NOT_IN_CATALOG', line: 2, field: 'lines.1.planCode', article: A28 }]],
    ['retired plan', (p) => void (p.lines[0] = line(1, 'vm-1c2g', 1)), [{ code: 'NOT_IN_CATALOG', line: 1, field: 'lines.0.planCode', article: A28 }]],
    ['active plan of a retired offering', (p) => void (p.lines[0] = line(1, 'legacy-vm', 1)), [{ code: 'NOT_IN_CATALOG', line: 1, field: 'lines.0.planCode', article: A28 }]],
    ['empty plan code', (p) => void (p.lines[0] = line(1, '  ', 1)), [{ code: 'NOT_IN_CATALOG', line: 1, field: 'lines.0.planCode', article: A28 }]],
    ['plan code in the wrong case', (p) => void (p.lines[0] = line(1, 'VM-4C8G', 1)), [{ code: 'NOT_IN_CATALOG', line: 1, field: 'lines.0.planCode', article: A28 }]],
    ['a plan of a shared service', (p) => void p.lines.push(line(4, 'saas-messaging-sms', 10)), []],
  ],
  QUANTITY_LIMIT: [
    ['zero', (p) => void (p.lines[0]!.quantity = 0), [{ code: 'QUANTITY_LIMIT', line: 1, field: 'lines.0.quantity', article: A28 }]],
    ['negative', (p) => void (p.lines[0]!.quantity = -1), [{ code: 'QUANTITY_LIMIT', line: 1, field: 'lines.0.quantity', article: A28 }]],
    ['fraction', (p) => void (p.lines[0]!.quantity = 2.5), [{ code: 'QUANTITY_LIMIT', line: 1, field: 'lines.0.quantity', article: A28 }]],
    ['NaN', (p) => void (p.lines[0]!.quantity = Number.NaN), [{ code: 'QUANTITY_LIMIT', line: 1, field: 'lines.0.quantity', article: A28 }]],
    ['above the maximum', (p) => void (p.lines[0]!.quantity = 11), [{ code: 'QUANTITY_LIMIT', line: 1, field: 'lines.0.quantity', article: A28 }]],
    ['exactly the maximum', (p) => void (p.lines[0]!.quantity = 10), []],
    ['no maximum in the catalog', (p) => {
      p.lines.push(line(4, 'obj', 100_000));
      p.totalBudget = 1_000_000;
    }, []],
    ['one plan over two lines, together above the maximum', (p) => void p.lines.push(line(4, 'vm-4c8g', 7)), [
      { code: 'DUPLICATE_LINE', line: 4, field: 'lines.3.planCode' },
      { code: 'QUANTITY_LIMIT', line: 4, field: 'lines.3.quantity', article: A28 },
    ]],
  ],
  DUPLICATE_LINE: [
    ['same plan on lines 1 and 4', (p) => void p.lines.push(line(4, 'vm-4c8g', 2)), [{ code: 'DUPLICATE_LINE', line: 4, field: 'lines.3.planCode' }]],
    ['same plan three times', (p) => void p.lines.push(line(4, 'ssd', 1), line(5, 'ssd', 1)), [
      { code: 'DUPLICATE_LINE', line: 4, field: 'lines.3.planCode' },
      { code: 'DUPLICATE_LINE', line: 5, field: 'lines.4.planCode' },
    ]],
    ['different plans of one offering', (p) => void p.lines.push(line(4, 'vm-2c4g', 2)), []],
  ],
  OVER_BUDGET: [
    ['one yuan short', (p) => void (p.totalBudget = 26_399), [{ code: 'OVER_BUDGET', field: 'totalBudget', article: A8 }]],
    ['exactly the cost', (p) => void (p.totalBudget = 26_400), []],
  ],
  INVALID_BUDGET: [
    ['zero', (p) => void (p.totalBudget = 0), [{ code: 'INVALID_BUDGET', field: 'totalBudget', article: '第六条' }]],
    ['negative', (p) => void (p.totalBudget = -5), [{ code: 'INVALID_BUDGET', field: 'totalBudget', article: '第六条' }]],
    ['NaN', (p) => void (p.totalBudget = Number.NaN), [{ code: 'INVALID_BUDGET', field: 'totalBudget', article: '第六条' }]],
  ],
  MISSING_RESOURCE_CATALOG: [
    ['no resources at all', (p) => void (p.informationResources = []), [
      { code: 'MISSING_RESOURCE_CATALOG', field: 'informationResources', article: A27 },
      { code: 'NO_DATA_SHARING', field: 'informationResources', article: A8 },
    ]],
    ['only needed resources', (p) => void (p.informationResources = [resource('NEEDED')]), [
      { code: 'MISSING_RESOURCE_CATALOG', field: 'informationResources', article: A27 },
    ]],
    ['only produced (shareable) resources', (p) => void (p.informationResources = [resource('PRODUCED', { sharing: 'UNCONDITIONAL' })]), [
      { code: 'MISSING_RESOURCE_CATALOG', field: 'informationResources', article: A27 },
    ]],
    ['a resource without source', (p) => void (p.informationResources[1]!.source = ' '), [
      { code: 'MISSING_RESOURCE_CATALOG', field: 'informationResources.1.source', article: A27 },
    ]],
    ['a resource without name and format', (p) => {
      p.informationResources[0]!.name = '';
      p.informationResources[0]!.format = '';
    }, [
      { code: 'MISSING_RESOURCE_CATALOG', field: 'informationResources.0.format', article: A27 },
      { code: 'MISSING_RESOURCE_CATALOG', field: 'informationResources.0.name', article: A27 },
    ]],
    ['an invalid sharing attribute', (p) => void ((p.informationResources[1] as { sharing: string }).sharing = 'MAYBE'), [
      { code: 'MISSING_RESOURCE_CATALOG', field: 'informationResources.1.sharing', article: A27 },
    ]],
  ],
  NO_DATA_SHARING: [
    ['produces only non-shareable data and consumes none', (p) => void (p.informationResources = [resource('PRODUCED', { sharing: 'NOT_SHAREABLE' })]), [
      { code: 'MISSING_RESOURCE_CATALOG', field: 'informationResources', article: A27 },
      { code: 'NO_DATA_SHARING', field: 'informationResources', article: A8 },
    ]],
    ['produces non-shareable data but consumes shared data', (p) => void (p.informationResources[1]!.sharing = 'NOT_SHAREABLE'), []],
    ['one of several produced resources is shareable', (p) => void p.informationResources.push(resource('PRODUCED', { name: '内部台账', sharing: 'NOT_SHAREABLE' })), []],
  ],
  PRIVATE_NETWORK_NEEDS_APPROVAL: [
    ['private network without approval', (p) => void (p.privateNetwork = true), [{ code: 'PRIVATE_NETWORK_NEEDS_APPROVAL', field: 'privateNetworkApprovalRef', article: A8 }]],
    ['private network with a blank reference', (p) => {
      p.privateNetwork = true;
      p.privateNetworkApprovalRef = '  ';
    }, [{ code: 'PRIVATE_NETWORK_NEEDS_APPROVAL', field: 'privateNetworkApprovalRef', article: A8 }]],
    ['private network with approval', (p) => {
      p.privateNetwork = true;
      p.privateNetworkApprovalRef = '运审管函〔2026〕12号';
    }, []],
  ],
  EMERGENCY_NEEDS_GOVERNMENT_CONSENT: [
    ['emergency without consent', (p) => void (p.emergency = true), [{ code: 'EMERGENCY_NEEDS_GOVERNMENT_CONSENT', field: 'emergencyConsentRef', article: A7 }]],
    ['emergency with a blank consent', (p) => {
      p.emergency = true;
      p.emergencyConsentRef = '';
    }, [{ code: 'EMERGENCY_NEEDS_GOVERNMENT_CONSENT', field: 'emergencyConsentRef', article: A7 }]],
    ['emergency with consent', (p) => {
      p.emergency = true;
      p.emergencyConsentRef = '运政函〔2026〕88号';
    }, []],
  ],
  DUPLICATE_OF_SHARED_SERVICE: [
    ['a component builds identity authentication', (p) => void (p.components = ['统一身份认证模块']), [{ code: 'DUPLICATE_OF_SHARED_SERVICE', field: 'components.0', article: A28 }]],
    ['the third component builds SMS', (p) => void (p.components = ['执法办案', '案件统计', '短信提醒功能']), [{ code: 'DUPLICATE_OF_SHARED_SERVICE', field: 'components.2', article: A28 }]],
    ['the description builds SSO', (p) => void (p.description = '本项目新建统一身份认证系统。'), [{ code: 'DUPLICATE_OF_SHARED_SERVICE', field: 'description', article: A28 }]],
    ['a component integrates with the shared service', (p) => void (p.components = ['对接统一身份认证平台']), []],
  ],
  OWN_CLOUD_FORBIDDEN: [
    ['a county builds a county cloud', (p) => {
      p.orgKind = 'COUNTY';
      p.description = '新建县级政务云平台，承载全县政务系统。';
    }, [{ code: 'OWN_CLOUD_FORBIDDEN', field: 'description', article: A30 }]],
    ['a department builds a server room', (p) => void (p.components = ['执法办案', '自建机房']), [{ code: 'OWN_CLOUD_FORBIDDEN', field: 'components.1', article: A28 }]],
    ['a county deploys on the city cloud', (p) => void (p.orgKind = 'COUNTY'), []],
  ],
};

describe.each(Object.entries(ruleCases))('rule %s', (_rule, cases) => {
  it.each(cases)('%s', (_name, patch, expected) => {
    const p = validProject();
    patch(p);
    expect(check(p).map(brief)).toEqual(expected);
  });
});

describe('messages say what is wrong and what to do', () => {
  const messageOf = (patch: (p: ProjectForValidation) => void, code: string, locale: 'zh-CN' | 'en' = 'zh-CN') => {
    const p = validProject();
    patch(p);
    const v = check(p, locale).find((x) => x.code === code);
    expect(v, code).toBeDefined();
    return v!.message;
  };

  it('NOT_IN_CATALOG names the plan and says when it was retired', () => {
    expect(messageOf((p) => void (p.lines[1] = line(2, 'vm-64c', 1)), 'NOT_IN_CATALOG')).toContain('“vm-64c”不在服务目录第3版中');
    const retired = messageOf((p) => void (p.lines[0] = line(1, 'vm-1c2g', 1)), 'NOT_IN_CATALOG');
    expect(retired).toContain('vm-1c2g');
    expect(retired).toContain('下架');
    expect(retired).toContain('vm-2c4g'); // an active alternative
    const offeringRetired = messageOf((p) => void (p.lines[0] = line(1, 'legacy-vm', 1)), 'NOT_IN_CATALOG');
    expect(offeringRetired).toContain('旧版云主机');
    expect(offeringRetired).toContain('下架');
    expect(messageOf((p) => void (p.lines[0] = line(1, 'VM-4C8G', 1)), 'NOT_IN_CATALOG')).toContain('是否应为“vm-4c8g”');
    expect(messageOf((p) => void (p.lines[0] = line(1, 'vm-1c2g', 1)), 'NOT_IN_CATALOG', 'en')).toMatch(/vm-1c2g.*retired/);
  });

  it('QUANTITY_LIMIT says the maximum', () => {
    const m = messageOf((p) => void (p.lines[0]!.quantity = 11), 'QUANTITY_LIMIT');
    expect(m).toContain('上限 10');
    expect(m).toContain('台·年');
    expect(messageOf((p) => void (p.lines[0]!.quantity = 2.5), 'QUANTITY_LIMIT')).toContain('正整数（当前为 2.5）');
    expect(messageOf((p) => void p.lines.push(line(4, 'vm-4c8g', 7)), 'QUANTITY_LIMIT')).toContain('合计申请 11');
  });

  it('DUPLICATE_LINE suggests merging, with the total', () => {
    const m = messageOf((p) => void p.lines.push(line(4, 'vm-4c8g', 2)), 'DUPLICATE_LINE');
    expect(m).toContain('第4行与第1行');
    expect(m).toContain('合并');
    expect(m).toContain('合计数量 6');
  });

  it('OVER_BUDGET shows both amounts in 元 with thousands separators', () => {
    const m = messageOf((p) => {
      p.lines.push(line(4, 'obj', 1_000_000)); // 1,200,000 + 26,400
      p.totalBudget = 1_000_000;
    }, 'OVER_BUDGET');
    expect(m).toContain('1,226,400 元');
    expect(m).toContain('1,000,000 元');
    expect(m).toContain('226,400 元');
  });

  it('MISSING_RESOURCE_CATALOG says which part is missing', () => {
    expect(messageOf((p) => void (p.informationResources = []), 'MISSING_RESOURCE_CATALOG')).toContain('需求目录');
    const noProduced = messageOf((p) => void (p.informationResources = [resource('NEEDED')]), 'MISSING_RESOURCE_CATALOG');
    expect(noProduced).toContain('缺少信息资源产生目录');
    const noNeeded = messageOf((p) => void (p.informationResources = [resource('PRODUCED')]), 'MISSING_RESOURCE_CATALOG');
    expect(noNeeded).toContain('缺少信息资源需求目录');
    expect(messageOf((p) => void (p.informationResources[1]!.source = ''), 'MISSING_RESOURCE_CATALOG')).toContain('行政处罚决定信息');
    expect(messageOf((p) => void (p.informationResources[1]!.updateFrequency = ''), 'MISSING_RESOURCE_CATALOG')).toContain('更新频率');
  });

  it('DUPLICATE_OF_SHARED_SERVICE names the shared offering to reuse instead', () => {
    const m = messageOf((p) => void (p.components = ['执法办案', '短信提醒功能']), 'DUPLICATE_OF_SHARED_SERVICE');
    expect(m).toContain('第2项');
    expect(m).toContain('统一消息服务');
    expect(m).toContain('saas-messaging-sms');
    expect(m).toContain('接入');
    const en = messageOf((p) => void (p.components = ['Build an SSO server']), 'DUPLICATE_OF_SHARED_SERVICE', 'en');
    expect(en).toContain('统一身份认证服务 (en)');
    expect(en).toContain('connect to the shared service');
  });

  it('OWN_CLOUD_FORBIDDEN for a county cites Art. 30, for a department Art. 28', () => {
    const county = messageOf((p) => {
      p.orgKind = 'COUNTY';
      p.components = ['自建机房'];
    }, 'OWN_CLOUD_FORBIDDEN');
    expect(county).toContain('县（市、区）不得新建或扩建政务云平台');
    const department = messageOf((p) => void (p.components = ['自建机房']), 'OWN_CLOUD_FORBIDDEN');
    expect(department).toContain('市直部门');
    expect(department).toContain('机房');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The text heuristics

const descriptionCases: [text: string, expected: string[]][] = [
  // building: flagged
  ['本项目新建统一身份认证系统。', ['saas-identity']],
  ['自建短信平台，用于向企业发送提醒。', ['saas-messaging']],
  ['开发SSO单点登录模块', ['saas-identity']],
  ['建设统一身份认证、电子证照、短信平台等公共组件。', ['saas-elicense', 'saas-identity', 'saas-messaging']],
  ['开展统一身份认证平台建设', ['saas-identity']],
  ['采购第三方短信平台服务', ['saas-messaging']],
  ['运城开发区建设数据交换平台', ['saas-exchange']],
  ['搭建ＳＳＯ服务', ['saas-identity']],
  ['新建Sso登录', ['saas-identity']],
  ['We will build our own SSO service.', ['saas-identity']],
  ['Develop an e-licence database for the bureau.', ['saas-elicense']],
  ['建设审批系统；新建证照库。', ['saas-elicense']],
  ['项目建设内容包括：统一身份认证模块、短信提醒模块。', ['saas-identity', 'saas-messaging']],
  // ordinary text and reuse: not flagged
  ['依托统一身份认证实现单点登录', []],
  ['接入市级短信平台发送办理结果通知', []],
  ['通过数据共享交换平台获取企业登记信息', []],
  ['建立数据共享机制，明确数据共享责任', []],
  ['实现跨部门数据共享', []],
  ['不再自建统一身份认证，统一使用全市统一身份认证服务', []],
  ['避免重复建设短信平台', []],
  ['新建审批系统与电子证照库对接', []],
  ['建设审批系统，并对接电子证照库', []],
  ['开发审批系统，实现电子证照核验', []],
  ['开发审批系统实现电子证照核验', []],
  ['群众可通过短信接收办理结果', []],
  ['系统支持短信提醒和电子证照调阅', []],
  ['开发统一身份认证接口', []],
  ['运城开发区统一身份认证用户数量统计', []],
  ['按照不得重复建设的要求，使用电子证照服务', []],
  ['The system integrates with the unified SSO service.', []],
  ['Instead of building an SSO, we use the city service.', []],
  ['Develop a classomatic scheduling module.', []],
  ['Develop an Identity-Authentication service.', ['saas-identity']],
  ['Set up two SMSes gateways.', ['saas-messaging']],
  ['新建电子印章系统', []], // the shared e-seal offering is retired
  ['新建电子档案系统', []], // no active plan
  ['接入全市统一身份认证平台，实现单点登录', []],
  ['对接市电子证照库，并实现证照在线核验和调阅。', []],
  ['使用市政务服务平台的统一身份认证，实现单点登录。', []],
  ['对接市电子证照库，并新建统一身份认证系统。', ['saas-identity']],
];

describe('DUPLICATE_OF_SHARED_SERVICE in the description', () => {
  it.each(descriptionCases)('%s', (text, expected) => {
    const p = validProject();
    p.description = text;
    const violations = check(p);
    expect(duplicatedOfferings(violations)).toEqual(expected);
    expect(violations.every((v) => v.code === 'DUPLICATE_OF_SHARED_SERVICE' && v.field === 'description')).toBe(true);
  });
});

const componentCases: [components: string[], expected: [field: string, offering: string][]][] = [
  [['统一身份认证模块'], [['components.0', 'saas-identity']]],
  [['执法办案', '短信提醒功能'], [['components.1', 'saas-messaging']]],
  [['短信平台建设'], [['components.0', 'saas-messaging']]],
  [['SMS gateway'], [['components.0', 'saas-messaging']]],
  [['电子证照库及短信通知'], [['components.0', 'saas-elicense'], ['components.0', 'saas-messaging']]],
  [['单点登录', '执法办案', '统一身份认证'], [['components.0', 'saas-identity'], ['components.2', 'saas-identity']]],
  [['对接统一身份认证平台'], []],
  [['电子证照对接改造'], []],
  [['统一身份认证接口开发'], []],
  [['Integration with the SSO service'], []],
  [['执法数据分析'], []],
  [['新建电子印章系统'], []],
  // connecting to or using a shared service, also when the sentence goes on after a comma (issue 16)
  [['接入全市统一身份认证平台，实现单点登录'], []],
  [['对接市电子证照库，并实现证照核验'], []],
  [['使用市政务服务平台的统一身份认证，实现单点登录'], []],
  [['对接市电子证照库，新建统一身份认证系统'], [['components.0', 'saas-identity']]],
  [['开发审批系统，单点登录模块'], [['components.0', 'saas-identity']]],
];

describe('DUPLICATE_OF_SHARED_SERVICE in the components', () => {
  it.each(componentCases)('%j', (components, expected) => {
    const p = validProject();
    p.components = components;
    const violations = check(p);
    expect(violations.every((v) => v.code === 'DUPLICATE_OF_SHARED_SERVICE')).toBe(true);
    const got = violations.map((v): [string, string] => [v.field ?? '', duplicatedOfferings([v])[0] ?? '?']);
    expect(got).toEqual(expected);
  });
});

const ownCloudCases: [who: OrgKindCode, where: 'description' | 'components', text: string, expected: string | null][] = [
  // flagged, with the article
  ['COUNTY', 'description', '新建县级政务云平台，承载全县政务系统。', A30],
  ['COUNTY', 'description', '扩建县政务云', A30],
  ['COUNTY', 'components', '自建云平台', A30],
  ['COUNTY', 'description', 'Build a private cloud for the county.', A30],
  ['DEPARTMENT', 'components', '自建机房', A28],
  ['DEPARTMENT', 'components', '超融合一体机采购', A28],
  ['DEPARTMENT', 'components', '服务器机房改造', A28],
  ['DEPARTMENT', 'description', '扩容本局私有云，新增存储。', A28],
  ['DEPARTMENT', 'description', '建设数据中心', A28],
  ['GIA', 'components', '私有云', A28],
  ['DEPARTMENT', 'description', '采购服务器10台、磁盘阵列1套。', A28],
  ['DEPARTMENT', 'components', '服务器采购', A28],
  ['COUNTY', 'description', 'Purchase 4 servers and a storage array.', A30],
  ['COUNTY', 'description', 'Build two Data Centres.', A30],
  // not flagged
  ['COUNTY', 'description', '系统部署在市级政务云平台', null],
  ['COUNTY', 'description', '已建系统迁移至政务云', null],
  ['COUNTY', 'description', '依托山西省大数据中心运城分中心提供的云资源', null],
  ['DEPARTMENT', 'description', '由大数据中心运城分中心负责运维', null],
  ['DEPARTMENT', 'description', '按照政务云平台服务目录申请资源', null],
  ['COUNTY', 'description', '县（市、区）不得新建或扩建政务云平台，已建系统迁移上云', null],
  ['DEPARTMENT', 'components', '智慧教育云平台', null],
  ['DEPARTMENT', 'components', '应用系统迁移上云', null],
  ['COUNTY', 'components', '系统上政务云', null],
  ['COUNTY', 'description', 'All systems migrate to the city cloud platform.', null],
  ['BDC', 'description', '扩容政务云平台，新建灾备中心', null],
  ['DEPARTMENT', 'description', '申请云服务器4台，部署应用服务器', null],
  ['DEPARTMENT', 'components', '应用服务器', null],
  ['DEPARTMENT', 'description', '建设全市人口基础数据中心', null],
  // a county's cloud in any wording: a place-name prefix, a longer sentence, a component, the description (issue 16)
  ['COUNTY', 'description', '盐湖区政务云平台扩容', A30],
  ['COUNTY', 'description', '建设盐湖区政务云平台二期', A30],
  ['COUNTY', 'components', '盐湖区政务云平台扩容', A30],
  ['COUNTY', 'components', '建设盐湖区政务云平台二期', A30],
  ['COUNTY', 'components', 'XX县云计算中心', A30],
  ['COUNTY', 'components', '闻喜县云平台', A30],
  ['COUNTY', 'components', '河津市政务云平台（二期）', A30],
  ['COUNTY', 'description', '盐湖区云平台扩容', A30],
  ['COUNTY', 'description', '永济市政务云扩容，新增计算节点20台。', A30],
  ['COUNTY', 'description', '本项目将新建区级云平台，用于承载全区各部门业务系统。', A30],
  ['COUNTY', 'description', '为满足全区各部门业务需求，本项目拟对盐湖区政务云平台进行扩容。', A30],
  ['COUNTY', 'description', '本项目将在市级政务云上建设应用系统，并新建县级云平台。', A30],
  // an application built or deployed on the city cloud builds no cloud
  ['COUNTY', 'description', '在市政务云上部署应用系统', null],
  ['COUNTY', 'components', '在市政务云上部署应用系统', null],
  ['COUNTY', 'description', '基于市政务云建设XX业务应用', null],
  ['COUNTY', 'components', '基于市政务云建设XX业务应用', null],
  ['COUNTY', 'description', '在市政务云上部署应用系统，实现业务协同。', null],
  ['DEPARTMENT', 'components', '智慧社区云平台', null],
];

describe('OWN_CLOUD_FORBIDDEN', () => {
  it.each(ownCloudCases)('%s %s: %s', (who, where, text, article) => {
    const p = validProject();
    p.orgKind = who;
    if (where === 'description') p.description = text;
    else p.components = [text];
    const expected = article ? [{ code: 'OWN_CLOUD_FORBIDDEN', field: where === 'description' ? 'description' : 'components.0', article }] : [];
    expect(check(p).map(brief)).toEqual(expected);
  });

  it('the sub-center itself may build shared services', () => {
    const p = validProject();
    p.orgKind = 'BDC';
    p.components = ['统一身份认证平台升级'];
    expect(check(p)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('all problems at once, sorted', () => {
  function broken(): ProjectForValidation {
    return {
      ...validProject(),
      orgKind: 'COUNTY',
      components: ['自建机房', '统一身份认证模块'],
      totalBudget: 1000,
      emergency: true,
      privateNetwork: true,
      informationResources: [],
      // 0 + 0 + 900 + 19,800 + 1,800 = 22,500
      lines: [line(1, 'nope', 1), line(2, 'vm-4c8g', 0), line(3, 'vm-1c2g', 1), line(4, 'vm-2c4g', 11), line(5, 'vm-2c4g', 1)],
    };
  }

  it('returns every violation, project-level first, then by line and code', () => {
    expect(check(broken()).map(brief)).toEqual([
      { code: 'DUPLICATE_OF_SHARED_SERVICE', field: 'components.1', article: A28 },
      { code: 'EMERGENCY_NEEDS_GOVERNMENT_CONSENT', field: 'emergencyConsentRef', article: A7 },
      { code: 'MISSING_RESOURCE_CATALOG', field: 'informationResources', article: A27 },
      { code: 'NO_DATA_SHARING', field: 'informationResources', article: A8 },
      { code: 'OVER_BUDGET', field: 'totalBudget', article: A8 },
      { code: 'OWN_CLOUD_FORBIDDEN', field: 'components.0', article: A30 },
      { code: 'PRIVATE_NETWORK_NEEDS_APPROVAL', field: 'privateNetworkApprovalRef', article: A8 },
      { code: 'NOT_IN_CATALOG', line: 1, field: 'lines.0.planCode', article: A28 },
      { code: 'QUANTITY_LIMIT', line: 2, field: 'lines.1.quantity', article: A28 },
      { code: 'NOT_IN_CATALOG', line: 3, field: 'lines.2.planCode', article: A28 },
      { code: 'QUANTITY_LIMIT', line: 4, field: 'lines.3.quantity', article: A28 },
      { code: 'DUPLICATE_LINE', line: 5, field: 'lines.4.planCode' },
    ]);
  });

  it('sorts by line number, not by the order of the lines, and orders fields numerically', () => {
    const p = validProject();
    p.lines = [line(12, 'nope', 1), line(3, 'vm-4c8g', 0), line(10, 'nope2', 1)];
    p.components = Array.from({ length: 12 }, (_, i) => (i === 2 || i === 10 ? '短信平台' : `子系统${i}`));
    expect(check(p).map(brief)).toEqual([
      { code: 'DUPLICATE_OF_SHARED_SERVICE', field: 'components.2', article: A28 },
      { code: 'DUPLICATE_OF_SHARED_SERVICE', field: 'components.10', article: A28 },
      { code: 'QUANTITY_LIMIT', line: 3, field: 'lines.1.quantity', article: A28 },
      { code: 'NOT_IN_CATALOG', line: 10, field: 'lines.2.planCode', article: A28 },
      { code: 'NOT_IN_CATALOG', line: 12, field: 'lines.0.planCode', article: A28 },
    ]);
  });

  it('speaks English when asked, with the same codes, lines, fields and articles', () => {
    const zh = check(broken());
    const en = check(broken(), 'en');
    expect(en.map(brief)).toEqual(zh.map(brief));
    const cjk = /[\u3400-\u9fff]/;
    for (const v of zh) expect(v.message, v.code).toMatch(cjk);
    // messages that quote no user text and no Chinese catalog name are plain English
    for (const v of en.filter((x) => !x.field?.startsWith('components.'))) expect(v.message, v.code).not.toMatch(cjk);
    expect(en.find((v) => v.code === 'OVER_BUDGET')?.message).toContain('22,500 yuan');
    expect(en.find((v) => v.code === 'NOT_IN_CATALOG' && v.line === 3)?.message).toContain('retired');
    expect(en.find((v) => v.code === 'QUANTITY_LIMIT' && v.line === 4)?.message).toContain('maximum of 10 (machine/year)');
  });

  it('every code it emits is described in RULES', () => {
    const codes = new Set(RULES.map((r) => r.code));
    expect(codes.size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.zh.length, r.code).toBeGreaterThan(5);
      expect(r.en.length, r.code).toBeGreaterThan(5);
    }
    const emitted = new Set([
      ...check(broken()).map((v) => v.code),
      ...check({ ...broken(), lines: [], totalBudget: 0 }).map((v) => v.code),
    ]);
    for (const code of emitted) expect(codes.has(code as never), code).toBe(true);
    expect(RULES.find((r) => r.code === 'OWN_CLOUD_FORBIDDEN')?.article).toBe(A30);
    expect(RULES.find((r) => r.code === 'MISSING_RESOURCE_CATALOG')?.article).toBe(A27);
  });
});

describe('the per-catalog cache', () => {
  it('keeps catalogs apart', () => {
    const other: CatalogView = { revision: { ...revision, number: 4 }, offerings: [offering('vm', [plan('vm-4c8g', 3600, 2)])] };
    const p = validProject();
    p.lines = [line(1, 'vm-4c8g', 4)];
    expect(check(p)).toEqual([]);
    expect(validateProject(p, other).map(brief)).toEqual([{ code: 'QUANTITY_LIMIT', line: 1, field: 'lines.0.quantity', article: A28 }]);
    // no shared offerings in the other catalog: nothing to duplicate
    p.components = ['统一身份认证模块'];
    expect(validateProject(p, other).map((v) => v.code)).toEqual(['QUANTITY_LIMIT']);
    expect(check(p).map((v) => v.code)).toEqual(['DUPLICATE_OF_SHARED_SERVICE']);
  });
});

describe('catalogCost', () => {
  it('sums quantity × annual unit price per line', () => {
    expect(catalogCost(validProject().lines, catalog)).toEqual({
      total: 26_400,
      perLine: [
        { lineNo: 1, amount: 14_400 },
        { lineNo: 2, amount: 12_000 },
        { lineNo: 3, amount: 0 },
      ],
    });
  });

  it('prices unknown plans and invalid quantities at 0, retired plans at their price, and keeps cents exact', () => {
    const lines = [line(1, 'nope', 3), line(2, 'vm-2c4g', -1), line(3, 'vm-1c2g', 2), line(4, 'obj', 3), line(5, 'obj', 7)];
    expect(catalogCost(lines, catalog)).toEqual({
      total: 1812,
      perLine: [
        { lineNo: 1, amount: 0 },
        { lineNo: 2, amount: 0 },
        { lineNo: 3, amount: 1800 },
        { lineNo: 4, amount: 3.6 },
        { lineNo: 5, amount: 8.4 },
      ],
    });
    expect(catalogCost([], catalog)).toEqual({ total: 0, perLine: [] });
  });

  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1_234_567, '1,234,567'],
    [1_234_567.2, '1,234,567.20'],
    [26_400.05, '26,400.05'],
  ])('formatYuan(%d) = %s', (n, s) => {
    expect(formatYuan(n)).toBe(s);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The real seed catalog

const seedView = seedCatalogView;

describe('against the municipal seed catalog', () => {
  const view = seedView();
  const sharedOfferings = view.offerings.filter((o) => o.sharedService);

  function seedProject(): ProjectForValidation {
    return {
      ...validProject(),
      description:
        '建设市场监管综合执法系统，依托统一身份认证平台实现单点登录，通过数据共享交换平台共享企业登记信息，使用电子印章和电子证照服务，系统部署于市级政务云。',
      components: ['执法办案子系统', '移动执法APP', '执法数据分析', '对接电子证照库'],
      // 16,800 + 3,000 + 28,000 + 0 = 47,800
      lines: [
        line(1, 'vm-xc-kunpeng-4c8g', 4),
        line(2, 'block-storage-ssd', 500),
        line(3, 'rds-dameng-single-4c16g', 1),
        line(4, 'saas-identity-access', 1),
      ],
    };
  }

  it('a valid project is valid', () => {
    expect(validateProject(seedProject(), view)).toEqual([]);
    expect(catalogCost(seedProject().lines, view).total).toBe(47_800);
  });

  it('finds the problems of an invalid one', () => {
    const p = seedProject();
    p.components = ['新建统一身份认证平台', '开发短信网关', '建设电子印章系统', 'Build an OAuth2 single sign-on server', '自建机房'];
    p.lines.push(line(5, 'vm-general-2c4g', 101), line(6, 'vm-general-1c1g', 1));
    const got = validateProject(p, view);
    expect(got.map(brief)).toEqual([
      { code: 'DUPLICATE_OF_SHARED_SERVICE', field: 'components.0', article: A28 },
      { code: 'DUPLICATE_OF_SHARED_SERVICE', field: 'components.1', article: A28 },
      { code: 'DUPLICATE_OF_SHARED_SERVICE', field: 'components.2', article: A28 },
      { code: 'DUPLICATE_OF_SHARED_SERVICE', field: 'components.3', article: A28 },
      { code: 'OVER_BUDGET', field: 'totalBudget', article: A8 },
      { code: 'OWN_CLOUD_FORBIDDEN', field: 'components.4', article: A28 },
      { code: 'QUANTITY_LIMIT', line: 5, field: 'lines.4.quantity', article: A28 },
      { code: 'NOT_IN_CATALOG', line: 6, field: 'lines.5.planCode', article: A28 },
    ]);
    expect(duplicatedOfferings(got, view)).toEqual(['saas-eseal', 'saas-identity', 'saas-identity', 'saas-messaging']);
    expect(got.find((v) => v.code === 'QUANTITY_LIMIT')?.message).toContain('上限 100');
  });

  const keywordCases = sharedOfferings.flatMap((o) => o.keywords.map((k): [string, string] => [o.code, k]));

  it.each(keywordCases)('%s: building "%s" is a duplicate, connecting to it is not', (code, keyword) => {
    const building = validProject();
    building.description = `本项目新建${keyword}系统。`;
    building.components = [`${keyword}模块`];
    building.lines = [line(1, 'vm-general-4c8g', 2)];
    const got = validateProject(building, view);
    expect(got.map((v) => v.field)).toEqual(['components.0', 'description']);
    expect(duplicatedOfferings(got, view).every((c) => c === code)).toBe(true);

    const reusing = validProject();
    reusing.description = `本项目接入市级${keyword}服务，不重复建设。`;
    reusing.components = [`对接${keyword}`];
    reusing.lines = [line(1, 'vm-general-4c8g', 2)];
    expect(validateProject(reusing, view)).toEqual([]);
  });

  it('ordinary descriptions do not trip the keyword matcher', () => {
    const texts = [
      '实现跨部门数据共享和业务协同，推进一网通办，群众可通过短信接收办理结果。',
      '系统采用国产数据库，部署于市级政务云平台，按等保三级要求配置安全防护。',
      '建设市场主体信用监管系统，归集行政处罚信息，向全市信用平台提供数据。',
      '开发移动执法终端应用，支持现场检查、证据采集和文书送达。',
    ];
    for (const description of texts) {
      const p = seedProject();
      p.description = description;
      expect(validateProject(p, view), description).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('a 200-line project, validated 1,000 times', () => {
  const big: CatalogView = {
    revision,
    offerings: [
      ...catalog.offerings,
      offering('bulk', Array.from({ length: 250 }, (_, i) => plan(`bulk-${String(i).padStart(3, '0')}`, 100 + i, 20))),
    ],
  };

  it('gives the same, correct answer every time', () => {
    const p = validProject();
    p.totalBudget = 10_000_000;
    p.lines = Array.from({ length: 200 }, (_, i) => line(i + 1, `bulk-${String(i).padStart(3, '0')}`, 1 + (i % 20)));
    p.lines[99] = line(100, 'bulk-999', 1);
    p.lines[149]!.quantity = 21;
    const expected = [
      { code: 'NOT_IN_CATALOG', line: 100, field: 'lines.99.planCode', article: A28 },
      { code: 'QUANTITY_LIMIT', line: 150, field: 'lines.149.quantity', article: A28 },
    ];
    expect(validateProject(p, big).map(brief)).toEqual(expected);
    const first = JSON.stringify(validateProject(p, big));
    let different = 0;
    for (let i = 0; i < 1000; i++) if (JSON.stringify(validateProject(p, big)) !== first) different++;
    expect(different).toBe(0);
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
