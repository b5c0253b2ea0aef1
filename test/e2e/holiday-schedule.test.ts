// Loading a newly published State Council holiday schedule in the browser: the system administrator finds 节假日安排
// in the menu, sees 2027 counted with the estimate, is shown the line at fault of a malformed schedule, loads the
// 2027 schedule and is told how many deadlines moved; the department then sees its deadline's old and new due date.
// (chinese-days 1.5.7 carries 2004–2026: 2027 is new; test/api/holiday-schedules.test.ts pins that.)
import { describe, expect, it } from 'vitest';
import { DUE_ESTIMATED, DUE_PUBLISHED, RECTIFIED_ON, TABLE_2027 } from '../support/holiday-schedules.js';
import { projectIn } from '../support/project-factories.js';
import { expectOk } from '../support/scene.js';
import { useBrowserScene } from './support/scene.js';

const scene = useBrowserScene();

describe('the holiday schedule page', { timeout: 120_000 }, () => {
  it('the system administrator loads the 2027 schedule; the department sees its deadline moved', async () => {
    const project = await projectIn(scene.api, 'ESTABLISHED', { overrides: { name: '节假日安排浏览器测试项目' } });
    scene.api.setToday(RECTIFIED_ON);
    expectOk('rectification notice', await scene.api.call('POST', `/api/projects/${project.id}/rectification-notices`, { as: 'gia', body: { issues: '日历整改' } }));

    const admin = await scene.as('admin');
    await admin.getByRole('menuitem', { name: '节假日安排' }).click();
    await admin.waitForURL('**/admin/calendar');
    const coverage = admin.getByTestId('calendar-coverage');
    await expect.poll(() => coverage.innerText()).toContain('2004–2026 年');
    expect(await coverage.innerText()).toContain('2027');

    // a malformed line: refused with its number, nothing loaded
    await admin.getByTestId('calendar-text').fill('2027-01-01,休,元旦\n2027-02-30,休,春节');
    await admin.getByTestId('calendar-load').click();
    await expect.poll(() => admin.getByTestId('calendar-problems').innerText()).toContain('第 2 行日期「2027-02-30」无效');
    expect(await coverage.innerText()).not.toContain('系统管理员');

    await admin.getByTestId('calendar-text').fill(TABLE_2027);
    await admin.getByTestId('calendar-load').click();
    const result = admin.getByTestId('calendar-result');
    await expect.poll(() => result.innerText()).toContain('已加载 2027 年节假日安排');
    expect(await result.innerText()).toMatch(/其中 [1-9]\d* 项截止日期有调整/);
    await expect.poll(() => admin.getByTestId('calendar-loaded-year').first().innerText()).toContain('2027 年');
    await admin.context().close();

    const dept = await scene.as('dept');
    await dept.goto(`${scene.t.url}/portal/deadlines?status=all&q=${encodeURIComponent('节假日安排浏览器测试项目')}`);
    const note = dept.getByTestId('deadline-recomputed').first();
    await expect.poll(() => note.innerText()).toBe(`截止日期已按国务院新公布的节假日安排由 ${DUE_ESTIMATED} 调整为 ${DUE_PUBLISHED}`);
    await dept.context().close();
  });
});
