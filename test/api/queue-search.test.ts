// Searching a reviewer's queue: by project number, name or organisation, paged with the total of what matched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { buildValidDraft } from '../support/projects.js';
import { downloadSheet } from '../support/spreadsheets.js';

let t: TestPlatform;
const codes: Record<string, string> = {};
beforeAll(async () => {
  t = await startTestPlatform();
  for (const [user, name] of [['dept', '学籍管理系统升级'], ['dept', '智慧校园社区平台'], ['dept2', '医疗健康数据共享']] as const) {
    const p = await buildValidDraft(t, user, { name });
    const res = await t.http.post(`/api/projects/${p.id}/submit`).set(await t.as(user)).set('If-Match', p.etag).send({});
    expect(res.status).toBe(200);
    codes[name] = p.body.code;
  }
});
afterAll(() => t?.stop());

const search = async (q: string, query: Record<string, string | number> = {}) => {
  const res = await t.http.get('/api/projects/queue').query({ stage: 'GIA_REVIEW', q, ...query }).set(await t.as('gia'));
  expect(res.status).toBe(200);
  return res.body as { total: number; items: { code: string; orgName: string; name: string }[] };
};

describe("searching a reviewer's queue", () => {
  it('finds by organisation, by part of the name and by number', async () => {
    expect((await search('卫生健康')).items.map((i) => i.code)).toEqual([codes['医疗健康数据共享']]);
    expect((await search('社区')).items.map((i) => i.name)).toEqual(['智慧校园社区平台']);
    expect((await search(codes['学籍管理系统升级']!)).items.map((i) => i.name)).toEqual(['学籍管理系统升级']);
  });

  it('counts what matched, pages within it, and finds nothing for what no project has', async () => {
    const all = await search('');
    expect(all.total).toBe(3);
    const page = await search('教育局', { pageSize: 1, page: 2 });
    expect(page.total).toBe(2);
    expect(page.items).toHaveLength(1);
    expect(await search('不存在的项目')).toMatchObject({ total: 0, items: [] });
  });

  it('is refused a search longer than 100 characters, naming the field', async () => {
    const res = await t.http.get('/api/projects/queue').query({ stage: 'GIA_REVIEW', q: '长'.repeat(101) }).set(await t.as('gia'));
    expect(res.status).toBe(400);
    expect(res.body.fields[0]).toMatchObject({ path: 'query.q', label: '关键词' });
  });

  it('exports what the search found as XLSX, in the columns the console shows', async () => {
    const sheet = await downloadSheet(t, 'gia', '/api/projects/queue/export', { stage: 'GIA_REVIEW', q: '数据' });
    expect(sheet.fileName).toBe('审核队列-政务信息管理局审核中.xlsx');
    expect(sheet.header).toEqual(['项目编号', '项目名称', '建设单位', '项目总预算（元）', '核定金额（元）', '提交时间', '已等待（工作日）']);
    expect(sheet.rows.map((r) => [r[0], r[2], r[3]])).toEqual([[codes['医疗健康数据共享'], '运城市卫生健康委员会', 800000]]);
    expect((await t.http.get('/api/projects/queue/export').query({ stage: 'GIA_REVIEW' }).set(await t.as('finance'))).status).toBe(403);
  });
});
