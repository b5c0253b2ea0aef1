// Field errors name the field as people call it, in their language: "核定金额", "绩效目标 第1项 指标", never
// `approvedAmount`. Every field any request takes has a name (checked against the API document).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_LABELS } from '../../core/field-labels.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { BASICS, buildValidDraft } from '../support/projects.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.stop());

type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: Schema | boolean; allOf?: Schema[]; anyOf?: Schema[]; oneOf?: Schema[] };

describe('field names', () => {
  it('exist for every field of every request body and query the API describes', async () => {
    const doc = (await t.http.get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> }; parameters?: { in: string; name: string }[] }>>;
      components: { schemas: Record<string, Schema> };
    };
    const names = new Set<string>();
    const seen = new Set<string>();
    const walk = (s: Schema | boolean | undefined): void => {
      if (!s || typeof s !== 'object') return;
      if (s.$ref) {
        const name = s.$ref.split('/').pop()!;
        if (!seen.has(name)) {
          seen.add(name);
          walk(doc.components.schemas[name]);
        }
        return;
      }
      for (const [k, v] of Object.entries(s.properties ?? {})) {
        names.add(k);
        walk(v);
      }
      walk(s.items);
      walk(s.additionalProperties);
      for (const list of [s.allOf, s.anyOf, s.oneOf]) list?.forEach(walk);
    };
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) {
        for (const c of Object.values(op.requestBody?.content ?? {})) walk(c.schema);
        for (const p of op.parameters ?? []) if (p.in === 'query') names.add(p.name);
      }
    }
    expect(names.size).toBeGreaterThan(100);
    expect([...names].filter((n) => !Object.hasOwn(FIELD_LABELS, n)).sort()).toEqual([]);
  });

  it("read in the caller's language in a refusal of the domain (an approved amount above the budget)", async () => {
    const p = await buildValidDraft(t);
    let etag = p.etag;
    for (const [who, action, body] of [
      ['dept', 'submit', {}],
      ['gia', 'review', { decision: 'APPROVE', dimensions: Object.fromEntries(['need', 'intensiveness', 'feasibility', 'budget', 'performance'].map((d) => [d, { opinion: 'PASS', comment: '符合要求' }])), comment: '同意' }],
    ] as const) {
      const res = await t.http.post(`/api/projects/${p.id}/${action}`).set(await t.as(who)).set('If-Match', etag).send(body);
      expect(res.status).toBe(200);
      etag = res.headers.etag;
    }
    const tooMuch = { decision: 'APPROVE', approvedAmount: BASICS.totalBudget * 2, comment: '核定' };
    const zh = await t.http.post(`/api/projects/${p.id}/budget-review`).set(await t.as('finance')).set('If-Match', etag).send(tooMuch);
    expect(zh.status).toBe(422);
    expect(zh.body.fields).toEqual([{ path: 'approvedAmount', label: '核定金额', code: 'field.too_big', message: `过长或过大（最大 ${BASICS.totalBudget}）` }]);
    const en = await t.http.post(`/api/projects/${p.id}/budget-review`).set(await t.as('finance')).set('If-Match', etag).set('Accept-Language', 'en').send(tooMuch);
    expect(en.body.fields[0]).toMatchObject({ path: 'approvedAmount', label: 'Approved amount' });
  });

  it('name a nested field with its position, and a query parameter without its part', async () => {
    const res = await t.http.post('/api/projects').set(await t.as('dept')).send({ ...BASICS, performanceGoals: [{ indicator: '学籍办理时长', target: '≤1个工作日' }, { target: '100%' }] });
    expect(res.status).toBe(400);
    expect(res.body.fields).toContainEqual(expect.objectContaining({ path: 'performanceGoals.1.indicator', label: '绩效目标 第2项 指标', code: 'field.required' }));
    const query = await t.http.get('/api/audit/events').query({ limit: 100000 }).set(await t.as('auditor'));
    expect(query.status).toBe(400);
    expect(query.body.fields[0]).toMatchObject({ path: 'query.limit', label: '条数' });
  });

  it('name the fields a role may not change, in the message too', async () => {
    const users = await t.http.get('/api/users').query({ q: 'dept2' }).set(await t.as('admin'));
    const target = users.body.items[0];
    const res = await t.http.patch(`/api/users/${target.id}`).set(await t.as('admin')).set('If-Match', `"v${target.version}"`).send({ role: 'GIA_REVIEWER' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN_FIELD', message: '无权修改字段：角色' });
    expect(res.body.fields).toEqual([expect.objectContaining({ path: 'role', label: '角色', code: 'FORBIDDEN_FIELD' })]);
  });
});
