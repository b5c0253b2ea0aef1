// The migration survey (摸底调查, Art. 5, 33): the sub-center opens a campaign asking organisations; each sees it in
// its to-do list and its inbox, confirms its systems and submits, or declares it has none (a finance bureau, whose
// staff hold no department role, answers for itself too); the sub-center follows the coverage (late by working
// days), sends an answer back, reminds, extends and closes; a closed campaign takes no answers. The reminder sweep
// reminds the pending ones once per step.
import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../../core/calendar/working-days.js';
import { loadConfig } from '../../core/config.js';
import { createReminderSweep } from '../../notifications/reminder-sweep.js';
import { registerSystem } from '../support/migration-factories.js';
import { uniqueTag, useScene, type Answer } from '../support/scene.js';
import { downloadSheet } from '../support/spreadsheets.js';

const scene = useScene();

const orgIdOf = async (user: string): Promise<string> => (await scene.as(user).get('/api/auth/me')).body.user.orgId;

/** What `user` was told about `objectId`, oldest first. */
async function told(user: string, objectId: string): Promise<{ event: string; message: string; link: string; dueDate: string | null }[]> {
  const res = await scene.as(user).get('/api/notifications', { page: 1, pageSize: 100 });
  expect(res.status).toBe(200);
  return (res.body.items as { objectId: string; event: string; message: string; link: string; dueDate: string | null }[])
    .filter((n) => n.objectId === objectId)
    .reverse()
    .map(({ event, message, link, dueDate }) => ({ event, message, link, dueDate }));
}

async function openCampaign(body: Record<string, unknown>, user = 'bdc'): Promise<Answer> {
  return scene.as(user).post('/api/survey/campaigns', { title: `2026年迁移摸底-${uniqueTag()}`, dueDate: '2026-12-11', ...body });
}

/** the response of `orgId` in a campaign view */
const rowOf = (campaign: Answer, orgId: string) => campaign.body.responses.find((r: { org: { id: string } }) => r.org.id === orgId);

