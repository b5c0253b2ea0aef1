// What the signed-in read paths keep between requests, and that a change shows on the very next request (issue 20,
// "Bad paths"): the reviewer queue's pages, the migration board, the to-do centre and the project view are kept while
// nothing is written (core/cache/read-cache.ts; with the working calendar they were counted with). Each path is read
// once before a change, so that anything it kept is kept, then once after it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CONTEXT, recordAudit } from '../../core/audit/audit.js';
import type { Tx } from '../../core/db/database.js';
import { toShanghaiDate, workingDaysBetween, type LocalDate } from '../../core/calendar/working-days.js';
import { TABLE_2027 } from '../support/holiday-schedules.js';
import { SYSTEM, uniqueTag } from '../support/migration-factories.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { ALL_PASS, buildValidDraft } from '../support/projects.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.stop());

async function get(user: string | null, path: string, query: Record<string, string> = {}) {
  const req = t.http.get(path).query(query);
  const res = user ? await req.set(await t.as(user)) : await req;
  expect(res.status, res.text).toBe(200);
  return res;
}

type Item = { id: string };
type TodoItem = { kind: string; objectId: string };
type Todo = { items: TodoItem[]; counts: Record<string, number> };
type BoardOrg = { orgId: string; code: string; name: string; kind: string; systems: number };
type Board = { totals: { systems: number }; byOrganisation: BoardOrg[] };

const queue = async (user: string, stage: string) => ((await get(user, '/api/projects/queue', { stage })).body.items as Item[]).map((i) => i.id);
const todo = async (user: string) => (await get(user, '/api/todo', { limit: '200' })).body as Todo;
const todoOf = (list: Todo, kind: string) => list.items.filter((i) => i.kind === kind).map((i) => i.objectId);
const board = async (user: string | null, view: 'full' | 'public') => (await get(user, '/api/migration/board', { view })).body as Board;

async function submitted(name: string): Promise<string> {
  const p = await buildValidDraft(t, 'dept', { name: `${name}-${uniqueTag()}` });
  const res = await t.http.post(`/api/projects/${p.id}/submit`).set(await t.as('dept')).set('If-Match', p.etag).send({});
  expect(res.status, res.text).toBe(200);
  return p.id;
}

async function decide(id: string, decision: 'APPROVE' | 'RETURN') {
  const p = await get('gia', `/api/projects/${id}`);
  const res = await t.http
    .post(`/api/projects/${id}/review`)
    .set(await t.as('gia'))
    .set('If-Match', p.headers.etag!)
    .send({ decision, dimensions: ALL_PASS, ...(decision === 'RETURN' ? { comment: '请补充材料' } : {}) });
  expect(res.status, res.text).toBe(200);
}

