// Notifications (站内信) and the to-do centre (待办/已办): each change tells exactly the people who should hear of it,
// once; the to-do list shows what waits for the reader with their own rights; the badge's stream moves when a change
// commits, with no polling; nobody reads or marks another person's notifications.
import { describe, expect, it } from 'vitest';
import { ACCEPTANCE, projectIn, step } from '../support/project-factories.js';
import { BASICS, REQUEST } from '../support/projects.js';
import { revisionIn } from '../support/revision-factories.js';
import { uniqueTag, useScene } from '../support/scene.js';

const scene = useScene();
const named = (what: string, user = 'dept') => ({ user, overrides: { name: `${BASICS.name}·${what}·${uniqueTag()}` } });

interface Note {
  id: string;
  event: string;
  message: string;
  objectId: string;
  objectName: string;
  article: string | null;
  dueDate: string | null;
  link: string;
  readAt: string | null;
}

/** the notifications `user` has about object `id` (newest first) */
async function notesOf(user: string, id: string): Promise<Note[]> {
  const res = await scene.as(user).get('/api/notifications', { pageSize: 100 });
  expect(res.status).toBe(200);
  return (res.body.items as Note[]).filter((n) => n.objectId === id);
}

async function todoOf(user: string, query: Record<string, string> = {}) {
  const res = await scene.as(user).get('/api/todo', query);
  expect(res.status).toBe(200);
  return res.body as { items: { id: string; kind: string; kindLabel: string; objectId: string; title: string; stage: string | null; dueDate: string | null; daysLeft: number | null; overdue: boolean; link: string; article: string | null }[]; total: number; counts: Record<string, number>; kinds: { kind: string; label: string; count: number }[] };
}

describe('a project through its stages', () => {
  it('tells the deciders of each stage, and the unit of each outcome, once each', async () => {
    let p = await projectIn(scene, 'GIA_REVIEW', named('逐级通知'));
    // the city's reviewer is asked; the county's reviewer, Finance and the unit itself are not
    const [giaNotes] = [await notesOf('gia', p.id)];
    expect(giaNotes).toHaveLength(1);
    expect(giaNotes[0]).toMatchObject({ event: 'PROJECT_AT_STAGE', article: '第六条', link: `/review/projects/${p.id}` });
    expect(giaNotes[0]!.message).toBe(`项目「${p.body.name}」已进入「政务信息管理局审核中」，待您处理`);
    expect(await notesOf('county-gia', p.id)).toHaveLength(0);
    expect(await notesOf('finance', p.id)).toHaveLength(0);
    expect(await notesOf('dept', p.id)).toHaveLength(0);

    // the reviewer's 待办 lists it, one click from the review page
    const todo = await todoOf('gia', { kind: 'projectStage', q: p.body.code });
    expect(todo.items).toHaveLength(1);
    expect(todo.kinds.find((k) => k.kind === 'projectStage')).toMatchObject({ label: '项目审批', count: todo.counts.projectStage });
    expect(todo.items[0]).toMatchObject({ kind: 'projectStage', kindLabel: '项目审批', objectId: p.id, link: `/review/projects/${p.id}`, stage: '政务信息管理局审核中' });

    // returned: the unit hears why; its 待办 shows the project to change and submit again
    p = await step(scene, p, 'gia', 'review', { decision: 'RETURN', dimensions: (await import('../support/projects.js')).ALL_PASS, comment: '请补充等保测评材料' });
    const returned = await notesOf('dept', p.id);
    expect(returned.map((n) => n.event)).toEqual(['PROJECT_RETURNED']);
    expect(returned[0]!.message).toContain('请补充等保测评材料');
    expect(returned[0]!.link).toBe(`/portal/projects/${p.id}`);
    expect((await todoOf('dept', { kind: 'projectReturned', q: p.body.code })).items.map((i) => i.objectId)).toEqual([p.id]);
    // another department's people hear nothing of it
    expect(await notesOf('dept2', p.id)).toHaveLength(0);

    // submitted again: the reviewer is asked again (a second notification: a second change)
    p = await step(scene, p, 'dept', 'submit');
    expect((await notesOf('gia', p.id)).map((n) => n.event)).toEqual(['PROJECT_AT_STAGE', 'PROJECT_AT_STAGE']);
  });

  it('a county project asks the county bureaus, not the city ones', async () => {
    const p = await projectIn(scene, 'BUDGET_REVIEW', named('县区通知', 'county'));
    expect((await notesOf('county-gia', p.id)).map((n) => n.event)).toEqual(['PROJECT_AT_STAGE']);
    expect((await notesOf('county-finance', p.id)).map((n) => n.event)).toEqual(['PROJECT_AT_STAGE']);
    expect(await notesOf('gia', p.id)).toHaveLength(0);
    expect(await notesOf('finance', p.id)).toHaveLength(0);
  });

  it('establishment, a rectification notice with its due date, an objection on the notice', async () => {
    const onNotice = await projectIn(scene, 'PUBLIC_NOTICE', named('公示异议'));
    const objection = await scene.as(null as unknown as string).post(`/api/notices/${onNotice.body.notices[0].id}/objections`, { submitter: '市民王某', content: '建设内容与已有系统重复' });
    expect(objection.status).toBe(201);
    for (const who of ['gia', 'dept']) {
      const notes = await notesOf(who, onNotice.id);
      expect(notes.filter((n) => n.event === 'NOTICE_OBJECTION'), who).toHaveLength(1);
      expect(notes.find((n) => n.event === 'NOTICE_OBJECTION')!.article).toBe('第十条');
    }

    let p = await projectIn(scene, 'ESTABLISHED', named('立项整改'));
    expect((await notesOf('dept', p.id)).map((n) => n.event)).toEqual(['PROJECT_APPROVED']);
    p = await step(scene, p, 'gia', 'rectification-notices', { issues: '合同备案信息不完整' });
    const [rectification] = (await notesOf('dept', p.id)).filter((n) => n.event === 'RECTIFICATION_NOTICE');
    expect(rectification).toBeDefined();
    const deadline = (await scene.as('dept').get('/api/deadlines', { status: 'open', q: p.body.code })).body.items.find((d: { ruleCode: string }) => d.ruleCode === 'RECTIFICATION_REPORT');
    expect(rectification!.dueDate).toBe(deadline.dueDate);
    expect(rectification!.message).toContain(deadline.dueDate);
    // the unit's 待办 holds the report to file, with its working days left
    const item = (await todoOf('dept', { kind: 'deadline', q: p.body.code })).items.find((i) => i.title.startsWith('整改结果报送'));
    expect(item).toMatchObject({ dueDate: deadline.dueDate, daysLeft: deadline.workingDaysLeft, overdue: false, link: '/portal/deadlines' });
  });
});

