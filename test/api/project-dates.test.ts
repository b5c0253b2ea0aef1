// Dates that make sense (issue 16 item 7): a date entered on a project after establishment may lie neither after
// today (Asia/Shanghai, the platform's clock) nor before the event it follows: a contract or a supervision unit
// before the establishment, an acceptance before the contract, a rectification notice before the establishment.
// Each refusal is 422 with a stable code at the field, its message names both dates, and nothing is recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response } from 'supertest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { buildEstablished, type Built } from '../support/projects.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.stop());

const EVIDENCE = { dataSharingConnected: true, informationResourcesProvided: true, onGovernmentCloud: true, secureControllableChecked: true };
const contract = (signedDate: string, contractNo = 'YC-DATE-001') => ({ kind: 'CONTRACT', signedDate, contractNo, contractor: '运城某信息技术有限公司', amount: 500000 });

async function view(p: Built) {
  return (await t.http.get(`/api/projects/${p.id}`).set(await t.as('dept'))).body;
}
async function file(p: Built, body: object, lang = 'zh-CN') {
  return t.http.post(`/api/projects/${p.id}/filings`).set(await t.as('dept')).set('Accept-Language', lang).send(body);
}
async function accept(p: Built, acceptanceDate: string) {
  const etag = (await t.http.get(`/api/projects/${p.id}`).set(await t.as('dept'))).headers.etag as string;
  return t.http.post(`/api/projects/${p.id}/acceptance`).set(await t.as('dept')).set('If-Match', etag).send({ acceptanceDate, evidence: EVIDENCE, summary: '竣工验收通过' });
}

/** 422 with `code` at `path` only, its message the one given. */
function expectDateRefused(res: Response, code: 'DATE_IN_FUTURE' | 'DATE_BEFORE_EVENT', path: string, message: string) {
  expect(res.status, res.text).toBe(422);
  expect(res.body.code).toBe(code);
  expect(res.body.fields).toEqual([expect.objectContaining({ path, code, message })]);
}

describe('dates after establishment', () => {
  // established on 2026-11-02 (today), its notice the two days before
  let p: Built;
  beforeAll(async () => {
    t.setToday('2026-11-02');
    p = await buildEstablished(t);
  });

  it('a contract signed before the establishment is refused, naming both dates; nothing is filed', async () => {
    const res = await file(p, contract('2026-10-30'));
    expectDateRefused(res, 'DATE_BEFORE_EVENT', 'signedDate', '合同签订日期 2026-10-30 早于立项日期 2026-11-02');
    expect(res.body.message).toBe('合同签订日期 2026-10-30 早于立项日期 2026-11-02');
    const en = await file(p, contract('2026-10-30'), 'en');
    expect(en.body.fields[0].message).toBe('The contract signing date 2026-10-30 is before the establishment date 2026-11-02');
    expect((await view(p)).filings).toEqual([]);
  });

  it('a contract signed after today is refused', async () => {
    expectDateRefused(await file(p, contract('2026-11-03')), 'DATE_IN_FUTURE', 'signedDate', '合同签订日期 2026-11-03 晚于今天（2026-11-02），不能填写将来的日期');
  });

  it('a supervision unit chosen before the establishment or after today is refused', async () => {
    const supervision = (chosenDate: string) => ({ kind: 'SUPERVISION', unit: '山西某监理公司', chosenDate });
    expectDateRefused(await file(p, supervision('2026-10-01')), 'DATE_BEFORE_EVENT', 'chosenDate', '监理单位确定日期 2026-10-01 早于立项日期 2026-11-02');
    expectDateRefused(await file(p, supervision('2026-12-01')), 'DATE_IN_FUTURE', 'chosenDate', '监理单位确定日期 2026-12-01 晚于今天（2026-11-02），不能填写将来的日期');
  });

  it('a self-evaluation of a year still to come is refused', async () => {
    const evaluation = (year: number) => ({ kind: 'SELF_EVALUATION', year, summary: '年度自评价' });
    expectDateRefused(await file(p, evaluation(2027)), 'DATE_IN_FUTURE', 'year', '自评价年度 2027 晚于今天（2026），不能填写将来的日期');
  });

  it('a rectification notice issued before the establishment or after today is refused', async () => {
    const rectify = async (issuedDate: string) => t.http.post(`/api/projects/${p.id}/rectification-notices`).set(await t.as('gia')).send({ issues: '共享数据提供不及时', issuedDate });
    expectDateRefused(await rectify('2026-11-01'), 'DATE_BEFORE_EVENT', 'issuedDate', '整改通知下达日期 2026-11-01 早于立项日期 2026-11-02');
    expectDateRefused(await rectify('2026-11-05'), 'DATE_IN_FUTURE', 'issuedDate', '整改通知下达日期 2026-11-05 晚于今天（2026-11-02），不能填写将来的日期');
    // no rectification deadline was opened (the self-evaluation's, Art. 21, is the establishment's)
    expect((await view(p)).deadlines.filter((d: { ruleCode: string }) => d.ruleCode === 'RECTIFICATION_REPORT')).toEqual([]);
  });

  it('a contract signed on the day of establishment is filed; a later day too', async () => {
    expect((await file(p, contract('2026-11-02'))).status).toBe(200);
    t.setToday('2026-11-20');
    const res = await file(p, contract('2026-11-18', 'YC-DATE-002'));
    expect(res.status, res.text).toBe(200);
    expect(res.body.filings.filter((f: { kind: string }) => f.kind === 'CONTRACT').map((f: { data: { signedDate: string } }) => f.data.signedDate)).toEqual(['2026-11-02', '2026-11-18']);
  });

  it('an acceptance before the (latest) contract, or after today, is refused and the project stays established', async () => {
    t.setToday('2026-11-20');
    expectDateRefused(await accept(p, '2026-11-10'), 'DATE_BEFORE_EVENT', 'acceptanceDate', '竣工验收日期 2026-11-10 早于合同签订日期 2026-11-18');
    expectDateRefused(await accept(p, '2026-11-21'), 'DATE_IN_FUTURE', 'acceptanceDate', '竣工验收日期 2026-11-21 晚于今天（2026-11-20），不能填写将来的日期');
    expect((await view(p)).status).toBe('ESTABLISHED');
    const res = await accept(p, '2026-11-19');
    expect(res.status, res.text).toBe(200);
    expect(res.body.status).toBe('ACCEPTED');
  });

  it('without a contract, an acceptance may not come before the establishment', async () => {
    t.setToday('2026-11-02');
    const q = await buildEstablished(t);
    expectDateRefused(await accept(q, '2026-10-31'), 'DATE_BEFORE_EVENT', 'acceptanceDate', '竣工验收日期 2026-10-31 早于立项日期 2026-11-02');
  });
});
