// validateProject (projects/validation.ts), in this process: a realistic 200-line project of a city department
// against the real seed catalog (catalog/seed/municipal-catalog.json as published revision 1), validated over and
// over after a warm-up. The API runs it on every save and submission, the web UI on every keystroke.
// Target: p99 < 5 ms per validation.
//
// The project: a city-wide platform with a long description and component list that mention shared services in
// reuse context (依托统一身份认证, 对接电子证照库 …: the text heuristics run on every mention), 24 information
// resources, and 200 resource lines over every active plan. The seed catalog has 65 plans, so 200 lines
// necessarily repeat plans: those repeats are reported as DUPLICATE_LINE (with the merged quantity), which makes
// this a heavier case than a clean project, as a large draft is before its lines are merged.
import { seedCatalogView } from '../catalog/seed-view.js';
import type { CatalogView } from '../catalog/view.js';
import { catalogCost, validateProject } from '../projects/validation.js';
import type { InformationResourceInput, ProjectForValidation, ResourceLineInput } from '../projects/validation-input.js';
import type { Benchmark, Target } from './harness.js';
import { makeRow } from './harness.js';
import { fmt, inProcessMeasurement, prng, timeSync } from './in-process.js';

export const VALIDATION_TARGET: Target = { maxP99Ms: 5 };
const LINES = 200;

const SUBSYSTEMS = ['统一受理', '审批办件', '电子档案归集', '数据治理', '移动端', '监管执法', '统计分析', '运维监控', '测试环境', '灾备'];

/** The 200-line project, deterministic. */
export function bigProject(catalog: CatalogView): ProjectForValidation {
  const rand = prng(20261125);
  const plans = catalog.offerings.filter((o) => o.status === 'ACTIVE').flatMap((o) => o.plans.filter((p) => p.status === 'ACTIVE'));
  const lines: ResourceLineInput[] = [];
  for (let i = 0; i < LINES; i++) {
    const plan = plans[i % plans.length]!;
    const max = plan.maxQuantity ?? 1000;
    // a plan spread over three or four lines stays within its maximum in total
    const quantity = Math.max(1, Math.min(Math.floor(max / 4), 1 + Math.floor(rand() * Math.max(1, Math.floor(max / 8)))));
    lines.push({ lineNo: i + 1, planCode: plan.code, quantity, purpose: `${SUBSYSTEMS[i % SUBSYSTEMS.length]}子系统：${plan.name}` });
  }
  const cost = catalogCost(lines, catalog).total;
  const resource = (direction: InformationResourceInput['direction'], i: number): InformationResourceInput => ({
    direction,
    name: direction === 'NEEDED' ? `${['企业登记', '人口基础', '法人基础', '社保参保', '不动产登记', '婚姻登记'][i % 6]}信息${i + 1}` : `${['审批结果', '办件过程', '证照签发', '监管记录'][i % 4]}信息${i + 1}`,
    source: direction === 'NEEDED' ? ['市市场监管局', '市公安局', '市民政局', '市人社局'][i % 4]! : '本系统',
    format: i % 3 === 0 ? '电子文件' : '结构化数据（接口）',
    updateFrequency: ['实时', '每日', '每月'][i % 3]!,
    sharing: (['UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHAREABLE'] as const)[i % 3]!,
    openness: (['OPEN', 'CONDITIONAL', 'NOT_OPEN'] as const)[i % 3]!,
  });
  return {
    name: '运城市“一网通办”审批服务一体化平台（二期）',
    type: 'UPGRADE',
    orgKind: 'DEPARTMENT',
    description: [
      '本项目在一期基础上升级建设全市统一的审批服务一体化平台，覆盖市县乡村四级政务服务事项的受理、审批、办结与评价全流程。',
      '平台依托统一身份认证服务实现单点登录，通过数据共享交换平台获取企业登记、人口基础等信息，调用电子证照库进行证照核验，',
      '审批结果加盖电子印章后归档，群众可通过短信接收办理结果，缴费环节接入统一支付平台。',
      '系统全部部署在市级政务云平台，使用政务云资源，不再自建机房，也不采购服务器。',
      '建设内容包括：统一受理子系统、审批办件子系统、电子档案归集子系统、数据治理子系统、移动端应用、监管执法子系统、统计分析子系统与运维监控子系统。',
      '项目同步建立数据共享机制与运维管理制度，完善政务服务标准化工作，推进“好差评”评价数据与省级平台对接。',
      'The platform integrates with the city SSO service and the data exchange platform, and is deployed on the city cloud.',
    ].join(''),
    components: [
      '统一受理子系统（综合窗口、预约排号、材料预审）',
      '审批办件子系统（流程引擎、表单引擎、并联审批）',
      '对接电子证照库，实现证照自动核验与免提交',
      '接入统一身份认证，实现政务服务网、移动端单点登录',
      '通过数据共享交换平台对接市场监管、公安、民政、人社等部门数据',
      '电子档案归集子系统（调用电子档案服务接口，实现单套制归档）',
      '数据治理子系统（数据标准、数据质量、主题库）',
      '移动端应用（依托三晋通发布，使用统一消息服务推送办理进度）',
      '监管执法子系统（双随机一公开、信用监管）',
      '统计分析子系统（运行监测、效能分析、大屏展示）',
      '运维监控子系统（应用性能监控、日志审计）',
      '等保三级测评与商用密码应用安全性评估整改',
    ],
    totalBudget: Math.ceil(cost * 1.25),
    emergency: false,
    emergencyConsentRef: null,
    privateNetwork: false,
    privateNetworkApprovalRef: null,
    informationResources: [...Array.from({ length: 12 }, (_, i) => resource('NEEDED', i)), ...Array.from({ length: 12 }, (_, i) => resource('PRODUCED', i))],
    lines,
  };
}

