// Webhook notifications proven against a local HTTP receiver (node:http on 127.0.0.1, allowed by configuration here)
// that checks the HMAC-SHA256 signature with the key the administrator was shown once: one call per organisation
// however many of its people are told; a receiver that answers too slowly is timed out, logged and retried; only
// http(s) URLs are taken; the test call reports the outcome; a person sees and changes only their own preferences.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectIn } from '../support/project-factories.js';
import { uniqueTag, useScene } from '../support/scene.js';
import { until } from '../support/wait.js';
import { startWebhookPeer, type WebhookPeer } from '../support/webhook-peer.js';

const scene = useScene({
  ZY_WEBHOOK_ALLOW_PRIVATE: 'true',
  ZY_WEBHOOK_TIMEOUT_SECONDS: '1',
  ZY_DELIVERY_RETRY_LIMIT: '2',
  ZY_DELIVERY_RETRY_DELAY_SECONDS: '1',
  ZY_PUBLIC_URL: 'https://zhengyun.yuncheng.gov.cn/',
});
let peer: WebhookPeer;
beforeAll(async () => {
  peer = await startWebhookPeer();
});
afterAll(() => peer?.stop());

const orgId = async (code: string) => (await scene.t.platform.db.prisma.organisation.findUniqueOrThrow({ where: { code } })).id;
const webhookDeliveries = async () => (await scene.as('admin').get('/api/admin/deliveries', { channel: 'WEBHOOK', pageSize: 200 })).body.items as any[];
const deliveryAbout = async (name: string) => (await webhookDeliveries()).find((d) => d.subject.includes(name));
const callsAbout = (name: string) => peer.calls.filter((c) => c.body.object?.name === name);

