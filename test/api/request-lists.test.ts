// The resource requests searched by request number, project or organisation and filtered by state, and their
// export in the columns the sub-center's queue shows, holding only the requests the reader may see.
import { describe, expect, it } from 'vitest';
import { projectIn } from '../support/project-factories.js';
import { requestIn } from '../support/request-factories.js';
import { uniqueTag, useScene } from '../support/scene.js';
import { downloadSheet } from '../support/spreadsheets.js';

const scene = useScene();

const codes = async (user: string, query: Record<string, string>) => {
  const res = await scene.as(user).get('/api/resource-requests', query);
  expect(res.status).toBe(200);
  return (res.body.items as { code: string }[]).map((r) => r.code);
};

// two established projects and a request each: slow on a busy machine
describe('the resource requests', { timeout: 120_000 }, () => {
  it('are searched by request number, project or organisation and filtered by state', async () => {
    const tag = `申请${uniqueTag()}`;
    const project = await projectIn(scene, 'ESTABLISHED', { overrides: { name: `${tag}-平台` } });
    const submitted = await requestIn(scene, 'SUBMITTED', { project });
    const approved = await requestIn(scene, 'APPROVED', { project: await projectIn(scene, 'ESTABLISHED', { overrides: { name: `${tag}-二期` } }) });
    expect(await codes('bdc', { q: tag })).toEqual([submitted.code, approved.code]);
    expect(await codes('bdc', { q: project.body.code })).toEqual([submitted.code]);
    expect(await codes('bdc', { q: submitted.code })).toEqual([submitted.code]);
    expect(await codes('bdc', { q: tag, status: 'APPROVED' })).toEqual([approved.code]);
    expect(await codes('dept2', { q: tag })).toEqual([]);
    const bad = await scene.as('bdc').get('/api/resource-requests', { status: 'LOST' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].path).toMatch(/^query\.status/);
  });

  it('are exported as the queue shows them, to those who may see them, in Chinese and in English', async () => {
    const tag = `申请${uniqueTag()}`;
    const project = await projectIn(scene, 'ESTABLISHED', { overrides: { name: `${tag}-平台` } });
    const r = await requestIn(scene, 'SUBMITTED', { project });
    const sheet = await downloadSheet(scene.t, 'bdc', '/api/resource-requests/export', { q: tag, status: 'SUBMITTED' });
    expect(sheet.fileName).toBe('资源申请清单.xlsx');
    expect(sheet.header).toEqual(['申请编号', '项目编号', '项目名称', '建设单位', '状态', '申请内容', '环境', '网络区域', '申请时间']);
    expect(sheet.rows).toHaveLength(1);
    const items = (r.body.items as { planCode: string; quantity: number }[]).map((i) => `${i.planCode} × ${i.quantity}`);
    expect(items).toHaveLength(2);
    expect(sheet.rows[0]!.slice(0, 8)).toEqual([r.code, project.body.code, `${tag}-平台`, '运城市教育局', '待审核', items.join('，'), '生产环境', '政务外网']);
    // no contact and no SSH key: the queue does not show them
    expect(JSON.stringify(sheet.rows)).not.toMatch(/张老师|ssh-/);
    const en = await downloadSheet(scene.t, 'bdc', '/api/resource-requests/export', { q: tag, lang: 'en' });
    expect(en.header.slice(0, 2)).toEqual(['Request', 'Project number']);
    expect(en.rows[0]!.slice(5, 8)).toEqual([items.join(', '), 'Production', 'E-government extranet']);
    // the department sees its own; another department none; Finance does not read requests
    expect((await downloadSheet(scene.t, 'dept', '/api/resource-requests/export', { q: tag })).rows.map((x) => x[0])).toEqual([r.code]);
    expect((await downloadSheet(scene.t, 'dept2', '/api/resource-requests/export', { q: tag })).rows).toEqual([]);
    expect((await downloadSheet(scene.t, 'finance', '/api/resource-requests/export', { q: tag })).status).toBe(403);
  });
});