describe('resource requests and the catalog', () => {
  it('the operators hear of a request, the unit of its decision', async () => {
    const p = await projectIn(scene, 'ESTABLISHED', named('资源申请通知'));
    const request = await scene.as('dept').post(`/api/projects/${p.id}/resource-requests`, REQUEST);
    expect(request.status).toBe(201);
    const asked = await notesOf('bdc', request.body.id);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ event: 'REQUEST_SUBMITTED', link: `/operator/requests/${request.body.id}` });
    expect((await todoOf('bdc', { kind: 'resourceRequest', q: request.body.code })).items.map((i) => i.objectId)).toEqual([request.body.id]);

    const approved = await scene.as('bdc').post(`/api/resource-requests/${request.body.id}/approve`, { note: '容量充足' }, request.etag);
    expect(approved.status).toBe(200);
    const decided = await notesOf('dept', request.body.id);
    expect(decided.map((n) => n.event)).toEqual(['REQUEST_DECIDED']);
    expect(decided[0]!.message).toContain('审核通过');
    expect(await notesOf('dept2', request.body.id)).toHaveLength(0);
  });

  it('a submitted revision asks its approvers; a published one reaches everyone', async () => {
    const r = await revisionIn(scene, 'SUBMITTED');
    const waiting = await notesOf('gia', String(r.number));
    expect(waiting.map((n) => n.event)).toEqual(['REVISION_AT_STAGE']);
    expect(await notesOf('finance', String(r.number))).toHaveLength(1);
    expect(await notesOf('county-gia', String(r.number))).toHaveLength(0);
    expect((await todoOf('finance', { kind: 'revision' })).items.map((i) => i.objectId)).toContain(String(r.number));
    const published = await revisionIn(scene, 'PUBLISHED');
    for (const who of ['dept', 'county', 'finance', 'bdc', 'auditor']) expect((await notesOf(who, String(published.number))).map((n) => n.event), who).toContain('REVISION_PUBLISHED');
    // whoever published it is not told of what they did
    expect((await notesOf('gia', String(published.number))).map((n) => n.event)).not.toContain('REVISION_PUBLISHED');
  });
});