describe('webhook notifications to a local receiver', () => {
  let gia: string;
  beforeAll(async () => {
    gia = await orgId('GIA');
    // a second reviewer at GIA: both are told of a project reaching review, the organisation's relay once
    const created = await scene.as('admin').post('/api/users', { username: `gia2${uniqueTag()}`, displayName: '钱审批', role: 'GIA_REVIEWER', orgId: gia, password: 'Second-Reviewer-1!' });
    expect(created.status).toBe(201);
  });

  it('sets the URL, shows the signing key once, and signs each call with it: one call per organisation and event', async () => {
    const set = await scene.as('admin').put(`/api/orgs/${gia}/webhook`, { url: peer.url, enabled: true });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ orgId: gia, configured: true, url: peer.url, enabled: true, version: 1 });
    expect(set.body.secret).toMatch(/^[0-9a-f]{64}$/);
    peer.secret = set.body.secret;
    const read = await scene.as('admin').get(`/api/orgs/${gia}/webhook`);
    expect(read.body.secret).toBeUndefined();
    expect(JSON.stringify(read.body)).not.toContain(peer.secret);

    const name = `机器人${uniqueTag()}`;
    const p = await projectIn(scene, 'GIA_REVIEW', { overrides: { name } });
    const notified = await scene.t.platform.db.prisma.notification.count({ where: { objectId: p.id, event: 'PROJECT_AT_STAGE' } });
    expect(notified).toBe(2);
    await until('the call marked sent', async () => ((await deliveryAbout(name))?.state === 'SENT' ? true : undefined));
    const [call, ...more] = callsAbout(name);
    expect(more).toEqual([]);
    expect(call!.signed).toBe(true);
    expect(call!.headers['x-zhengyun-event']).toBe('PROJECT_AT_STAGE');
    expect(call!.headers['x-zhengyun-delivery']).toBe((await deliveryAbout(name)).id);
    expect(Math.abs(Number(call!.headers['x-zhengyun-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(call!.body).toMatchObject({ event: 'PROJECT_AT_STAGE', eventLabel: '项目待我处理', object: { type: 'Project', id: p.id, name }, link: `https://zhengyun.yuncheng.gov.cn/review/projects/${p.id}` });
    expect(call!.body.text).toContain(`项目「${name}」已进入「`);
    expect((await deliveryAbout(name)).org).toEqual({ id: gia, name: expect.any(String) });
    // a body changed on the way no longer matches its signature
    const { verifySignature } = await import('../support/webhook-peer.js');
    expect(verifySignature(peer.secret, call!.raw.replace(name, `${name}x`), call!.headers['x-zhengyun-signature'] as string)).toBe(false);
  });

  it('a receiver that answers too slowly is timed out, logged and retried until it answers', async () => {
    peer.answer = { status: 200, delayMs: 2500 };
    const name = `慢回应${uniqueTag()}`;
    await projectIn(scene, 'GIA_REVIEW', { overrides: { name } });
    const timedOut = await until('a timed-out attempt', async () => {
      const d = await deliveryAbout(name);
      return d?.attempts >= 1 && d.lastError ? d : undefined;
    });
    expect(timedOut.lastError).toBe('timed out after 1000 ms');
    expect(timedOut.state).toBe('PENDING');
    peer.answer = { status: 200, delayMs: 0 };
    const sent = await until('the retried call sent', async () => {
      const d = await deliveryAbout(name);
      return d?.state === 'SENT' ? d : undefined;
    }, 20_000);
    expect(sent.attempts).toBeGreaterThanOrEqual(2);
    expect(sent.lastError).toBe('timed out after 1000 ms');
  });

  it('the test call reports what the receiver answered', async () => {
    const ok = await scene.as('admin').post(`/api/orgs/${gia}/webhook/test`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, status: 200, error: null });
    const test = peer.calls.at(-1)!;
    expect(test.headers['x-zhengyun-event']).toBe('TEST');
    expect(test.signed).toBe(true);
    peer.answer = { status: 503, delayMs: 0 };
    const down = await scene.as('admin').post(`/api/orgs/${gia}/webhook/test`);
    peer.answer = { status: 200, delayMs: 0 };
    expect(down.body).toMatchObject({ ok: false, status: 503, error: 'HTTP 503: relay unavailable' });
    const trail = await scene.as('auditor').get('/api/audit/events', { action: 'organisation.webhook.test' });
    expect(trail.body.items.length).toBeGreaterThanOrEqual(2);
  });

  it('takes only http(s) URLs: 422 naming the field', async () => {
    const current = await scene.as('admin').get(`/api/orgs/${gia}/webhook`);
    const res = await scene.as('admin').put(`/api/orgs/${gia}/webhook`, { url: 'ftp://relay.gov.cn/robot', enabled: true }, current.etag);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('WEBHOOK_URL_SCHEME');
    expect(res.body.fields).toEqual([expect.objectContaining({ path: 'url', label: 'Webhook 地址', code: 'WEBHOOK_URL_SCHEME' })]);
    expect((await scene.as('admin').get(`/api/orgs/${gia}/webhook`)).body.url).toBe(peer.url);
  });

  it('a stale If-Match is refused; rotating the key shows the new one once; removing it stops the calls', async () => {
    const current = await scene.as('admin').get(`/api/orgs/${gia}/webhook`);
    expect((await scene.as('admin').put(`/api/orgs/${gia}/webhook`, { url: peer.url, enabled: true }, '"v999"')).status).toBe(412);
    expect((await scene.as('admin').put(`/api/orgs/${gia}/webhook`, { url: peer.url, enabled: true })).status).toBe(428);
    const rotated = await scene.as('admin').put(`/api/orgs/${gia}/webhook`, { url: peer.url, enabled: true, rotateSecret: true }, current.etag);
    expect(rotated.body.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(rotated.body.secret).not.toBe(peer.secret);
    expect((await scene.as('admin').delete(`/api/orgs/${gia}/webhook`, rotated.etag)).status).toBe(204);
    expect((await scene.as('admin').get(`/api/orgs/${gia}/webhook`)).body).toMatchObject({ configured: false, url: null });
    const name = `已删除${uniqueTag()}`;
    await projectIn(scene, 'GIA_REVIEW', { overrides: { name } });
    expect(await deliveryAbout(name)).toBeUndefined();
  });

  it('only the system administrator manages webhooks and retries; the auditor reads the log; others get 403', async () => {
    for (const user of ['dept', 'gia', 'bdc', 'auditor', 'secadmin']) {
      expect((await scene.as(user).get(`/api/orgs/${gia}/webhook`)).status).toBe(403);
      expect((await scene.as(user).put(`/api/orgs/${gia}/webhook`, { url: peer.url, enabled: true })).status).toBe(403);
      expect((await scene.as(user).post(`/api/orgs/${gia}/webhook/test`)).status).toBe(403);
    }
    for (const user of ['dept', 'gia', 'bdc', 'secadmin']) expect((await scene.as(user).get('/api/admin/deliveries')).status).toBe(403);
    expect((await scene.as('auditor').get('/api/admin/deliveries')).status).toBe(200);
    expect((await scene.as('admin').get('/api/orgs/00000000-0000-4000-8000-000000000000/webhook')).status).toBe(404);
  });

  it('each person sees and changes only their own preferences; without SMTP e-mail is unavailable and none is written', async () => {
    const mine = await scene.as('dept').get('/api/me/notification-preferences');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ smtpConfigured: false, emailAvailable: false, webhookAvailable: false, custom: false, version: 0, locale: 'zh-CN' });
    const atStage = mine.body.events.find((e: { event: string }) => e.event === 'PROJECT_AT_STAGE');
    expect(atStage).toEqual({ event: 'PROJECT_AT_STAGE', label: '项目待我处理', labelEn: 'A project reaches my stage', email: false, webhook: true });
    const changed = await scene.as('dept').put('/api/me/notification-preferences', { emailEvents: [], webhookEvents: ['DEADLINE_OVERDUE'], emailDigest: false, locale: 'en' }, mine.etag);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ custom: true, version: 1, locale: 'en' });
    expect(changed.body.events.filter((e: { webhook: boolean }) => e.webhook).map((e: { event: string }) => e.event)).toEqual(['DEADLINE_OVERDUE']);
    // a stale version is refused; another person's preferences are untouched
    expect((await scene.as('dept').put('/api/me/notification-preferences', { emailEvents: [], webhookEvents: [], emailDigest: false, locale: 'en' }, mine.etag)).status).toBe(412);
    const theirs = await scene.as('dept2').get('/api/me/notification-preferences');
    expect(theirs.body).toMatchObject({ custom: false, locale: 'zh-CN' });
    const bad = await scene.as('dept').put('/api/me/notification-preferences', { emailEvents: ['NOT_AN_EVENT'], webhookEvents: [], emailDigest: false, locale: 'en' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].path).toBe('emailEvents.0');
    expect(await scene.t.platform.db.prisma.notificationDelivery.count({ where: { channel: 'EMAIL' } })).toBe(0);
    const trail = await scene.as('auditor').get('/api/audit/events', { action: 'notification.preferences.update' });
    expect(trail.body.items[0].actionLabel).toBe('修改通知设置');
  });
});
