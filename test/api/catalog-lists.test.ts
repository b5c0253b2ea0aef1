// The catalog's revisions at volume: searched by number or title and filtered by state, and exported as XLSX in the
// columns the console shows. The list is public, and so is its export: each reader gets the revisions the list shows
// them (the public: the published ones; the sub-center: its drafts too).
import { describe, expect, it } from 'vitest';
import { draftRevision, revisionIn } from '../support/revision-factories.js';
import { uniqueTag, useScene } from '../support/scene.js';
import { downloadSheet } from '../support/spreadsheets.js';

const scene = useScene();

const titles = async (user: string | null, query: Record<string, string>) => {
  const res = await scene.call('GET', '/api/catalog/revisions', { as: user ?? undefined, query });
  expect(res.status).toBe(200);
  return (res.body.items as { title: string }[]).map((r) => r.title);
};

describe('the catalog revisions', () => {
  it('are searched by number or title and filtered by state, each reader among the revisions they may read', async () => {
    const tag = uniqueTag();
    const published = await revisionIn(scene, 'PUBLISHED', `${tag} 年度目录`);
    await draftRevision(scene, `${tag} 草稿`);
    expect(await titles(null, { q: tag })).toEqual([`${tag} 年度目录`]);
    expect(await titles('bdc', { q: tag })).toEqual([`${tag} 草稿`, `${tag} 年度目录`]);
    expect(await titles('bdc', { q: tag, status: 'DRAFT' })).toEqual([`${tag} 草稿`]);
    expect(await titles(null, { q: `第${published.number}版` })).toEqual([`${tag} 年度目录`]);
    expect(await titles(null, { q: String(published.number) })).toContain(`${tag} 年度目录`);
    const bad = await scene.call('GET', '/api/catalog/revisions', { query: { status: 'LOST' } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].path).toBe('query.status');
  });

  it('still tell the sub-center a draft is open when the search hides it', async () => {
    const tag = uniqueTag();
    await draftRevision(scene, `${tag} 草稿`);
    const res = await scene.as('bdc').get('/api/catalog/revisions', { q: `${tag}-没有` });
    expect(res.body.items).toEqual([]);
    expect(res.body.allowedActions).toMatchObject([{ action: 'create', enabled: false, reason: { code: 'REVISION_STILL_OPEN' } }]);
  });

  it('are exported without signing in, holding what the reader may read, in Chinese and in English', async () => {
    const tag = uniqueTag();
    const published = await revisionIn(scene, 'PUBLISHED', `${tag} 年度目录`);
    const draft = await draftRevision(scene, `${tag} 草稿`);
    const sheet = await downloadSheet(scene.t, null, '/api/catalog/revisions/export', { q: tag });
    expect(sheet.fileName).toBe('目录版本清单.xlsx');
    expect(sheet.header).toEqual(['版本', '标题', '状态', '提交时间', '发布时间']);
    expect(sheet.rows.map((r) => r.slice(0, 3))).toEqual([[`第${published.number}版`, `${tag} 年度目录`, '已发布']]);
    expect(sheet.rows[0]![4]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const bdc = await downloadSheet(scene.t, 'bdc', '/api/catalog/revisions/export', { q: tag });
    expect(bdc.rows.map((r) => r.slice(0, 3))).toEqual([
      [`第${draft.number}版`, `${tag} 草稿`, '草稿'],
      [`第${published.number}版`, `${tag} 年度目录`, '已发布'],
    ]);
    const en = await downloadSheet(scene.t, null, '/api/catalog/revisions/export', { q: tag, lang: 'en' });
    expect(en.header).toEqual(['Revision', 'Title', 'State', 'Submitted', 'Published']);
    expect(en.rows[0]!.slice(0, 1)).toEqual([`Revision ${published.number}`]);
  });
});
