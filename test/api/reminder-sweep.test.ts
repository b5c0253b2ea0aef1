// Reminders on a schedule (notifications/reminder-sweep.ts): an open deadline's people are told N working days ahead,
// on the day and when it is overdue, counted with the official calendar (also across National Day 2026 and its
// make-up working day), once per step however often and however many replicas sweep; overdue for more than 3
// working days, the GIA of the owner's jurisdiction is told too (the city's or the county's, never the other);
// migration waves are announced when they start and when they slip; GIA's manual 催办 notifies the unit.
import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../../core/calendar/working-days.js';
import { loadConfig } from '../../core/config.js';
import { createReminderSweep, REMINDER_SWEEP_QUEUE } from '../../notifications/reminder-sweep.js';
import { createWave, systemIn } from '../support/migration-factories.js';
import { authoritiesOf, projectIn } from '../support/project-factories.js';
import { addDays, uniqueTag, useScene } from '../support/scene.js';
import { until } from '../support/wait.js';

const scene = useScene();
const settings = loadConfig({}).reminders; // the defaults: 3 and 1 working days ahead, escalated after 3 overdue

/** A sweep of this platform's database on the scene's "today", as one replica runs it. */
const replica = () => createReminderSweep({ db: scene.t.platform.db, settings, today: () => scene.today() });

/** Sweeps on `day` (twice, like the morning run and its catch-up); returns the notifications the second one wrote. */
async function sweepOn(day: LocalDate) {
  scene.setToday(day);
  await replica().run();
  return (await replica().run()).notifications;
}

interface Note {
  event: string;
  message: string;
  objectName: string;
  article: string | null;
  dueDate: string | null;
  link: string;
}

/** What `user` reads in their inbox (GET /api/notifications) about the object `objectId`, oldest first. */
async function told(user: string, objectId: string): Promise<Note[]> {
  const notes: (Note & { objectId: string })[] = [];
  for (let page = 1; ; page++) {
    const res = await scene.as(user).get('/api/notifications', { page, pageSize: 100 });
    expect(res.status).toBe(200);
    notes.push(...res.body.items);
    if (res.body.items.length < 100) break;
  }
  return notes
    .filter((n) => n.objectId === objectId)
    .reverse()
    .map(({ event, message, objectName, article, dueDate, link }) => ({ event, message, objectName, article, dueDate, link }));
}

/**
 * A project of `user` established on `established`, with a rectification notice (10 working days for the report,
 * Art. 24) issued on `issued`: its deadline.
 */
async function rectifying(user: string, established: LocalDate, issued: LocalDate) {
  const tag = uniqueTag();
  scene.setToday(established);
  const project = await projectIn(scene, 'ESTABLISHED', { user, overrides: { name: `提醒-${tag}` } });
  scene.setToday(issued);
  const gia = authoritiesOf(user).gia;
  const res = await scene.as(gia).post(`/api/projects/${project.id}/rectification-notices`, { issues: `资源使用率偏低-${tag}`, issuedDate: issued });
  expect(res.status).toBe(200);
  const list = await scene.as(gia).get('/api/deadlines', { status: 'open', q: tag });
  // (the project's self-evaluation deadline is due next spring)
  const rectification = list.body.items.filter((i: { title: string }) => i.title.includes(tag));
  expect(rectification).toHaveLength(1);
  return { ...rectification[0], name: project.body.name } as { id: string; dueDate: string; title: string; name: string };
}

/** Sweeps every calendar day from `from` to `to` (twice each); returns the days on which `user` was told something. */
async function daysTold(user: string, deadlineId: string, from: LocalDate, to: LocalDate) {
  const seen: Record<string, string[]> = {};
  let before = (await told(user, deadlineId)).length;
  for (let day = from; day <= to; day = addDays(day)) {
    expect(await sweepOn(day), `the second sweep of ${day} writes nothing`).toBe(0);
    const now = await told(user, deadlineId);
    if (now.length > before) seen[day] = now.slice(before).map((n) => n.message);
    before = now.length;
  }
  return seen;
}

/** The messages the unit reads, as events.ts words them in zh-CN. */
const says = (d: { title: string; name: string; dueDate: string }) => ({
  soon: (days: number) => `「${d.title}」（${d.name}）将于 ${d.dueDate} 到期，还剩 ${days} 个工作日`,
  today: `「${d.title}」（${d.name}）今日（${d.dueDate}）到期`,
  overdue: (days: number) => `「${d.title}」（${d.name}）已于 ${d.dueDate} 到期，逾期 ${days} 个工作日`,
  escalated: (org: string, days: number) => `${org}的「${d.title}」（${d.name}）已逾期 ${days} 个工作日（应于 ${d.dueDate} 完成），请督办`,
});