describe('a survey campaign from opening to closing', () => {
  it('asks the organisations, takes their answers, shows the coverage, sends back, reminds, extends and closes', async () => {
    scene.setToday('2026-12-07'); // a Monday
    const [edu, health, fin] = await Promise.all(['dept', 'dept2', 'finance'].map(orgIdOf));
    const system = await registerSystem(scene, 'dept');
    const foreign = await registerSystem(scene, 'dept2');

    const opened = await openCampaign({ orgIds: [edu, health, fin], description: '请确认本单位在用的政务信息系统' });
    expect(opened.status, opened.text).toBe(201);
    expect(opened.body).toMatchObject({ status: 'OPEN', dueDate: '2026-12-11', counts: { asked: 3, submitted: 0, nothingToDeclare: 0, pending: 3, late: 0 } });
    expect(opened.body.allowedActions.map((a: { action: string; enabled: boolean }) => [a.action, a.enabled])).toEqual([
      ['extend', true],
      ['remind', true],
      ['close', true],
    ]);
    const campaignPath = `/api/survey/campaigns/${opened.body.id}`;
    const title = opened.body.title as string;
    const eduResponse = rowOf(opened, edu).responseId as string;
    const finResponse = rowOf(opened, fin).responseId as string;
    const path = (id: string) => `/api/survey/responses/${id}`;

    // the department sees it in its to-do list and its inbox, linked to its answering page
    const todo = await scene.as('dept').get('/api/todo', { kind: 'surveyResponse', q: title });
    expect(todo.body.items).toEqual([
      expect.objectContaining({ kind: 'surveyResponse', kindLabel: '迁移摸底填报', objectName: title, dueDate: '2026-12-11', daysLeft: 4, overdue: false, link: `/survey/responses/${eduResponse}` }),
    ]);
    expect(await told('dept', eduResponse)).toEqual([expect.objectContaining({ event: 'SURVEY_OPENED', dueDate: '2026-12-11', link: `/survey/responses/${eduResponse}` })]);
    expect((await told('finance', finResponse)).map((n) => n.event)).toEqual(['SURVEY_OPENED']);

    // its answering page lists its own register, nothing confirmed yet; submitting needs a confirmed system
    let answer = await scene.as('dept').get(path(eduResponse));
    expect(answer.status).toBe(200);
    expect(answer.body.systems.find((s: { id: string }) => s.id === system.id)).toMatchObject({ code: system.body.code, confirmed: false });
    expect(answer.body.systems.some((s: { id: string }) => s.id === foreign.id)).toBe(false);
    const early = await scene.as('dept').post(`${path(eduResponse)}/submit`, {}, answer.etag);
    expect([early.status, early.body.code]).toEqual([409, 'SURVEY_NOTHING_CONFIRMED']);
    expect((await scene.as('dept').post(`${path(eduResponse)}/confirm`, { systemIds: [system.id] })).status).toBe(428);
    const notOwn = await scene.as('dept').post(`${path(eduResponse)}/confirm`, { systemIds: [system.id, foreign.id] }, answer.etag);
    expect([notOwn.status, notOwn.body.fields?.[0]?.path, notOwn.body.fields?.[0]?.code]).toEqual([422, 'systemIds.1', 'SURVEY_SYSTEM_NOT_OWN']);
    const confirmed = await scene.as('dept').post(`${path(eduResponse)}/confirm`, { systemIds: [system.id] }, answer.etag);
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.body.systems.find((s: { id: string }) => s.id === system.id).confirmed).toBe(true);
    const noneNow = await scene.as('dept').post(`${path(eduResponse)}/declare-none`, { reason: '无' }, confirmed.etag);
    expect([noneNow.status, noneNow.body.code]).toEqual([409, 'SURVEY_SYSTEMS_CONFIRMED']);
    const submitted = await scene.as('dept').post(`${path(eduResponse)}/submit`, {}, confirmed.etag);
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'SUBMITTED', submittedBy: '张老师（市教育局）' });
    // the system remembers the campaign that confirmed it
    const sys = await scene.as('dept').get(`/api/migration/systems/${system.id}`);
    expect(sys.body.lastConfirmed).toMatchObject({ campaignId: opened.body.id, title });
    expect((await scene.as('dept').get('/api/todo', { kind: 'surveyResponse', q: title })).body.items).toEqual([]);
    expect((await told('bdc', opened.body.id)).map((n) => n.event)).toEqual(['SURVEY_ANSWERED']);

    // the finance bureau (no department role) answers for itself: nothing to declare, with its reason
    answer = await scene.as('finance').get(path(finResponse));
    const missingReason = await scene.as('finance').post(`${path(finResponse)}/declare-none`, {}, answer.etag);
    expect([missingReason.status, missingReason.body.fields?.[0]?.path]).toEqual([400, 'reason']);
    const none = await scene.as('finance').post(`${path(finResponse)}/declare-none`, { reason: '本单位业务系统均由省财政厅统一建设' }, answer.etag);
    expect(none.status, none.text).toBe(200);
    expect(none.body).toMatchObject({ status: 'NOTHING_TO_DECLARE', declaredReason: '本单位业务系统均由省财政厅统一建设' });

    // another organisation neither reads nor answers this one's response; units do not read the campaign
    expect((await scene.as('dept2').get(path(eduResponse))).status).toBe(404);
    expect((await scene.as('dept2').post(`${path(finResponse)}/declare-none`, { reason: 'x' }, '"v1"')).status).toBe(404);
    expect((await scene.as('dept').get(campaignPath)).status).toBe(403);
    // the department cannot send its own answer back
    expect((await scene.as('dept').post(`${path(eduResponse)}/return`, { reason: 'x' }, submitted.etag)).status).toBe(403);

    // the sub-center sends the department's answer back: pending again, told, on its to-do list again
    const sendBack = await scene.as('bdc').post(`${path(eduResponse)}/return`, { reason: '请补充机房内的视频会议系统' }, submitted.etag);
    expect(sendBack.status, sendBack.text).toBe(200);
    expect(sendBack.body).toMatchObject({ status: 'PENDING', returnReason: '请补充机房内的视频会议系统' });
    expect((await told('dept', eduResponse)).map((n) => n.event)).toEqual(['SURVEY_OPENED', 'SURVEY_RETURNED']);
    expect((await scene.as('dept').get('/api/todo', { kind: 'surveyResponse', q: title })).body.total).toBe(1);

    // past the due date (Friday 11th), on Monday the 14th, the pending ones are late by one working day
    scene.setToday('2026-12-14');
    let coverage = await scene.as('bdc').get(campaignPath);
    expect(coverage.body.counts).toEqual({ asked: 3, submitted: 0, nothingToDeclare: 1, pending: 2, late: 2, systemsConfirmed: 0 });
    const { asked, submitted: s, nothingToDeclare, pending } = coverage.body.counts;
    expect(s + nothingToDeclare + pending).toBe(asked);
    expect(rowOf(coverage, health)).toMatchObject({ status: 'PENDING', late: true, workingDaysOverdue: 1 });
    expect(rowOf(coverage, fin)).toMatchObject({ status: 'NOTHING_TO_DECLARE', late: false, returnable: true });
    expect(rowOf(coverage, health).returnable).toBe(false);
    expect(rowOf(coverage, edu)).toMatchObject({ status: 'PENDING', systemsConfirmed: 1, late: true });
    // counted on the day: never cached, never a 304 on yesterday's version
    const raw = await scene.t.http.get(campaignPath).set(await scene.t.as('bdc')).set('If-None-Match', coverage.etag!);
    expect([raw.status, raw.headers['cache-control']]).toEqual([200, 'no-store']);
    // GIA of the city reads it too; the auditor reads; a county's GIA sees only its county's answers
    expect((await scene.as('gia').get(campaignPath)).body.counts.asked).toBe(3);
    const audited = await scene.as('auditor').get(campaignPath);
    expect([audited.status, rowOf(audited, fin).returnable]).toEqual([200, false]);
    expect((await scene.as('county-gia').get(campaignPath)).body.responses).toEqual([]);

    // reminding the late ones tells their staff; the department's answer moved on (its ETag)
    expect((await scene.as('bdc').post(`${campaignPath}/remind`, {})).status).toBe(428);
    const reminded = await scene.as('bdc').post(`${campaignPath}/remind`, {}, coverage.etag);
    expect(reminded.status, reminded.text).toBe(200);
    expect((await told('dept2', rowOf(coverage, health).responseId)).map((n) => n.event)).toEqual(['SURVEY_OPENED', 'SURVEY_REMINDED']);
    expect((await told('finance', finResponse)).map((n) => n.event)).toEqual(['SURVEY_OPENED']);
    expect((await scene.as('dept').get(path(eduResponse))).etag).not.toBe(sendBack.etag);

    // extending: a due date not after today is refused with the field; a later one clears the lateness
    const past = await scene.as('bdc').post(`${campaignPath}/extend`, { dueDate: '2026-12-14', reason: '延期' }, reminded.etag);
    expect([past.status, past.body.fields?.[0]?.path, past.body.fields?.[0]?.code]).toEqual([422, 'dueDate', 'SURVEY_DUE_NOT_AFTER_TODAY']);
    const extended = await scene.as('bdc').post(`${campaignPath}/extend`, { dueDate: '2026-12-18', reason: '部分单位机房盘点未完成' }, reminded.etag);
    expect(extended.status, extended.text).toBe(200);
    expect(extended.body).toMatchObject({ dueDate: '2026-12-18', counts: { late: 0, pending: 2 } });

    // the department submits again; the sub-center closes the campaign; answers are refused afterwards
    answer = await scene.as('dept').get(path(eduResponse));
    expect((await scene.as('dept').post(`${path(eduResponse)}/submit`, {}, answer.etag)).status).toBe(200);
    coverage = await scene.as('bdc').get(campaignPath);
    expect(coverage.body.counts).toMatchObject({ submitted: 1, nothingToDeclare: 1, pending: 1, systemsConfirmed: 1 });
    const closed = await scene.as('bdc').post(`${campaignPath}/close`, { note: '摸底结束，未报单位另行督办' }, coverage.etag);
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body).toMatchObject({ status: 'CLOSED', closeNote: '摸底结束，未报单位另行督办' });
    const healthAnswer = await scene.as('dept2').get(path(rowOf(coverage, health).responseId));
    expect(healthAnswer.body.allowedActions.find((a: { action: string }) => a.action === 'submit')).toMatchObject({ enabled: false, reason: { code: 'SURVEY_CAMPAIGN_CLOSED' } });
    const late = await scene.as('dept2').post(`${path(healthAnswer.body.id)}/declare-none`, { reason: '无' }, healthAnswer.etag);
    expect([late.status, late.body.code]).toEqual([409, 'SURVEY_CAMPAIGN_CLOSED']);
    const again = await scene.as('bdc').post(`${campaignPath}/remind`, {}, closed.etag);
    expect([again.status, again.body.code]).toEqual([409, 'INVALID_TRANSITION']);
    expect((await scene.as('dept2').get('/api/todo', { kind: 'surveyResponse', q: title })).body.total).toBe(0);

    // the coverage as a spreadsheet
    const sheet = await downloadSheet(scene.t, 'bdc', `${campaignPath}/export`);
    expect(sheet.status).toBe(200);
    expect(sheet.header).toEqual(['单位编码', '单位', '填报状态', '确认系统数', '报送时间', '逾期（工作日）', '说明']);
    expect(sheet.rows).toHaveLength(3);
    expect(sheet.rows.map((r) => r[2])).toEqual(expect.arrayContaining(['已报送', '无系统可报', '待填报']));

    // the trail records the opening and the answers
    const trail = await scene.as('auditor').get('/api/audit/events', { targetId: opened.body.id });
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['survey-campaign.open', 'survey-campaign.remind', 'survey-campaign.close']));
  });
});

