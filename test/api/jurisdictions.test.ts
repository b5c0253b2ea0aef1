// Jurisdictions (Art. 39): a county's projects are reviewed by its own approval bureau and budget-reviewed by its
// own finance bureau, through the same stages, notices and filings; the city's GIA oversees them read-only. Lists
// filter by jurisdiction; an authority acting outside its jurisdiction gets 403, audited.
import { describe, expect, it } from 'vitest';
import { ACCEPTANCE, projectIn, step } from '../support/project-factories.js';
import { ALL_PASS, BASICS } from '../support/projects.js';
import { revisionIn } from '../support/revision-factories.js';
import { addDays, uniqueTag, useScene } from '../support/scene.js';

const scene = useScene();
const named = (what: string, user = 'county') => ({ user, overrides: { name: `${BASICS.name}·${what}·${uniqueTag()}` } });

const deniedRecords = async (requestId: string) => {
  const res = await scene.as('auditor').get('/api/audit/events', { action: 'access.denied', limit: 100 });
  return (res.body.items as { requestId: string; actorName: string; detail: { reason: string } }[]).filter((e) => e.requestId === requestId);
};

describe("a county's project, decided within the county", () => {
  it('goes from submission to establishment through 盐湖区审批服务管理局 and 盐湖区财政局 alone', async () => {
    let p = await projectIn(scene, 'GIA_REVIEW', named('区内全程'));
    expect(p.body).toMatchObject({ jurisdiction: 'YANHU', status: 'GIA_REVIEW' });
    expect(p.body.standing.next).toMatchObject({ action: 'review', partyLabel: '县（市、区）审批服务管理局' });

    // the city's GIA is not asked: the project is not in its queue, and deciding it is refused
    const cityQueue = await scene.as('gia').get('/api/projects/queue', { stage: 'GIA_REVIEW', q: p.body.code });
    expect(cityQueue.body.total).toBe(0);
    const countyQueue = await scene.as('county-gia').get('/api/projects/queue', { stage: 'GIA_REVIEW', q: p.body.code });
    expect(countyQueue.body.items.map((i: { id: string }) => i.id)).toEqual([p.id]);
    const refused = await scene.as('gia').post(`/api/projects/${p.id}/review`, { decision: 'APPROVE', dimensions: ALL_PASS }, p.etag);
    expect(refused.status).toBe(403);

    p = await step(scene, p, 'county-gia', 'review', { decision: 'APPROVE', dimensions: ALL_PASS, comment: '同意' });
    expect(p.body.standing.next).toMatchObject({ action: 'budget-review', partyLabel: '县（市、区）财政局' });
    // the city's finance bureau does not see it at all; the county's decides it
    expect((await scene.as('finance').get('/api/projects/queue', { stage: 'BUDGET_REVIEW', q: p.body.code })).body.total).toBe(0);
    expect((await scene.as('finance').post(`/api/projects/${p.id}/budget-review`, { decision: 'APPROVE', approvedAmount: 700000 }, p.etag)).status).toBe(403);
    p = await step(scene, p, 'county-finance', 'budget-review', { decision: 'APPROVE', approvedAmount: 700000, comment: '核定' });
    expect(p.body.reviews.map((r: { reviewer: { orgName: string } }) => r.reviewer.orgName)).toEqual(['盐湖区审批服务管理局', '盐湖区财政局']);

    const start = scene.today();
    p = await step(scene, p, 'county-gia', 'notice', { startDate: start, endDate: addDays(start, 1) });
    // the public notice lists by jurisdiction
    const county = await scene.call('GET', '/api/notices', { query: { jurisdiction: 'YANHU' } });
    expect(county.body.items.map((n: { project: { code: string } }) => n.project.code)).toContain(p.body.code);
    const city = await scene.call('GET', '/api/notices', { query: { jurisdiction: 'CITY' } });
    expect(city.body.items.map((n: { project: { code: string } }) => n.project.code)).not.toContain(p.body.code);

    scene.setToday(addDays(start, 2));
    expect((await scene.as('gia').post(`/api/projects/${p.id}/establish`, {}, p.etag)).status).toBe(403);
    p = await step(scene, p, 'county-gia', 'establish');
    expect(p.body).toMatchObject({ status: 'ESTABLISHED', jurisdiction: 'YANHU' });
    expect(p.body.approvalNumber).toMatch(/\S+/);

    // the filings that follow are the county's too; the city's GIA reads the project (oversight)
    p = await step(scene, p, 'county', 'acceptance', { ...ACCEPTANCE, acceptanceDate: addDays(start, 2) });
    const oversight = await scene.as('gia').get(`/api/projects/${p.id}`);
    expect(oversight.status).toBe(200);
    expect(oversight.body.allowedActions.filter((a: { enabled: boolean }) => a.enabled)).toEqual([]);
  });

  it("refuses a county bureau another jurisdiction's project with 403 OUTSIDE_JURISDICTION, audited", async () => {
    const city = await projectIn(scene, 'GIA_REVIEW', named('市本级', 'dept'));
    const tag = `county-probe-${uniqueTag()}`;
    const res = await scene.t.http
      .post(`/api/projects/${city.id}/review`)
      .set(await scene.t.as('county-gia'))
      .set('If-Match', city.etag)
      .set('X-Request-Id', tag)
      .send({ decision: 'APPROVE', dimensions: ALL_PASS });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'OUTSIDE_JURISDICTION', article: '第三十九条' });
    expect(res.body.message).toContain('其他辖区');
    expect(await deniedRecords(tag)).toMatchObject([{ actorName: 'county-gia', detail: { reason: 'OUTSIDE_JURISDICTION' } }]);
    // reading it is refused the same way, and nothing changed
    expect((await scene.as('county-gia').get(`/api/projects/${city.id}`)).status).toBe(403);
    expect((await scene.as('gia').get(`/api/projects/${city.id}`)).body).toMatchObject({ status: 'GIA_REVIEW', version: city.body.version });
    // a department's draft stays hidden (404), as from everyone else
    const draft = await projectIn(scene, 'DRAFT', named('草稿', 'dept'));
    expect((await scene.as('county-gia').get(`/api/projects/${draft.id}`)).status).toBe(404);
  });

  it("leaves the city's catalog to the city's bureaus", async () => {
    const rev = await revisionIn(scene, 'SUBMITTED', `辖区测试 ${uniqueTag()}`);
    expect((await scene.as('county-gia').get(`/api/catalog/revisions/${rev.number}`)).status).toBe(200);
    expect((await scene.as('county-gia').post(`/api/catalog/revisions/${rev.number}/approve`, { comment: '同意' }, rev.etag)).status).toBe(403);
    expect((await scene.as('county-finance').post(`/api/catalog/revisions/${rev.number}/approve`, { comment: '同意' }, rev.etag)).status).toBe(403);
    await scene.as('bdc').post(`/api/catalog/revisions/${rev.number}/discard`, {}, (await scene.as('bdc').get(`/api/catalog/revisions/${rev.number}`)).etag);
  });
});

