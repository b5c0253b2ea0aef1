// The public notices searched by project or organisation, and their export: public, as the notices are (Art. 10).
import { describe, expect, it } from 'vitest';
import { projectIn } from '../support/project-factories.js';
import { uniqueTag, useScene } from '../support/scene.js';
import { downloadSheet } from '../support/spreadsheets.js';

const scene = useScene();

describe('the public notices', () => {
  it('are searched by project number, name or organisation, signed out', async () => {
    const tag = `公示${uniqueTag()}`;
    const p = await projectIn(scene, 'PUBLIC_NOTICE', { overrides: { name: `${tag}-平台` } });
    const codes = async (q: string) => ((await scene.call('GET', '/api/notices', { query: { q } })).body.items as { project: { code: string } }[]).map((n) => n.project.code);
    expect(await codes(tag)).toEqual([p.body.code]);
    expect(await codes(p.body.code)).toEqual([p.body.code]);
    expect(await codes('运城市教育局')).toContain(p.body.code);
    expect(await codes('运城市卫生健康委员会')).not.toContain(p.body.code);
    expect(await codes(`${tag}-没有`)).toEqual([]);
  });

  it('are exported as searched, without signing in, in Chinese and in English', async () => {
    const tag = `公示${uniqueTag()}`;
    const p = await projectIn(scene, 'PUBLIC_NOTICE', { overrides: { name: `${tag}-平台` } });
    const sheet = await downloadSheet(scene.t, null, '/api/notices/export', { q: tag });
    expect(sheet.fileName).toBe('公示清单.xlsx');
    expect(sheet.header).toEqual(['公示标题', '项目编号', '项目名称', '建设单位', '拟安排资金（元）', '公示开始', '公示截止', '异议数']);
    const notice = (await scene.call('GET', '/api/notices', { query: { q: tag } })).body.items[0];
    expect(sheet.rows).toEqual([[notice.title, p.body.code, `${tag}-平台`, '运城市教育局', notice.amount, notice.startDate, notice.endDate, 0]]);
    const en = await downloadSheet(scene.t, null, '/api/notices/export', { q: tag, lang: 'en' });
    expect(en.header.slice(0, 4)).toEqual(['Notice', 'Number', 'Project', 'Organisation']);
    expect((await downloadSheet(scene.t, null, '/api/notices/export', { q: `${tag}-没有` })).rows).toEqual([]);
  });
});
