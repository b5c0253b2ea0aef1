// Loading a newly published State Council holiday schedule (issue 16 item 6): the system administrator uploads it in
// the chinese-days JSON format or as a table; its year then counts instead of the lunar estimate, the open
// provisional deadlines it settles are recomputed and their owners see the old and the new due date. A malformed
// schedule is refused with the line at fault, one with nothing new is refused, and neither changes anything.
import { describe, expect, it } from 'vitest';
import { PUBLISHED_YEARS } from '../../core/calendar/working-days.js';
import { projectIn } from '../support/project-factories.js';
import { DUE_ESTIMATED, DUE_PUBLISHED, RECTIFIED_ON, TABLE_2027 } from '../support/holiday-schedules.js';
import { uniqueTag, useScene } from '../support/scene.js';

const scene = useScene();

// 2028 in the chinese-days package's own format
const CHINESE_DAYS_2028 = JSON.stringify(
  {
    holidays: {
      '2028-01-01': "New Year's Day,元旦,1",
      '2028-01-25': 'Spring Festival,春节,8',
      '2028-01-26': 'Spring Festival,春节,8',
      '2028-01-27': 'Spring Festival,春节,8',
      '2028-01-28': 'Spring Festival,春节,8',
      '2028-01-31': 'Spring Festival,春节,8',
      '2028-10-02': 'National Day,国庆节,7',
    },
    workdays: { '2028-02-05': 'Spring Festival,春节,8' },
    inLieuDays: { '2028-01-31': 'Spring Festival,春节,8' },
  },
  null,
  2,
);

const load = (user: string, format: string, text: string) => scene.as(user).post('/api/calendar/schedules', { format, text });
const overview = async (year?: number) => (await scene.as('admin').get('/api/calendar', year ? { year } : {})).body;

/** An established project of a unit, with a rectification notice received on `day` (10 working days, Art. 24). */
async function rectificationOn(day: `${number}-${number}-${number}`) {
  const tag = `日历${uniqueTag()}`;
  const projectId = (await projectIn(scene, 'ESTABLISHED', { overrides: { name: `${tag}-整改` } })).id;
  scene.setToday(day);
  expect((await scene.as('gia').post(`/api/projects/${projectId}/rectification-notices`, { issues: '安全整改' })).status).toBe(200);
  return { tag, projectId };
}
const deadlineOf = async (tag: string) =>
  (await scene.as('dept').get('/api/deadlines', { status: 'all', q: tag })).body.items.find((d: { ruleCode: string }) => d.ruleCode === 'RECTIFICATION_REPORT');