describe('lists by jurisdiction', () => {
  it("filters the city GIA's project list and the deadlines, and lets only the county remind its own", async () => {
    // established and accepted in September: the acceptance reports (30 working days) are overdue by now
    scene.setToday('2026-09-01');
    const countyP = await projectIn(scene, 'ESTABLISHED', named('区逾期'));
    const cityP = await projectIn(scene, 'ESTABLISHED', named('市逾期', 'dept'));
    const list = async (jurisdiction: string) =>
      (await scene.as('gia').get('/api/projects', { jurisdiction, q: BASICS.name, pageSize: 100 })).body.items.map((i: { id: string }) => i.id) as string[];
    expect(await list('YANHU')).toContain(countyP.id);
    expect(await list('YANHU')).not.toContain(cityP.id);
    expect(await list('CITY')).toContain(cityP.id);
    expect(await list('CITY')).not.toContain(countyP.id);

    // an acceptance opens the 30-working-day report, overdue once past it
    for (const [p, who] of [[countyP, 'county'], [cityP, 'dept']] as const) {
      await step(scene, p, who, 'acceptance', { ...ACCEPTANCE, acceptanceDate: '2026-09-01' });
    }
    scene.setToday(null);
    const overdue = async (user: string, jurisdiction?: string) =>
      (await scene.as(user).get('/api/deadlines', { status: 'overdue', ...(jurisdiction ? { jurisdiction } : {}) })).body.items as {
        id: string;
        remindable: boolean;
        project: { id: string; jurisdiction: string };
      }[];
    const cityView = await overdue('gia');
    const countyItem = cityView.find((d) => d.project.id === countyP.id)!;
    const cityItem = cityView.find((d) => d.project.id === cityP.id)!;
    expect(countyItem).toMatchObject({ remindable: false, project: { jurisdiction: 'YANHU' } });
    expect(cityItem).toMatchObject({ remindable: true, project: { jurisdiction: 'CITY' } });
    expect((await overdue('gia', 'YANHU')).every((d) => d.project.jurisdiction === 'YANHU')).toBe(true);
    expect((await overdue('county-gia')).map((d) => d.project.id)).toContain(countyP.id);
    expect((await overdue('county-gia')).map((d) => d.project.id)).not.toContain(cityP.id);

    const refused = await scene.as('gia').post('/api/deadlines/remind', { deadlineIds: [countyItem.id] });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('OUTSIDE_JURISDICTION');
    expect((await scene.as('county-gia').post('/api/deadlines/remind', { deadlineIds: [countyItem.id] })).body).toEqual({ reminded: 1, alreadyToday: 0 });
  });

  it("gives a county bureau its own county's board, and anyone a jurisdiction's public board", async () => {
    const county = await scene.as('county-gia').get('/api/migration/board', { view: 'full' });
    expect(county.status).toBe(200);
    const ofKind = (board: { byOrganisation: { code: string; kind: string }[] }, kind: string) => board.byOrganisation.filter((o) => o.kind === kind).map((o) => o.code);
    expect(ofKind(county.body, 'DEPARTMENT')).toEqual([]);
    expect(ofKind(county.body, 'COUNTY')).toEqual(['YANHU']);
    const city = await scene.as('gia').get('/api/migration/board', { view: 'full' });
    expect(ofKind(city.body, 'COUNTY').length).toBe(13);
    const publicYanhu = await scene.call('GET', '/api/migration/board', { query: { view: 'public', jurisdiction: 'YANHU' } });
    expect(ofKind(publicYanhu.body, 'COUNTY')).toEqual(['YANHU']);
  });
});