describe('opening a campaign', () => {
  it('asks every active organisation of the kinds named; refuses bad input with the field; only the runners open', async () => {
    scene.setToday('2026-12-07');
    const counties = await openCampaign({ kinds: ['COUNTY'] });
    expect(counties.status, counties.text).toBe(201);
    expect(counties.body.responses.length).toBeGreaterThan(0);
    expect(counties.body.responses.every((r: { org: { kind: string } }) => r.org.kind === 'COUNTY')).toBe(true);
    // the county's own staff see it on their to-do list
    expect((await scene.as('county').get('/api/todo', { kind: 'surveyResponse', q: counties.body.title })).body.total).toBe(1);

    const nobody = await openCampaign({});
    expect([nobody.status, nobody.body.fields?.[0]?.path, nobody.body.fields?.[0]?.code]).toEqual([422, 'orgIds', 'SURVEY_NO_ORGS']);
    const past = await openCampaign({ kinds: ['COUNTY'], dueDate: '2026-12-07' });
    expect([past.status, past.body.fields?.[0]?.path]).toEqual([422, 'dueDate']);
    const unknown = await openCampaign({ orgIds: ['00000000-0000-4000-8000-000000000000'] });
    expect([unknown.status, unknown.body.fields?.[0]?.path, unknown.body.fields?.[0]?.code]).toEqual([422, 'orgIds.0', 'SURVEY_ORG_UNKNOWN']);
    const badKind = await openCampaign({ kinds: ['NOPE'] });
    expect([badKind.status, badKind.body.fields?.[0]?.path]).toEqual([400, 'kinds.0']);
    const badDate = await openCampaign({ kinds: ['COUNTY'], dueDate: '2026-13-01' });
    expect([badDate.status, badDate.body.fields?.[0]?.path]).toEqual([400, 'dueDate']);
    for (const user of ['dept', 'finance', 'county-gia', 'auditor']) expect((await openCampaign({ kinds: ['COUNTY'] }, user)).status).toBe(403);
    // the city GIA runs campaigns too
    expect((await openCampaign({ kinds: ['FINANCE'] }, 'gia')).status).toBe(201);
  });
});