describe('the working-day calendar and loading a State Council schedule', () => {
  it('shows the coverage: the package’s years, none loaded, the following years estimated', async () => {
    scene.setToday('2026-12-07');
    const o = await overview(2027);
    // chinese-days 1.5.7 carries 2004–2026, so these tests can load 2027 and 2028 as new years
    expect(o.published).toEqual({ first: 2004, last: 2026 });
    expect(PUBLISHED_YEARS.last).toBe(2026);
    expect(o.loaded).toEqual([]);
    expect(o.estimated).toEqual([2027]);
    expect(o.coveredTo).toBe('2026-12-31');
    // the estimate of 2027: Spring Festival from the eve through the 6th day
    expect(o.year.source).toBe('estimated');
    expect(o.year.days.filter((d: { name: string }) => d.name === '春节').map((d: { date: string }) => d.date)).toEqual([5, 6, 7, 8, 9, 10, 11].map((d) => `2027-02-${String(d).padStart(2, '0')}`));
    // any signed-in user may read it
    expect((await scene.as('dept').get('/api/calendar')).status).toBe(200);
  });

  it('refuses a malformed schedule with the line at fault, a schedule with nothing new, and anyone but the system administrator; nothing changes', async () => {
    const { tag } = await rectificationOn(RECTIFIED_ON);
    const before = await deadlineOf(tag);
    expect(before).toMatchObject({ startDate: RECTIFIED_ON, dueDate: DUE_ESTIMATED, provisional: true, recomputed: null });

    const badDate = await load('admin', 'table', `2027-01-01,休,元旦\n\n2027-02-30,休,春节\n2027-02-05,休,春节`);
    expect(badDate.status).toBe(422);
    expect(badDate.body.violations).toEqual([expect.objectContaining({ code: 'CALENDAR_BAD_DATE', line: 3, field: 'text' })]);
    expect(badDate.body.violations[0].message).toContain('第 3 行');

    const badKind = await load('admin', 'table', `2027-01-01,休,元旦\n2027-02-05,放,春节`);
    expect(badKind.body.violations).toEqual([expect.objectContaining({ code: 'CALENDAR_BAD_KIND', line: 2 })]);

    const badJson = await load('admin', 'chinese-days', '{\n  "holidays": {\n    "2027-01-01": "元旦",\n  }\n}');
    expect(badJson.status).toBe(422);
    expect(badJson.body.violations[0]).toMatchObject({ code: 'CALENDAR_JSON_MALFORMED', line: 4 });

    const badKey = await load('admin', 'chinese-days', '{\n  "holidays": {\n    "2027-01-01": "元旦",\n    "2027-13-01": "春节"\n  }\n}');
    expect(badKey.body.violations).toEqual([expect.objectContaining({ code: 'CALENDAR_BAD_DATE', line: 4 })]);

    // 2026 is in the package already: nothing new
    const old = await load('admin', 'table', '2026-01-01,休,元旦\n2026-02-17,休,春节');
    expect(old.status).toBe(422);
    expect(old.body.code).toBe('CALENDAR_NOTHING_NEW');

    for (const user of ['dept', 'gia', 'secadmin', 'auditor']) expect((await load(user, 'table', TABLE_2027)).status, user).toBe(403);

    expect((await overview()).loaded).toEqual([]);
    expect(await deadlineOf(tag)).toEqual(before);
  });

  it('loads 2027 as a table: the provisional deadline is recomputed, its owner sees the old and the new due date; one audit record', async () => {
    const { tag, projectId } = await rectificationOn(RECTIFIED_ON);
    // estimated: Spring Festival off Feb 5–11, so the 10th working day is Thu Feb 18
    expect(await deadlineOf(tag)).toMatchObject({ dueDate: DUE_ESTIMATED, provisional: true });
    // a deadline of a rule this platform does not know (another team's) is counted and left alone
    const known = await scene.t.platform.db.prisma.deadline.findFirstOrThrow({ where: { projectId, ruleCode: 'RECTIFICATION_REPORT' } });
    const { id: _id, createdAt: _c, ...copy } = known;
    await scene.t.platform.db.prisma.deadline.create({ data: { ...copy, ruleCode: `SECURITY_DRILL_${uniqueTag()}`, title: `${tag}-演练` } });

    const res = await load('admin', 'table', TABLE_2027);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ years: [2027], unchanged: [], changed: expect.any(Number), skipped: expect.any(Number) });
    expect(res.body.recomputed).toBeGreaterThanOrEqual(res.body.changed);
    expect(res.body.changed).toBeGreaterThanOrEqual(1);
    expect(res.body.skipped).toBeGreaterThanOrEqual(1);

    // the published days: off Feb 5–13, so Feb 15–19 are the 6th to 10th working days
    const after = await deadlineOf(tag);
    expect(after).toMatchObject({ dueDate: DUE_PUBLISHED, provisional: false, recomputed: { from: DUE_ESTIMATED, to: DUE_PUBLISHED, at: expect.any(String) } });
    const panel = (await scene.as('dept').get(`/api/projects/${projectId}`)).body.deadlines;
    expect(panel.find((d: { ruleCode: string }) => d.ruleCode === 'RECTIFICATION_REPORT')).toMatchObject({ dueDate: DUE_PUBLISHED, recomputed: { from: DUE_ESTIMATED } });
    const drill = (await scene.as('dept').get('/api/deadlines', { status: 'all', q: `${tag}-演练` })).body.items[0];
    expect(drill).toMatchObject({ dueDate: DUE_ESTIMATED, provisional: true, recomputed: null });

    const o = await overview(2027);
    expect(o.loaded).toEqual([expect.objectContaining({ year: 2027, format: 'table' })]);
    expect(o.year.source).toBe('loaded');
    expect(o.year.days).toContainEqual({ date: '2027-02-20', off: false, name: '春节' });
    expect(o.estimated).not.toContain(2027);

    const trail = await scene.as('auditor').get('/api/audit/events', { action: 'calendar.schedule.load' });
    expect(trail.body.items).toHaveLength(1);
    expect(trail.body.items[0]).toMatchObject({ actionLabel: '加载国务院节假日安排', detail: expect.objectContaining({ years: [2027], changed: res.body.changed, recomputed: res.body.recomputed, skipped: res.body.skipped }) });

    // the same schedule again: nothing new
    const again = await load('admin', 'table', TABLE_2027);
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('CALENDAR_NOTHING_NEW');
  });

  it('loads 2028 in the chinese-days format; working-day counts past it keep giving numbers', async () => {
    const res = await load('admin', 'chinese-days', CHINESE_DAYS_2028);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ years: [2028] });
    const o = await overview(2028);
    expect(o.year.source).toBe('loaded');
    expect(o.year.days).toContainEqual({ date: '2028-01-26', off: true, name: '春节' });
    expect(o.year.days).toContainEqual({ date: '2028-02-05', off: false, name: '春节' });
    expect(o.coveredTo).toBe('2028-12-31');

    // a deadline past every schedule: estimated, provisional, and its working days left are counted
    const { tag } = await rectificationOn('2029-12-20');
    const d = await deadlineOf(tag);
    expect(d.provisional).toBe(true);
    scene.setToday('2029-12-24');
    expect((await deadlineOf(tag)).workingDaysLeft).toEqual(expect.any(Number));
  });
});
