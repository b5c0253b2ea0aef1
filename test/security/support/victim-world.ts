// The objects of the victim, department A (市教育局, demo user `dept`), built through the API as its people and
// the bureaus that decide its projects would; a handful that only the platform itself writes (an inbox entry, a
// delivery log row) are written to the database directly. Every id-taking route of the API finds here an object
// to aim at; a route whose parameters nobody here can fill makes the IDOR sweep fail until one is added.
import crypto from 'node:crypto';
import type { TestPlatform } from '../../support/platform.js';
import { PDF } from '../../support/documents.js';
import { projectIn } from '../../support/project-factories.js';
import { systemIn } from '../../support/migration-factories.js';
import { draftRevision } from '../../support/revision-factories.js';
import { apiOf, expectOk, uniqueTag, type Api } from '../../support/scene.js';

export interface VictimWorld {
  /** the victim's organisation and one of its users */
  orgId: string;
  userId: string;
  /** an established project of A with a provisioned resource request, a filed document and a security dossier */
  projectId: string;
  documentId: string;
  securityDocumentId: string;
  requestId: string;
  /** one of the tenant's rendered manifests (the render driver's file store) */
  manifestFile: string;
  jobId: string;
  resourceId: string;
  /** a project of A on public notice, with an objection raised by the public */
  noticeId: string;
  objectionId: string;
  systemId: string;
  systemDocumentId: string;
  waveId: string;
  aliasId: string;
  notificationId: string;
  deliveryId: string;
  orgAssessmentId: string;
  countyAssessmentId: string;
  spotCheckId: string;
  campaignId: string;
  responseId: string;
  /** a draft catalog revision (not public) with one of its offerings and plans */
  revision: number;
  offering: string;
  plan: string;
}

const RISK = {
  kind: 'RISK_ASSESSMENT',
  assessmentDate: '2026-03-02',
  assessor: '山西某测评中心',
  result: 'REMEDIATE',
  conclusion: '发现中风险2项，已制定整改计划',
  unitConfirmation: { confirmedBy: '王主任', confirmedDate: '2026-03-05' },
  contractorConfirmation: { contractor: '运城某科技有限公司', confirmedBy: '李经理', confirmedDate: '2026-03-06' },
};

async function upload(t: TestPlatform, path: string, fields: Record<string, string>): Promise<string> {
  let req = t.http.post(path).set(await t.as('dept'));
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  const res = await req.attach('file', PDF, '安全测试.pdf');
  if (res.status !== 201) throw new Error(`upload ${path}: ${res.status} ${res.text}`);
  return res.body.id as string;
}

async function securityDocument(t: TestPlatform, api: Api, base: string): Promise<string> {
  const filed = expectOk(`security record ${base}`, await api.call('POST', base, { as: 'dept', body: RISK }));
  return upload(t, `${base}/documents`, { recordId: filed.body.records[0].id });
}

export async function buildVictimWorld(t: TestPlatform): Promise<VictimWorld> {
  const api = apiOf(t);
  const prisma = t.platform.db.prisma;
  const me = expectOk('me', await api.call('GET', '/api/auth/me', { as: 'dept' }));
  const orgId = me.body.user.orgId as string;
  const userId = me.body.user.id as string;

  // a legacy system of A migrated onto an established project of A, whose resource request the worker (in-process)
  // provisioned: the system, the project, the request, its job and what that made
  const system = await systemIn(api, 'MIGRATED');
  const systemDocumentId = await securityDocument(t, api, `/api/migration/systems/${system.id}/security`);
  const wave = (await prisma.migrationSystem.findUniqueOrThrow({ where: { id: system.id }, select: { waveId: true, projectId: true } }));
  const projectId = wave.projectId!;
  const req = await prisma.resourceRequest.findFirstOrThrow({ where: { projectId } });
  const job = await prisma.provisioningJob.findFirstOrThrow({ where: { requestId: req.id } });
  const resource = await prisma.provisionedResource.findFirstOrThrow({ where: { requestId: req.id } });
  const documentId = await upload(t, `/api/projects/${projectId}/documents`, { kind: 'CONTRACT' });
  const securityDocumentId = await securityDocument(t, api, `/api/projects/${projectId}/security`);
  const year = Number(api.today().slice(0, 4));
  expectOk(
    'self-evaluation',
    await api.call('POST', `/api/projects/${projectId}/filings`, { as: 'dept', body: { kind: 'SELF_EVALUATION', year, summary: '年度自评', selfScore: 90 } }),
  );

  // a project on public notice and an objection the public raised
  const onNotice = await projectIn(api, 'PUBLIC_NOTICE', { overrides: { name: `公示项目-${uniqueTag()}` } });
  const noticeId = (onNotice.body.notices as { id: string; closedAt: string | null }[]).find((n) => !n.closedAt)!.id;
  const objection = expectOk('objection', await api.call('POST', `/api/notices/${noticeId}/objections`, { body: { submitter: '市民甲', content: '建议复用现有平台' } }), 201);

  const alias = expectOk('alias', await api.call('POST', `/api/orgs/${orgId}/aliases`, { as: 'admin', body: { alias: `运城市教委-${uniqueTag()}` } }), 201);

  // written by the platform itself, never through the API: an inbox entry of A's user and a delivery log row
  const notification = await prisma.notification.create({
    data: {
      recipientId: userId,
      event: 'PROJECT_AT_STAGE',
      params: {},
      objectType: 'Project',
      objectId: projectId,
      objectName: '安全测试',
      link: `/projects/${projectId}`,
      dedupeKey: `sweep:${crypto.randomUUID()}`,
    },
  });
  const delivery = await prisma.notificationDelivery.create({
    data: { channel: 'WEBHOOK', target: 'https://203.0.113.10/robot', dedupeKey: `sweep:${crypto.randomUUID()}`, subject: '安全测试', payload: {}, state: 'FAILED', attempts: 1 },
  });

  const orgAssessment = expectOk('org assessment', await api.call('POST', '/api/assessments/departments', { as: 'gia', body: { orgId, year } }), 201);
  const county = (await prisma.organisation.findFirstOrThrow({ where: { users: { some: { username: 'county' } } } })).jurisdiction;
  const countyAssessment = expectOk('county assessment', await api.call('POST', '/api/assessments/counties', { as: 'gia', body: { county, year } }), 201);
  const spotCheck = expectOk('spot-check', await api.call('POST', '/api/evaluations/spot-checks', { as: 'finance', body: { year, size: 1 } }), 201);
  const campaign = expectOk(
    'campaign',
    await api.call('POST', '/api/survey/campaigns', { as: 'bdc', body: { title: `安全测试摸底-${uniqueTag()}`, dueDate: '2026-12-11', orgIds: [orgId] } }),
    201,
  );
  const response = await prisma.surveyResponse.findFirstOrThrow({ where: { campaignId: campaign.body.id, orgId } });

  const manifests = expectOk('manifests', await api.call('GET', `/api/projects/${projectId}/manifests`, { as: 'bdc' }));
  const manifestFile: string = manifests.body.files[0].name;

  const revision = await draftRevision(api, `安全测试-${uniqueTag()}`);
  const rev = expectOk('revision', await api.call('GET', `/api/catalog/revisions/${revision.number}`, { as: 'bdc' }));
  const offering = rev.body.offerings[0];

  return {
    orgId,
    userId,
    projectId,
    documentId,
    securityDocumentId,
    requestId: req.id,
    manifestFile,
    jobId: job.id,
    resourceId: resource.id,
    noticeId,
    objectionId: objection.body.id,
    systemId: system.id,
    systemDocumentId,
    waveId: wave.waveId!,
    aliasId: alias.body.id,
    notificationId: notification.id,
    deliveryId: delivery.id,
    orgAssessmentId: orgAssessment.body.id,
    countyAssessmentId: countyAssessment.body.id,
    spotCheckId: spotCheck.body.id,
    campaignId: campaign.body.id,
    responseId: response.id,
    revision: revision.number,
    offering: offering.code,
    plan: offering.plans[0].code,
  };
}