describe('the reminder sweep', () => {
  it('reminds the pending organisations of an open campaign ahead, on the day and when overdue, once per step', async () => {
    scene.setToday('2026-12-07');
    const edu = await orgIdOf('dept');
    const opened = await openCampaign({ orgIds: [edu], dueDate: '2026-12-16' });
    const responseId = opened.body.responses[0].responseId as string;
    const settings = loadConfig({}).reminders;
    const sweep = () => createReminderSweep({ db: scene.t.platform.db, settings, today: () => scene.today() });
    const on = async (day: LocalDate) => {
      scene.setToday(day);
      await sweep().run();
      await sweep().run();
    };
    await on('2026-12-08'); // 6 working days ahead: nothing
    expect((await told('dept', responseId)).map((n) => n.event)).toEqual(['SURVEY_OPENED']);
    await on('2026-12-11'); // 3 working days ahead
    await on('2026-12-16'); // the day
    await on('2026-12-17'); // overdue
    await on('2026-12-18'); // still overdue: no second reminder of that step
    const notes = await told('dept', responseId);
    expect(notes.map((n) => n.event)).toEqual(['SURVEY_OPENED', 'SURVEY_REMINDED', 'SURVEY_REMINDED', 'SURVEY_REMINDED']);
    expect(notes[1]!.message).toContain('2026-12-16');
  });
});