describe('a review decision shows on the next request', () => {
  it('an approval: it leaves the GIA queue and to-do, enters Finance’s, and the project view shows the new stage', async () => {
    const id = await submitted('缓存验证-通过');
    expect(await queue('gia', 'GIA_REVIEW')).toContain(id);
    expect(await queue('finance', 'BUDGET_REVIEW')).not.toContain(id);
    expect(todoOf(await todo('gia'), 'projectStage')).toContain(id);
    expect(todoOf(await todo('finance'), 'projectStage')).not.toContain(id);
    const before = await get('gia', `/api/projects/${id}`);
    expect(before.body.status).toBe('GIA_REVIEW');

    await decide(id, 'APPROVE');

    expect(await queue('gia', 'GIA_REVIEW')).not.toContain(id);
    expect(await queue('finance', 'BUDGET_REVIEW')).toContain(id);
    expect(todoOf(await todo('gia'), 'projectStage')).not.toContain(id);
    expect(todoOf(await todo('finance'), 'projectStage')).toContain(id);
    const after = await get('gia', `/api/projects/${id}`);
    expect(after.body.status).toBe('BUDGET_REVIEW');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('a return: it leaves the queue and enters the unit’s to-do as a returned project', async () => {
    const id = await submitted('缓存验证-退回');
    expect(await queue('gia', 'GIA_REVIEW')).toContain(id);
    expect(todoOf(await todo('dept'), 'projectReturned')).not.toContain(id);

    await decide(id, 'RETURN');

    expect(await queue('gia', 'GIA_REVIEW')).not.toContain(id);
    expect(todoOf(await todo('dept'), 'projectReturned')).toContain(id);
  });
});

describe('the migration board shows a change on the next read', () => {
  const HEADER = ['系统名称*', '业务用途*', '当前部署方式*', '等保级别', '联系人', '联系电话'];
  const csv = (names: string[]) => Buffer.from('\uFEFF' + [HEADER, ...names.map((n) => [n, '业务办理', '自建机房', '第二级', '王工', '13900000000'])].map((r) => r.join(',')).join('\r\n') + '\r\n');

  it('an import of systems: in the totals and under the organisation, full and public view alike', async () => {
    const [full, pub] = [await board('gia', 'full'), await board(null, 'public')];
    const tag = uniqueTag();
    const res = await t.http.post('/api/migration/systems/import').set(await t.as('dept')).attach('file', csv([`导入甲-${tag}`, `导入乙-${tag}`, `导入丙-${tag}`]), 'register.csv');
    expect(res.status, res.text).toBe(201);
    expect(res.body.imported).toBe(3);

    const [full2, pub2] = [await board('gia', 'full'), await board(null, 'public')];
    expect(full2.totals.systems).toBe(full.totals.systems + 3);
    expect(pub2.totals.systems).toBe(pub.totals.systems + 3);
    const edu = (b: Board) => b.byOrganisation.find((o) => o.name === '运城市教育局')!.systems;
    expect(edu(full2)).toBe(edu(full) + 3);
    expect(edu(pub2)).toBe(edu(pub) + 3);
  });

  it('a system registered by hand', async () => {
    const before = await board('gia', 'full');
    const res = await t.http.post('/api/migration/systems').set(await t.as('dept')).send({ ...SYSTEM, name: `登记-${uniqueTag()}` });
    expect(res.status, res.text).toBe(201);
    expect((await board('gia', 'full')).totals.systems).toBe(before.totals.systems + 1);
  });

  it('an organisation renamed: the board names it anew (an organisation change recomputes it too)', async () => {
    const before = await board('gia', 'full');
    const org = before.byOrganisation.find((o) => o.name === '运城市教育局')!;
    const { version } = ((await get('admin', '/api/orgs')).body.items as { id: string; version: number }[]).find((o) => o.id === org.orgId)!;
    const renamed = await t.http.patch(`/api/orgs/${org.orgId}`).set(await t.as('admin')).set('If-Match', `"v${version}"`).send({ name: '运城市教育局（看板）' });
    expect(renamed.status, renamed.text).toBe(200);

    const after = await board('gia', 'full');
    expect(after.byOrganisation.find((o) => o.orgId === org.orgId)!.name).toBe('运城市教育局（看板）');
    expect(after.byOrganisation.find((o) => o.orgId === org.orgId && o.kind === 'DEPARTMENT')!.name).toBe('运城市教育局（看板）');
    expect((await board(null, 'public')).byOrganisation.find((o) => o.orgId === org.orgId)!.name).toBe('运城市教育局（看板）');
  });
});

describe('the to-do centre: deadlines to meet and overdue ones to follow up', () => {
  // deadlines as the obligations' rules open them (projects/deadlines.ts, security/machine.ts), written directly: what
  // is tested here is how the to-do centre reads them (counted per owner, each once). Written as the platform writes
  // every change, in one transaction with its audit record (which is what moves the read caches' clock).
  const asPlatform = <T>(write: (tx: Tx) => Promise<T>) =>
    t.platform.db.prisma.$transaction(async (tx) => {
      const done = await write(tx);
      await recordAudit(tx, SYSTEM_CONTEXT, { action: 'project.rectification', targetType: 'Deadline' });
      return done;
    });
  async function openDeadline(owner: { projectId: string } | { migrationSystemId: string }, orgId: string, dueDate: string) {
    return asPlatform((tx) =>
      tx.deadline.create({
        data: { ...owner, orgId, ruleCode: 'RECTIFICATION_REPORT', workingDays: 10, article: '第二十四条', startDate: '2026-01-05', dueDate, title: `整改结果报送（${uniqueTag()}）` },
      }),
    );
  }

  it('a new overdue deadline of a project and of a migrated system: each counted once, for the unit and the city’s GIA; met, it goes', async () => {
    const projectId = await submitted('缓存验证-期限');
    const { orgId } = await t.platform.db.prisma.project.findUniqueOrThrow({ where: { id: projectId }, select: { orgId: true } });
    const sys = await t.http.post('/api/migration/systems').set(await t.as('dept')).send({ ...SYSTEM, name: `期限-${uniqueTag()}` });
    expect(sys.status, sys.text).toBe(201);
    const [gia, dept, county] = [await todo('gia'), await todo('dept'), await todo('county-gia')];

    const ofProject = await openDeadline({ projectId }, orgId, '2026-01-20');
    const ofSystem = await openDeadline({ migrationSystemId: sys.body.id }, orgId, '2026-01-21');

    const gia2 = await todo('gia');
    expect(gia2.counts.overdueDeadline).toBe((gia.counts.overdueDeadline ?? 0) + 2);
    expect(todoOf(gia2, 'overdueDeadline')).toEqual(expect.arrayContaining([projectId, sys.body.id]));
    const dept2 = await todo('dept');
    expect(dept2.counts.deadline).toBe((dept.counts.deadline ?? 0) + 2);
    expect(todoOf(dept2, 'deadline')).toEqual(expect.arrayContaining([projectId, sys.body.id]));
    // a county's bureau follows up its own county's only (Art. 39)
    expect((await todo('county-gia')).counts.overdueDeadline ?? 0).toBe(county.counts.overdueDeadline ?? 0);

    await asPlatform((tx) => tx.deadline.update({ where: { id: ofSystem.id }, data: { metAt: new Date() } }));
    const gia3 = await todo('gia');
    expect(gia3.counts.overdueDeadline).toBe((gia.counts.overdueDeadline ?? 0) + 1);
    expect(todoOf(gia3, 'overdueDeadline')).not.toContain(sys.body.id);
    expect(todoOf(gia3, 'overdueDeadline')).toContain(ofProject.projectId);
  });
});

describe('a holiday schedule loaded', () => {
  // the queue counts waiting time in working days: a page kept from before the load must be counted anew
  it('recounts the waiting working days of a queue page kept from before', async () => {
    const id = await submitted('缓存验证-节假日');
    const day: LocalDate = '2027-02-19'; // after the Spring Festival of 2027, whose 02-12 the estimate counts as working
    t.setToday(day);
    try {
      const waiting = async () => {
        const items = (await get('gia', '/api/projects/queue', { stage: 'GIA_REVIEW', pageSize: '100' })).body.items as { id: string; submittedAt: string; waitingWorkingDays: number }[];
        return items.find((i) => i.id === id)!;
      };
      const before = await waiting();
      const since = toShanghaiDate(new Date(before.submittedAt));
      expect(before.waitingWorkingDays).toBe(workingDaysBetween(since, day));

      const res = await t.http.post('/api/calendar/schedules').set(await t.as('admin')).send({ format: 'table', text: TABLE_2027 });
      expect(res.status, res.text).toBe(200);

      const after = await waiting();
      expect(after.waitingWorkingDays).toBe(workingDaysBetween(since, day));
      expect(after.waitingWorkingDays).toBe(before.waitingWorkingDays - 1);
    } finally {
      t.setToday(null);
    }
  });
});