/**
 * The values of a route's path parameters, aimed at the victim's objects; undefined when the world has nothing for
 * this route (the sweep then fails, naming the route: add its object here).
 */
export function aimAt(w: VictimWorld, path: string): Record<string, string | number> | undefined {
  const rules: [RegExp, () => Record<string, string | number>][] = [
    [/^\/api\/projects\/\{id\}\/security\/documents\/\{documentId\}$/, () => ({ id: w.projectId, documentId: w.securityDocumentId })],
    [/^\/api\/projects\/\{id\}\/documents\/\{documentId\}$/, () => ({ id: w.projectId, documentId: w.documentId })],
    [/^\/api\/projects\/\{id\}\/manifests\/\{file\}$/, () => ({ id: w.projectId, file: w.manifestFile })],
    [/^\/api\/projects\/\{id\}\/lines\/\{lineNo\}$/, () => ({ id: w.projectId, lineNo: 1 })],
    [/^\/api\/projects\/\{id\}(\/[a-z-]+)*$/, () => ({ id: w.projectId })],
    [/^\/api\/notices\/\{id\}\/objections\/\{objectionId\}\//, () => ({ id: w.noticeId, objectionId: w.objectionId })],
    [/^\/api\/notices\/\{id\}\//, () => ({ id: w.noticeId })],
    [/^\/api\/resource-requests\/\{id\}/, () => ({ id: w.requestId })],
    [/^\/api\/jobs\/\{id\}/, () => ({ id: w.jobId })],
    [/^\/api\/resources\/\{id\}/, () => ({ id: w.resourceId })],
    [/^\/api\/migration\/systems\/\{id\}\/security\/documents\/\{documentId\}$/, () => ({ id: w.systemId, documentId: w.systemDocumentId })],
    [/^\/api\/migration\/systems\/\{id\}(\/[a-z-]+)*$/, () => ({ id: w.systemId })],
    [/^\/api\/migration\/waves\/\{id\}$/, () => ({ id: w.waveId })],
    [/^\/api\/orgs\/\{id\}\/aliases\/\{aliasId\}$/, () => ({ id: w.orgId, aliasId: w.aliasId })],
    [/^\/api\/orgs\/\{id\}(\/[a-z-]+)*$/, () => ({ id: w.orgId })],
    [/^\/api\/users\/\{id\}(\/[a-z-]+)*$/, () => ({ id: w.userId })],
    [/^\/api\/notifications\/\{id\}\//, () => ({ id: w.notificationId })],
    [/^\/api\/admin\/deliveries\/\{id\}\//, () => ({ id: w.deliveryId })],
    [/^\/api\/assessments\/departments\/\{id\}/, () => ({ id: w.orgAssessmentId })],
    [/^\/api\/assessments\/counties\/\{id\}/, () => ({ id: w.countyAssessmentId })],
    [/^\/api\/evaluations\/spot-checks\/\{id\}/, () => ({ id: w.spotCheckId })],
    [/^\/api\/survey\/campaigns\/\{id\}/, () => ({ id: w.campaignId })],
    [/^\/api\/survey\/responses\/\{id\}/, () => ({ id: w.responseId })],
    [/^\/api\/catalog\/revisions\/\{number\}/, () => ({ number: w.revision, code: w.offering, planCode: w.plan })],
  ];
  const hit = rules.find(([re]) => re.test(path));
  return hit?.[1]();
}