describe('the inbox and 已办', () => {
  it('reads only one’s own, marks one and all read, and lists what one handled', async () => {
    const p = await projectIn(scene, 'GIA_REVIEW', named('站内信'));
    const [note] = await notesOf('gia', p.id);
    // someone else's notification is as unknown as one that does not exist
    expect((await scene.as('finance').post(`/api/notifications/${note!.id}/read`)).status).toBe(404);
    expect((await scene.as('gia').post(`/api/notifications/${note!.id}/read`)).status).toBe(204);
    expect((await notesOf('gia', p.id))[0]!.readAt).not.toBeNull();
    const unread = await scene.as('gia').get('/api/notifications', { unread: 'true', pageSize: 100 });
    expect(unread.body.items.every((n: Note) => n.readAt === null)).toBe(true);
    const all = await scene.as('gia').post('/api/notifications/read-all');
    expect(all.body.read).toBe(unread.body.unread);
    expect((await scene.as('gia').get('/api/notifications', { unread: 'true' })).body.unread).toBe(0);

    await step(scene, p, 'gia', 'review', { decision: 'APPROVE', dimensions: (await import('../support/projects.js')).ALL_PASS, comment: '同意' });
    const done = await scene.as('gia').get('/api/todo/done', { pageSize: 5 });
    expect(done.body.items[0]).toMatchObject({ action: 'project.review', objectId: p.id, link: `/review/projects/${p.id}` });
    expect(done.body.items[0].objectName).toContain(p.body.code);
    // and it left the reviewer's 待办
    expect((await todoOf('gia', { kind: 'projectStage', q: p.body.code })).items).toHaveLength(0);
    expect(await scene.as(null as unknown as string).get('/api/todo')).toMatchObject({ status: 401 });
    expect(await scene.as(null as unknown as string).get('/api/todo/stream')).toMatchObject({ status: 401 });
  });

  it('an English reader reads the same notification in English', async () => {
    const p = await projectIn(scene, 'GIA_REVIEW', named('English'));
    const res = await scene.t.http.get('/api/notifications').query({ pageSize: 100 }).set(await scene.t.as('gia')).set('Accept-Language', 'en');
    const note = (res.body.items as Note[]).find((n) => n.objectId === p.id)!;
    expect(note.message).toMatch(/^Project ".+" is at .+ and waits for you$/);
  });
});

/** Reads the `counts` events of /api/todo/stream as `user` until `until` is satisfied. */
function countsStream(user: string, headers: Record<string, string>) {
  const seen: { todo: number; unread: number }[] = [];
  let ended = false;
  let resolveNext: (() => void) | null = null;
  const req = scene.t.http
    .get('/api/todo/stream')
    .set(headers)
    .buffer(true)
    .parse((res, cb) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let at;
        while ((at = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, at);
          buf = buf.slice(at + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (block.includes('event: counts') && data) {
            seen.push(JSON.parse(data.slice(6)));
            resolveNext?.();
          }
        }
      });
      res.on('end', () => {
        ended = true;
        cb(null, null);
      });
      res.on('error', () => cb(null, null));
    });
  req.end(() => {});
  return {
    seen,
    async until(pred: (c: { todo: number; unread: number }) => boolean, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (!seen.some(pred)) {
        if (Date.now() > deadline) throw new Error(`${user}: no counts event matched; saw ${JSON.stringify(seen)}`);
        await new Promise<void>((r) => {
          resolveNext = r;
          setTimeout(r, 200);
        });
      }
    },
    close: () => req.abort(),
    get ended() {
      return ended;
    },
  };
}

describe('the badge, live', () => {
  it('moves for the reviewer when a department submits, without the reviewer asking again', async () => {
    const draft = await projectIn(scene, 'DRAFT', named('徽标'));
    const stream = countsStream('gia', await scene.t.as('gia'));
    try {
      await stream.until(() => true);
      const first = stream.seen[0]!;
      await step(scene, draft, 'dept', 'submit');
      await stream.until((c) => c.todo === first.todo + 1 && c.unread === first.unread + 1);
    } finally {
      stream.close();
    }
  });
});

describe('the badge stream of a session that ends', () => {
  it('closes once the session is signed out, at the next change', { timeout: 60_000 }, async () => {
    const login = await scene.t.http.post('/api/auth/login').send({ username: 'gia', password: 'Demo-Passw0rd!' });
    const headers = { Authorization: `Bearer ${login.body.token}` };
    const stream = countsStream('gia', headers);
    try {
      await stream.until(() => true);
      expect((await scene.t.http.post('/api/auth/logout').set(headers)).status).toBe(204);
      await projectIn(scene, 'GIA_REVIEW', named('登出后'));
      for (let waited = 0; !stream.ended && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      expect(stream.ended).toBe(true);
    } finally {
      stream.close();
    }
  });
});