const benchmark: Benchmark = {
  description: `validateProject on a ${LINES}-line project against the seed catalog, in-process (target p99 < 5 ms)`,
  async run(ctx) {
    const catalog = seedCatalogView();
    const project = bigProject(catalog);

    // the first call compiles the catalog's plan index and shared-service matcher (cached per view object)
    const t0 = performance.now();
    const violations = validateProject(project, catalog);
    const firstMs = performance.now() - t0;
    const byCode = new Map<string, number>();
    for (const v of violations) byCode.set(v.code, (byCode.get(v.code) ?? 0) + 1);

    ctx.log(`measuring validateProject (${LINES} lines, ${violations.length} violations), ${ctx.settings.seconds} s after ${ctx.settings.warmupSeconds} s warm-up`);
    let calls = 0;
    let found = 0;
    const r = timeSync(
      () => {
        calls++;
        found += validateProject(project, catalog).length;
      },
      { seconds: ctx.settings.seconds, warmupSeconds: ctx.settings.warmupSeconds, minWarmup: 200, minIterations: 1000 },
    );
    if (found !== calls * violations.length) throw new Error('validateProject gave different answers for the same input');
    const m = inProcessMeasurement(r.latencies, r.window);
    const notes = [
      `req/s = validations/s (in-process, one thread); p50 ${m.p50.toFixed(3)} ms, p90 ${m.p90.toFixed(3)} ms, p99 ${m.p99.toFixed(3)} ms, max ${m.maxMs.toFixed(2)} ms over ${fmt(r.iterations)} validations`,
      `${fmt((r.window.own / r.iterations) * 1e6)} µs CPU per validation; first call (compiles the catalog index) ${firstMs.toFixed(1)} ms`,
      `the project: ${LINES} lines over ${new Set(project.lines.map((l) => l.planCode)).size} plans, ${project.components.length} components, ${project.description.length}-character description, ${project.informationResources.length} information resources; ${violations.length} violations (${[...byCode].map(([c, n]) => `${c} ${n}`).join(', ')})`,
    ];
    return [makeRow(`validateProject (${LINES} lines, seed catalog)`, m, { target: VALIDATION_TARGET, notes })];
  },
};
export default benchmark;