describe('scheduled reminders of deadlines', () => {
  it('tells the unit 3 and 1 working days ahead, on the day, when overdue, and escalates to GIA after 3 working days overdue, each once', async () => {
    // issued Mon 2026-11-02: due Mon 2026-11-16 (10 working days); no holiday in between
    const d = await rectifying('dept', '2026-10-26', '2026-11-02');
    expect(d.dueDate).toBe('2026-11-16');
    const m = says(d);
    expect(await daysTold('dept', d.id, '2026-11-02', '2026-11-30')).toEqual({
      '2026-11-11': [m.soon(3)], // Wed: 11-12, 11-13, 11-16 left
      '2026-11-13': [m.soon(1)], // Fri: the weekend does not count
      '2026-11-16': [m.today],
      '2026-11-17': [m.overdue(1)],
      '2026-11-20': [m.overdue(4)], // more than 3 working days overdue: escalated, and the unit is told again
    });
    const dept = await told('dept', d.id);
    expect(dept.map((n) => n.event)).toEqual(['DEADLINE_DUE_SOON', 'DEADLINE_DUE_SOON', 'DEADLINE_DUE_TODAY', 'DEADLINE_OVERDUE', 'DEADLINE_OVERDUE']);
    for (const n of dept) expect(n).toMatchObject({ objectName: d.name, dueDate: '2026-11-16', article: '第二十四条', link: '/portal/deadlines' });
    // the city's GIA hears of it once, when it is escalated, and is sent to its deadlines page
    expect(await told('gia', d.id)).toEqual([
      { event: 'DEADLINE_ESCALATED', message: m.escalated('运城市教育局', 4), objectName: d.name, article: '第二十四条', dueDate: '2026-11-16', link: '/review/deadlines' },
    ]);
    // people of other organisations hear nothing of it
    for (const user of ['dept2', 'county', 'county-gia', 'finance', 'bdc']) expect(await told(user, d.id)).toEqual([]);
  });

  it('counts across National Day 2026 with the official calendar: the make-up Saturday is a working day, the holiday is not', async () => {
    // The State Council's 2026 holiday notice (国务院办公厅关于2026年部分节假日安排的通知, as the chinese-days data
    // the platform counts with carries it): Mid-Autumn Fri 09-25 to Sun 09-27 off; National Day Thu 10-01 to Wed
    // 10-07 off; make-up working days Sun 09-20 and Sat 10-10. A notice issued Mon 2026-09-21 counts 09-22, 09-23,
    // 09-24, 09-28, 09-29, 09-30, 10-08, 10-09, 10-10 (Saturday, worked), 10-12: due Mon 2026-10-12.
    const d = await rectifying('dept', '2026-09-14', '2026-09-21');
    expect(d.dueDate).toBe('2026-10-12');
    const m = says(d);
    expect(await daysTold('dept', d.id, '2026-09-21', '2026-10-13')).toEqual({
      // 3 working days left on Thu 10-08 (10-09, 10-10, 10-12); on Wed 09-30 there were 4, and the holiday sends nothing
      '2026-10-08': [m.soon(3)],
      // 1 left on the make-up Saturday 10-10 (a Monday–Friday count would say Friday 10-09)
      '2026-10-10': [m.soon(1)],
      '2026-10-12': [m.today],
      '2026-10-13': [m.overdue(1)],
    });
  });

  it('escalates a county project to the county’s GIA bureau and a city project to the city’s, each only to its own', async () => {
    const city = await rectifying('dept', '2026-10-26', '2026-11-02');
    const county = await rectifying('county', '2026-10-26', '2026-11-02');
    expect(county.dueDate).toBe('2026-11-16');
    // the sweep was off until Mon 2026-11-23 (5 working days overdue): only the step due now is taken
    expect(await sweepOn('2026-11-23')).toBe(0);
    expect((await told('county', county.id)).map((n) => n.message)).toEqual([says(county).overdue(5)]);
    expect((await told('county-gia', county.id)).map((n) => n.message)).toEqual([says(county).escalated('盐湖区', 5)]);
    expect(await told('gia', county.id)).toEqual([]);
    expect((await told('gia', city.id)).map((n) => n.message)).toEqual([says(city).escalated('运城市教育局', 5)]);
    expect(await told('county-gia', city.id)).toEqual([]);
  });

  it('two replicas sweeping at once take each step once: one notification per person', async () => {
    const d = await rectifying('dept', '2026-10-26', '2026-11-02');
    scene.setToday('2026-11-20');
    const alerts = scene.t.platform.db.prisma.deadlineAlert;
    const takenBefore = await alerts.count({ where: { day: '2026-11-20' } });
    const [a, b] = await Promise.all([replica().run(), replica().run()]);
    expect((await alerts.findMany({ where: { deadlineId: d.id } })).map((s) => s.step)).toEqual(['ESCALATED']);
    // each step of the day was taken by exactly one of them (the other found its row)
    expect(a.steps + b.steps).toBe((await alerts.count({ where: { day: '2026-11-20' } })) - takenBefore);
    expect((await told('dept', d.id)).map((n) => n.message)).toEqual([says(d).overdue(4)]);
    expect((await told('gia', d.id)).map((n) => n.message)).toEqual([says(d).escalated('运城市教育局', 4)]);
    const again = await Promise.all([replica().run(), replica().run()]);
    expect(again.map((r) => [r.steps, r.notifications])).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('sends nothing on a day off', async () => {
    const d = await rectifying('dept', '2026-10-26', '2026-11-02');
    scene.setToday('2026-11-22'); // Sunday, 4 working days overdue
    expect(await replica().run()).toMatchObject({ workingDay: false, steps: 0, notifications: 0 });
    expect(await told('dept', d.id)).toEqual([]);
  });

  it('runs on its schedule’s queue in the platform, on the platform’s today', async () => {
    const schedules = await scene.t.platform.queue.boss.getSchedules();
    expect(schedules.find((s) => s.name === REMINDER_SWEEP_QUEUE)).toMatchObject({ cron: '0 8,14 * * *', options: expect.objectContaining({ tz: 'Asia/Shanghai' }) });
    const d = await rectifying('dept', '2026-10-26', '2026-11-02');
    scene.setToday('2026-11-16');
    await scene.t.platform.queue.send(REMINDER_SWEEP_QUEUE, {});
    const first = await until('the scheduled sweep', async () => (await told('dept', d.id))[0]);
    expect(first).toMatchObject({ event: 'DEADLINE_DUE_TODAY', message: says(d).today });
  });
});

describe('GIA’s manual reminder (催办)', () => {
  it('notifies the unit’s people once a day, naming who reminded', async () => {
    const d = await rectifying('dept', '2026-10-26', '2026-11-02');
    scene.setToday('2026-11-18');
    expect((await scene.as('gia').post('/api/deadlines/remind', { deadlineIds: [d.id] })).body).toEqual({ reminded: 1, alreadyToday: 0 });
    expect((await scene.as('gia').post('/api/deadlines/remind', { deadlineIds: [d.id] })).body).toEqual({ reminded: 0, alreadyToday: 1 });
    scene.setToday('2026-11-19');
    expect((await scene.as('gia').post('/api/deadlines/remind', { deadlineIds: [d.id] })).body).toEqual({ reminded: 1, alreadyToday: 0 });
    expect((await told('dept', d.id)).map((n) => [n.event, n.message, n.link])).toEqual([
      ['DEADLINE_OVERDUE', says(d).overdue(2), '/portal/deadlines'],
      ['DEADLINE_OVERDUE', says(d).overdue(3), '/portal/deadlines'],
    ]);
    // who reminded is stored with each (the message parameters)
    const stored = await scene.t.platform.db.prisma.notification.findMany({ where: { objectId: d.id, recipient: { username: 'dept' } }, orderBy: { createdAt: 'asc' } });
    expect(stored.map((n) => [n.dedupeKey, (n.params as Record<string, unknown>).remindedBy, (n.params as Record<string, unknown>).remindedByOrg])).toEqual([
      [`remind:${d.id}:2026-11-18`, '王审批（政务信息管理局）', '运城市审批服务管理局（市政务信息管理局）'],
      [`remind:${d.id}:2026-11-19`, '王审批（政务信息管理局）', '运城市审批服务管理局（市政务信息管理局）'],
    ]);
    expect(await told('dept2', d.id)).toEqual([]);
  });
});

describe('migration waves', () => {
  it('announces a wave when it starts and when its end passed with systems not migrated, once each, to the sub-center and the owners', async () => {
    scene.setToday('2026-10-26');
    const name = `迁移批次-${uniqueTag()}`;
    const wave = await createWave(scene, { name, startDate: '2026-11-02', endDate: '2026-11-13' });
    await systemIn(scene, 'PLANNED', { waveId: wave.id });
    await systemIn(scene, 'PLANNED', { waveId: wave.id, user: 'dept2' });
    const seen = async (user: string) => (await told(user, wave.id)).map((n) => n.message);
    await sweepOn('2026-10-30');
    expect(await seen('bdc')).toEqual([]);
    for (const day of ['2026-11-02', '2026-11-03', '2026-11-13'] as LocalDate[]) expect(await sweepOn(day)).toBe(0);
    const started = `迁移批次「${name}」自 2026-11-02 开始，计划于 2026-11-13 完成`;
    for (const user of ['bdc', 'dept', 'dept2']) expect(await seen(user)).toEqual([started]);
    for (const day of ['2026-11-16', '2026-11-17'] as LocalDate[]) expect(await sweepOn(day)).toBe(0);
    const slipped = `迁移批次「${name}」计划于 2026-11-13 完成，仍有 2 个系统未完成迁移`;
    for (const user of ['bdc', 'dept', 'dept2']) expect(await seen(user)).toEqual([started, slipped]);
    expect((await told('bdc', wave.id))[1]).toMatchObject({ event: 'WAVE_SLIPPED', dueDate: '2026-11-13', article: '第三十条' });
    expect(await seen('county')).toEqual([]);
  });
});
