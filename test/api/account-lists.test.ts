// The organisations and the accounts at volume: searched and filtered on the server, and exported as XLSX in the
// columns the console shows, holding only the accounts (and fields) the reader may read and never a secret.
import { describe, expect, it } from 'vitest';
import { expectOk, uniqueTag, useScene } from '../support/scene.js';
import { downloadSheet } from '../support/spreadsheets.js';

const scene = useScene();

/** Two organisations of one tag: a department and a county. */
async function orgs(tag: string) {
  const make = async (suffix: string, name: string, kind: string) =>
    expectOk('create org', await scene.as('admin').post('/api/orgs', { code: `LT${tag.toUpperCase()}_${suffix}`, name, nameEn: `${name} EN`, kind }), 201).body as { id: string; code: string };
  return { dept: await make('D', `${tag}数据局`, 'DEPARTMENT'), county: await make('C', `${tag}县`, 'COUNTY') };
}

const codes = async (query: Record<string, string>) => {
  const res = await scene.as('admin').get('/api/orgs', query);
  expect(res.status).toBe(200);
  return (res.body.items as { code: string }[]).map((o) => o.code);
};

describe('the organisations', () => {
  it('are searched by code or name and filtered by kind', async () => {
    const tag = uniqueTag();
    const { dept, county } = await orgs(tag);
    expect((await codes({ q: tag })).sort()).toEqual([county.code, dept.code].sort());
    expect(await codes({ q: dept.code.toLowerCase() })).toEqual([dept.code]);
    expect(await codes({ q: `${tag}县` })).toEqual([county.code]);
    expect(await codes({ q: tag, kind: 'COUNTY' })).toEqual([county.code]);
    const bad = await scene.as('admin').get('/api/orgs', { kind: 'CLUB' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].path).toBe('query.kind');
  });

  it('are exported as searched, in Chinese and in English', async () => {
    const tag = uniqueTag();
    const { dept } = await orgs(tag);
    const sheet = await downloadSheet(scene.t, 'dept', '/api/orgs/export', { q: tag, kind: 'DEPARTMENT' });
    expect(sheet.fileName).toBe('单位清单.xlsx');
    expect(sheet.header).toEqual(['单位代码', '单位名称', '英文名称', '类型', '状态']);
    expect(sheet.rows).toEqual([[dept.code, `${tag}数据局`, `${tag}数据局 EN`, '市直部门', '启用']]);
    const en = await downloadSheet(scene.t, 'dept', '/api/orgs/export', { q: tag, kind: 'DEPARTMENT', lang: 'en' });
    expect(en.header).toEqual(['Code', 'Name', 'English name', 'Kind', 'State']);
    expect(en.rows[0]!.slice(3)).toEqual(['Municipal department', 'Active']);
  });
});

describe('the accounts', () => {
  /** Accounts of one tag in a new organisation: a department user and a county user (both fit a county's department). */
  async function accounts(tag: string) {
    const { dept, county } = await orgs(tag);
    expectOk('move to the county', await scene.as('admin').patch(`/api/orgs/${dept.id}`, { jurisdiction: county.code }, '"v1"'));
    const make = async (n: string, role: string) =>
      expectOk('create user', await scene.as('admin').post('/api/users', { username: `lt${tag}.${n}`, displayName: `${n}${tag}`, role, orgId: dept.id, email: `${n}@example.gov.cn`, password: 'List-Passw0rd!2026' }), 201);
    await make('zhang', 'DEPT_USER');
    await make('li', 'COUNTY_USER');
    return dept;
  }

  const usernames = async (user: string, query: Record<string, string>) => {
    const res = await scene.as(user).get('/api/users', query);
    expect(res.status).toBe(200);
    return (res.body.items as { username: string }[]).map((u) => u.username);
  };

  it('are searched by username, name or organisation and filtered by role and organisation', async () => {
    const tag = uniqueTag();
    const org = await accounts(tag);
    expect(await usernames('secadmin', { q: `${tag}数据局` })).toEqual([`lt${tag}.li`, `lt${tag}.zhang`]);
    expect(await usernames('secadmin', { q: `zhang${tag}` })).toEqual([`lt${tag}.zhang`]);
    expect(await usernames('secadmin', { q: `LT${tag}.LI` })).toEqual([`lt${tag}.li`]);
    expect(await usernames('secadmin', { orgId: org.id, role: 'COUNTY_USER' })).toEqual([`lt${tag}.li`]);
    // a department user reads only their own account, whatever they search for
    expect(await usernames('dept', { q: tag })).toEqual([]);
  });

  it('are exported as the list shows them, with no secret, and only those the reader may read', async () => {
    const tag = uniqueTag();
    await accounts(tag);
    const sheet = await downloadSheet(scene.t, 'secadmin', '/api/users/export', { q: tag, role: 'DEPT_USER' });
    expect(sheet.fileName).toBe('账号清单.xlsx');
    expect(sheet.header).toEqual(['用户名', '姓名', '所属单位', '角色', '账号状态', '最近登录']);
    expect(sheet.rows).toEqual([[`lt${tag}.zhang`, `zhang${tag}`, `${tag}数据局`, '市直部门用户', '正常', '']]);
    // nothing of the password or the contact details the list does not show
    const cells = JSON.stringify(sheet.rows);
    expect(cells).not.toMatch(/argon2|example\.gov\.cn/);
    const en = await downloadSheet(scene.t, 'secadmin', '/api/users/export', { q: tag, role: 'DEPT_USER', lang: 'en' });
    expect(en.header).toEqual(['Username', 'Name', 'Organisation', 'Role', 'State', 'Last sign-in']);
    expect(en.rows[0]!.slice(3, 5)).toEqual(['City department user', 'Normal']);
    // a department user's export holds their own account, as their list does
    const own = await downloadSheet(scene.t, 'dept', '/api/users/export');
    expect(own.rows.map((r) => r[0])).toEqual(['dept']);
  });
});
