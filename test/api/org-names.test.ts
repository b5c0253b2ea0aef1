// Organisation names through HTTP: the administrator keeps an organisation's short name and aliases (each change
// audited), a name standing for another organisation is refused (409 naming it), others may not change them, and
// those who import city-wide sheets ask which organisation a written name stands for.
import { describe, expect, it } from 'vitest';
import { useScene } from '../support/scene.js';

const scene = useScene();

async function orgByCode(code: string) {
  const res = await scene.as('admin').get('/api/orgs', { q: code });
  const org = (res.body.items as { id: string; code: string; version: number; shortName: string | null }[]).find((o) => o.code === code);
  expect(org, code).toBeDefined();
  return org!;
}
async function auditActions(targetId: string) {
  const { rows } = await scene.t.platform.db.pool.query<{ action: string; detail: { alias?: string } }>(
    'SELECT action, detail FROM audit_event WHERE "targetId" = $1 ORDER BY seq',
    [targetId],
  );
  return rows.map((r) => `${r.action}:${r.detail?.alias ?? ''}`);
}

describe('an organisation’s short name and aliases', () => {
  it('are shown with the organisation, the demo ones given an official short name', async () => {
    expect((await orgByCode('EDU')).shortName).toBe('市教育局');
  });

  it('lets the administrator add and remove aliases, each change audited', async () => {
    const edu = await orgByCode('EDU');
    const added = await scene.as('admin').post(`/api/orgs/${edu.id}/aliases`, { alias: '运城市教委' });
    expect(added.status, added.text).toBe(201);
    expect(added.body).toMatchObject({ orgId: edu.id, alias: '运城市教委' });
    expect((await scene.as('admin').get(`/api/orgs/${edu.id}/aliases`)).body.items.map((a: { alias: string }) => a.alias)).toEqual(['运城市教委']);
    // the alias is now recognised
    expect((await scene.as('bdc').get('/api/orgs/recognise', { name: '运城市 教委' })).body).toMatchObject({ status: 'recognised', by: 'alias', org: { code: 'EDU' } });

    const removed = await scene.as('admin').delete(`/api/orgs/${edu.id}/aliases/${added.body.id}`);
    expect(removed.status).toBe(204);
    expect((await scene.as('admin').get(`/api/orgs/${edu.id}/aliases`)).body.items).toEqual([]);
    expect((await scene.as('bdc').get('/api/orgs/recognise', { name: '运城市教委' })).body.status).toBe('unknown');
    expect(await auditActions(edu.id)).toEqual(expect.arrayContaining(['organisation.alias.add:运城市教委', 'organisation.alias.remove:运城市教委']));
    expect((await scene.as('admin').delete(`/api/orgs/${edu.id}/aliases/${added.body.id}`)).status).toBe(404);
  });

  it('refuses an alias or short name that already stands for another organisation (409, the field and who holds it)', async () => {
    const edu = await orgByCode('EDU');
    const health = await orgByCode('HEALTH');
    const taken = await scene.as('admin').post(`/api/orgs/${health.id}/aliases`, { alias: '市教育局' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('ORG_NAME_TAKEN');
    expect(taken.body.fields).toEqual([expect.objectContaining({ path: 'alias', code: 'field.org_name_taken' })]);
    expect(taken.body.message).toContain('运城市教育局');

    expect((await scene.as('admin').post(`/api/orgs/${edu.id}/aliases`, { alias: '教育主管局' })).status).toBe(201);
    // the same alias written differently is the same alias
    const again = await scene.as('admin').post(`/api/orgs/${health.id}/aliases`, { alias: '教育 主管局' });
    expect([again.status, again.body.code]).toEqual([409, 'ORG_NAME_TAKEN']);
    expect((await scene.as('admin').post(`/api/orgs/${edu.id}/aliases`, { alias: '—' })).status).toBe(400);

    const shortName = await scene.as('admin').patch(`/api/orgs/${health.id}`, { shortName: '教育局' }, `"v${health.version}"`);
    expect([shortName.status, shortName.body.code]).toEqual([409, 'ORG_NAME_TAKEN']);
    expect(shortName.body.fields).toEqual([expect.objectContaining({ path: 'shortName' })]);
    const ok = await scene.as('admin').patch(`/api/orgs/${health.id}`, { shortName: '市卫生健康委' }, `"v${health.version}"`);
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.shortName).toBe('市卫生健康委');
    expect((await scene.as('gia').get('/api/orgs/recognise', { name: '市卫生健康委' })).body).toMatchObject({ status: 'recognised', by: 'shortName', org: { code: 'HEALTH' } });
  });

  it('refuses others: only the system administrator changes names (403), anonymous 401', async () => {
    const edu = await orgByCode('EDU');
    for (const who of ['bdc', 'gia', 'dept', 'secadmin', 'auditor']) {
      expect((await scene.as(who).post(`/api/orgs/${edu.id}/aliases`, { alias: `别名${who}` })).status, who).toBe(403);
    }
    const list = await scene.as('admin').get(`/api/orgs/${edu.id}/aliases`);
    const any = list.body.items[0] as { id: string } | undefined;
    if (any) expect((await scene.as('bdc').delete(`/api/orgs/${edu.id}/aliases/${any.id}`)).status).toBe(403);
    expect((await scene.call('POST', `/api/orgs/${edu.id}/aliases`, { body: { alias: 'x' } })).status).toBe(401);
  });
});

describe('recognising a written name', () => {
  it('answers the organisation for a full name, a short name, a county without its suffix', async () => {
    const bdc = scene.as('bdc');
    expect((await bdc.get('/api/orgs/recognise', { name: '运城市财政局' })).body).toMatchObject({ status: 'recognised', by: 'name', org: { code: 'FIN' } });
    expect((await bdc.get('/api/orgs/recognise', { name: '市教育局' })).body).toMatchObject({ status: 'recognised', org: { code: 'EDU' } });
    expect((await bdc.get('/api/orgs/recognise', { name: '临猗' })).body).toMatchObject({ status: 'recognised', org: { code: 'LINYI' } });
  });

  it('answers a near miss with the closest names and their scores', async () => {
    const res = await scene.as('bdc').get('/api/orgs/recognise', { name: '运城市人力资源和社会保章局' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('unknown');
    expect(res.body.suggestions[0]).toMatchObject({ code: 'HRSS', name: '运城市人力资源和社会保障局' });
    expect(res.body.suggestions[0].score).toBeGreaterThan(0.8);
  });

  it('is for those who import: not departments, counties or the auditor', async () => {
    for (const who of ['dept', 'county', 'auditor', 'finance']) expect((await scene.as(who).get('/api/orgs/recognise', { name: '市教育局' })).status, who).toBe(403);
    for (const who of ['bdc', 'gia', 'admin']) expect((await scene.as(who).get('/api/orgs/recognise', { name: '市教育局' })).status, who).toBe(200);
    expect((await scene.call('GET', '/api/orgs/recognise', { query: { name: '市教育局' } })).status).toBe(401);
    expect((await scene.as('bdc').get('/api/orgs/recognise')).status).toBe(400);
  });
});