describe('organisations and their jurisdiction', () => {
  it('lists the city and the counties', async () => {
    const res = await scene.as('dept').get('/api/jurisdictions');
    expect(res.body.items[0]).toEqual({ code: 'CITY', name: '市本级', nameEn: 'City level' });
    expect(res.body.items.find((j: { code: string }) => j.code === 'YANHU')).toEqual({ code: 'YANHU', name: '盐湖区', nameEn: 'Yanhu District' });
    expect(res.body.items).toHaveLength(14);
  });

  it("places a new county department in its county, refuses an unknown one, and moves an organisation's projects with it", async () => {
    const code = `YH_EDU_${uniqueTag().toUpperCase()}`;
    const created = await scene.as('admin').post('/api/orgs', { code, name: `盐湖区教育局${code}`, kind: 'DEPARTMENT', jurisdiction: 'YANHU' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ jurisdiction: 'YANHU' });
    expect((await scene.as('gia').get('/api/orgs', { jurisdiction: 'YANHU' })).body.items.map((o: { code: string }) => o.code)).toEqual(
      expect.arrayContaining(['YANHU', 'YANHU_GIA', 'YANHU_FIN', code]),
    );

    const unknown = await scene.as('admin').post('/api/orgs', { code: `${code}_X`, name: '未知辖区单位', kind: 'DEPARTMENT', jurisdiction: 'NOWHERE' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.fields).toMatchObject([{ path: 'jurisdiction', code: 'UNKNOWN_JURISDICTION', label: '辖区' }]);
    const county = await scene.as('admin').post('/api/orgs', { code: `${code}_C`, name: '新县', kind: 'COUNTY', jurisdiction: 'YANHU' });
    expect(county.status).toBe(422);
    expect(county.body.fields[0].code).toBe('COUNTY_OWN_JURISDICTION');

    // the county itself (盐湖区) has projects; moving an organisation moves what it owns
    const p = await projectIn(scene, 'DRAFT', named('随单位变更', 'dept2'));
    const orgs = (await scene.as('admin').get('/api/orgs', { q: '卫生健康' })).body.items as { id: string; version: number }[];
    const health = orgs[0]!;
    const moved = await scene.as('admin').patch(`/api/orgs/${health.id}`, { jurisdiction: 'YANHU' }, `"v${health.version}"`);
    expect(moved.status, moved.text).toBe(200);
    try {
      expect((await scene.as('dept2').get(`/api/projects/${p.id}`)).body.jurisdiction).toBe('YANHU');
    } finally {
      const back = await scene.as('admin').patch(`/api/orgs/${health.id}`, { jurisdiction: 'CITY' }, moved.etag);
      expect(back.status).toBe(200);
    }
    expect((await scene.as('dept2').get(`/api/projects/${p.id}`)).body.jurisdiction).toBe('CITY');
  });
});
