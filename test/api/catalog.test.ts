// The published catalog as the public reads it, its downloads, and the OpenAPI document.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.stop());

describe('GET /api/catalog', () => {
  it('serves the published municipal catalog to anyone, grouped by category with plans and prices', async () => {
    const res = await t.http.get('/api/catalog');
    expect(res.status).toBe(200);
    expect(res.body.revision).toMatchObject({ number: 1, title: '运城市政务云平台服务目录（2026年版）' });
    const byCategory = (c: string) => res.body.offerings.filter((o: { category: string }) => o.category === c);
    expect(byCategory('IaaS').length).toBeGreaterThanOrEqual(8);
    expect(byCategory('PaaS').length).toBeGreaterThanOrEqual(8);
    expect(byCategory('SaaS').length).toBeGreaterThanOrEqual(6);
    const identity = res.body.offerings.find((o: { code: string }) => o.code === 'saas-identity');
    expect(identity).toMatchObject({ category: 'SaaS', name: expect.stringContaining('统一身份认证'), sharedService: true });
    const kunpeng = res.body.offerings.find((o: { code: string }) => o.code === 'vm-xc-kunpeng');
    expect(kunpeng.plans[0]).toMatchObject({ unit: expect.any(String), unitPrice: expect.any(Number), spec: { vcpu: expect.any(Number) }, xinchuang: { certified: true, cpuArch: 'kunpeng' } });
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await t.http.get('/api/catalog');
    const again = await t.http.get('/api/catalog').set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
  });

  it('serves the same content at /api/catalog/revisions/1', async () => {
    const [cur, rev] = await Promise.all([t.http.get('/api/catalog'), t.http.get('/api/catalog/revisions/1')]);
    expect(rev.body.offerings).toEqual(cur.body.offerings);
    expect(rev.body.revision.status).toBe('PUBLISHED');
  });

  it('answers 404 for a revision that does not exist', async () => {
    const res = await t.http.get('/api/catalog/revisions/99');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', message: '未找到目录版本' });
  });
});

describe('catalog downloads', () => {
  it('gives an XLSX with one row per plan', async () => {
    const res = await t.http.get('/api/catalog/export').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('政务云服务目录-第1版'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const plans = (await t.http.get('/api/catalog')).body.offerings.reduce((n: number, o: { plans: unknown[] }) => n + o.plans.length, 0);
    expect(wb.worksheets[0]!.rowCount).toBe(plans + 1);
  });

  it('gives a CSV in English on request', async () => {
    const res = await t.http.get('/api/catalog/export').query({ format: 'csv', lang: 'en' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Annual unit price (CNY)');
  });
});

describe('OpenAPI', () => {
  it('documents every route with its request schemas', async () => {
    const res = await t.http.get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    for (const p of ['/api/catalog', '/api/catalog/revisions/{number}', '/api/catalog/revisions/{number}/diff', '/api/auth/login', '/api/users/{id}', '/api/audit/verify']) {
      expect(res.body.paths).toHaveProperty([p]);
    }
    const login = res.body.paths['/api/auth/login'].post;
    const schema = login.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(['username', 'password']);
    expect(schema.additionalProperties).toBe(false);
    expect(res.body.paths['/api/catalog/revisions/{number}/approve'].post.parameters.some((p: { name: string }) => p.name === 'If-Match')).toBe(true);
  });
});
