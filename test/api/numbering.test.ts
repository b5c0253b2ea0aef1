// Numbers the platform gives out are never given twice: approval numbers start afresh each year and go on after a
// number typed by hand; a discarded catalog draft's number is not given to the next draft.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDate } from '../../core/calendar/working-days.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { buildBudgetApproved } from '../support/projects.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t?.stop();
});

const addDays = (d: LocalDate, n: number) => {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10) as LocalDate;
};

/** A project noticed from `day` to the next day and established the day after, with the number typed if given. */
async function establishOn(day: LocalDate, approvalNumber?: string) {
  t.setToday(day);
  try {
    const p = await buildBudgetApproved(t);
    const notice = await t.http.post(`/api/projects/${p.id}/notice`).set(await t.as('gia')).set('If-Match', p.etag).send({ startDate: day, endDate: addDays(day, 1) });
    expect(notice.status).toBe(200);
    t.setToday(addDays(day, 2));
    const res = await t.http.post(`/api/projects/${p.id}/establish`).set(await t.as('gia')).set('If-Match', notice.headers.etag).send(approvalNumber ? { approvalNumber } : {});
    expect(res.status).toBe(200);
    return res.body.approvalNumber as string;
  } finally {
    t.setToday(null);
  }
}

describe('approval numbers (立项批复文号)', () => {
  it('count up within a year, go on after one typed by hand, and start again at 001 in the new year', async () => {
    expect(await establishOn('2026-12-21')).toBe('运审信〔2026〕001号');
    expect(await establishOn('2026-12-22', '运审信〔2026〕005号')).toBe('运审信〔2026〕005号');
    expect(await establishOn('2026-12-23')).toBe('运审信〔2026〕006号');
    // a paper reply's number of another form leaves the numbering alone
    expect(await establishOn('2026-12-23', '运政函〔2026〕88号')).toBe('运政函〔2026〕88号');
    expect(await establishOn('2027-01-04')).toBe('运审信〔2027〕001号');
    expect(await establishOn('2026-12-24')).toBe('运审信〔2026〕007号');
  });
});

describe('catalog revision numbers', () => {
  it('are not given again after a draft is discarded', async () => {
    const bdc = await t.as('bdc');
    const first = await t.http.post('/api/catalog/revisions').set(bdc).send({ title: '草稿甲' });
    expect(first.status).toBe(201);
    const discarded = await t.http.post(`/api/catalog/revisions/${first.body.number}/discard`).set(bdc).set('If-Match', first.headers.etag).send({});
    expect(discarded.status).toBe(204);
    const second = await t.http.post('/api/catalog/revisions').set(bdc).send({ title: '草稿乙' });
    expect(second.status).toBe(201);
    expect(second.body.number).toBe(first.body.number + 1);
    // the trail names each number once as created
    const trail = await t.http.get('/api/audit/events').query({ targetType: 'CatalogRevision', targetId: String(first.body.number), limit: 50 }).set(await t.as('auditor'));
    expect(trail.status).toBe(200);
    const actions = trail.body.items.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'catalog.revision.create')).toHaveLength(1);
    expect(actions).toContain('catalog.revision.discard');
  });
});
