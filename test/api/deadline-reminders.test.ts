// Reminding units of overdue obligations (催办): GIA reminds every overdue deadline it sees at once, each at most once a
// day, with an audit record; the unit sees how often and when; a deadline not overdue, one of no one's sight, or a
// reminder by anyone but GIA is refused and changes nothing.
import { describe, expect, it } from 'vitest';
import { projectIn } from '../support/project-factories.js';
import { addDays, uniqueTag, useScene } from '../support/scene.js';
import { downloadSheet } from '../support/spreadsheets.js';

const scene = useScene();

/** An established project with a rectification notice (10 working days for the report, Art. 24): its deadline. */
async function rectifying(tag: string) {
  const p = await projectIn(scene, 'ESTABLISHED', { overrides: { name: `${tag}-整改` } });
  expect((await scene.as('gia').post(`/api/projects/${p.id}/rectification-notices`, { issues: '资源使用率偏低，请整改' })).status).toBe(200);
  const list = await scene.as('gia').get('/api/deadlines', { status: 'all', q: tag });
  return { project: p, deadlineId: list.body.items[0].id as string };
}

const reminders = async (user: string, tag: string) => (await scene.as(user).get('/api/deadlines', { status: 'all', q: tag })).body.items[0].reminders;

describe('reminding overdue obligations', () => {
  it('GIA reminds the overdue; once a day at most; the unit sees it, in the list and its export; the trail has it', async () => {
    const tag = `催办${uniqueTag()}`;
    const { project, deadlineId } = await rectifying(tag);
    scene.setToday(addDays(scene.today(), 30));
    const first = await scene.as('gia').post('/api/deadlines/remind', { deadlineIds: [deadlineId] });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ reminded: 1, alreadyToday: 0 });
    expect((await scene.as('gia').post('/api/deadlines/remind', { deadlineIds: [deadlineId] })).body).toEqual({ reminded: 0, alreadyToday: 1 });
    expect(await reminders('dept', tag)).toEqual({ count: 1, lastDay: scene.today() });
    scene.setToday(addDays(scene.today(), 1));
    expect((await scene.as('gia').post('/api/deadlines/remind', { deadlineIds: [deadlineId] })).body).toEqual({ reminded: 1, alreadyToday: 0 });
    expect(await reminders('dept', tag)).toEqual({ count: 2, lastDay: scene.today() });

    const sheet = await downloadSheet(scene.t, 'dept', '/api/deadlines/export', { status: 'all', q: tag });
    expect(sheet.rows[0]![7]).toBe(`已催办 2 次（最近 ${scene.today()}）`);
    const trail = await scene.as('auditor').get('/api/audit/events', { project: project.body.code, action: 'deadline.remind' });
    expect(trail.body.items.map((e: { actionLabel: string; actorName: string }) => [e.actionLabel, e.actorName])).toEqual([
      ['催办逾期事项', expect.any(String)],
      ['催办逾期事项', expect.any(String)],
    ]);
  });

  it('refuses a deadline that is not overdue yet, and reminds none of the batch', async () => {
    const tag = `未逾期${uniqueTag()}`;
    const late = await rectifying(`${tag}a`);
    scene.setToday(addDays(scene.today(), 30));
    const fresh = await rectifying(`${tag}b`);
    const res = await scene.as('gia').post('/api/deadlines/remind', { deadlineIds: [late.deadlineId, fresh.deadlineId] });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('DEADLINE_NOT_OVERDUE');
    expect(res.body.message).toContain('整改');
    expect((await reminders('gia', `${tag}a`)).count).toBe(0);
  });

  it('is GIA’s alone; an unknown deadline is 404; an empty or malformed list is 400 naming the field', async () => {
    const tag = `权限${uniqueTag()}`;
    const { deadlineId } = await rectifying(tag);
    scene.setToday(addDays(scene.today(), 30));
    for (const user of ['dept', 'finance', 'bdc', 'auditor']) expect((await scene.as(user).post('/api/deadlines/remind', { deadlineIds: [deadlineId] })).status).toBe(403);
    expect((await scene.as('gia').post('/api/deadlines/remind', { deadlineIds: ['00000000-0000-4000-8000-000000000000'] })).status).toBe(404);
    const empty = await scene.as('gia').post('/api/deadlines/remind', { deadlineIds: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.fields[0].path).toBe('deadlineIds');
    expect((await scene.as('gia').post('/api/deadlines/remind', { deadlineIds: ['x'] })).status).toBe(400);
    expect((await reminders('gia', tag)).count).toBe(0);
  });
});
