// E-mail notifications proven against a real SMTP server on loopback (smtp-server, parsed with mailparser), reached
// through STARTTLS (required by configuration; the test server's certificate is self-signed): a project submitted
// reaches the GIA reviewer's mailbox in zh-CN; with the server down the change still commits, the delivery is
// retried with backoff, shows its attempts and error in the admin log, fails after the last retry and is sent by an
// administrator's retry; a digest reader gets one mail a day instead; a server without STARTTLS gets nothing.
import { afterAll, describe, expect, it } from 'vitest';
import { writeDigests } from '../../notifications/delivery-worker.js';
import { projectIn } from '../support/project-factories.js';
import { uniqueTag, useScene } from '../support/scene.js';
import { freePort, selfSignedCertificate, startSmtpPeer, type SmtpPeer } from '../support/smtp-peer.js';
import { until } from '../support/wait.js';

const smtpPort = await freePort();
const certificate = selfSignedCertificate();
const PUBLIC_URL = 'https://zhengyun.yuncheng.gov.cn';
const scene = useScene({
  ZY_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  ZY_SMTP_FROM: '政云平台 <noreply@zhengyun.gov.cn>',
  ZY_SMTP_REQUIRE_TLS: 'true',
  // the test server's certificate is self-signed: trusted here only
  ZY_SMTP_TLS_REJECT_UNAUTHORIZED: 'false',
  ZY_SMTP_TIMEOUT_SECONDS: '3',
  ZY_DELIVERY_RETRY_LIMIT: '2',
  ZY_DELIVERY_RETRY_DELAY_SECONDS: '1',
  ZY_PUBLIC_URL: PUBLIC_URL,
});
let smtp: SmtpPeer | undefined;
afterAll(() => smtp?.stop());

/** Gives a demo user an e-mail address, as the system administrator does. */
async function giveAddress(username: string, email: string) {
  const found = (await scene.as('admin').get('/api/users', { q: username })).body.items.find((u: { username: string }) => u.username === username);
  const current = await scene.as('admin').get(`/api/users/${found.id}`);
  expect((await scene.as('admin').patch(`/api/users/${found.id}`, { email }, current.etag)).status).toBe(200);
}

const deliveryAbout = async (name: string) =>
  (await scene.as('admin').get('/api/admin/deliveries', { channel: 'EMAIL', pageSize: 200 })).body.items.find((d: { subject: string }) => d.subject.includes(name));

describe('e-mail notifications through a real SMTP server', () => {
  it('a project submitted reaches the GIA reviewer by e-mail over STARTTLS, in zh-CN, naming the project with an absolute link', async () => {
    smtp = await startSmtpPeer(smtpPort, certificate);
    await giveAddress('gia', 'wang.shenpi@gia.yuncheng.gov.cn');
    const name = `邮件通知${uniqueTag()}`;
    const p = await projectIn(scene, 'GIA_REVIEW', { overrides: { name } });

    const mail = await smtp.mailTo('wang.shenpi@gia.yuncheng.gov.cn', name);
    expect(mail.secure).toBe(true);
    expect(mail.from).toContain('noreply@zhengyun.gov.cn');
    expect(mail.subject).toBe(`【政云】项目待我处理：${name}`);
    expect(mail.text).toContain(`项目「${name}」已进入「`);
    expect(mail.text).toContain('待您处理');
    expect(mail.text).toContain(`事项：${name}`);
    expect(mail.text).toContain(`办理地址：${PUBLIC_URL}/review/projects/${p.id}`);
    // one mail for the one notification, and the log says it was sent
    await until('the delivery marked sent', async () => ((await deliveryAbout(name))?.state === 'SENT' ? true : undefined));
    const logged = await deliveryAbout(name);
    expect(logged).toMatchObject({ channel: 'EMAIL', target: 'wang.shenpi@gia.yuncheng.gov.cn', attempts: 1, lastError: null, allowedActions: [] });
    expect(smtp.mails.filter((m) => m.subject.includes(name))).toHaveLength(1);
  });

  it('with the server down the change commits, the mail is retried with backoff and FAILED after the last retry; the administrator sends it again', async () => {
    await smtp?.stop();
    smtp = undefined;
    await giveAddress('gia', 'wang.shenpi@gia.yuncheng.gov.cn');
    const name = `邮件重试${uniqueTag()}`;
    const p = await projectIn(scene, 'GIA_REVIEW', { overrides: { name } });
    // the state change did not wait for the mail
    expect((await scene.as('gia').get(`/api/projects/${p.id}`)).body.status).toBe('GIA_REVIEW');

    const first = await until('a first failed attempt', async () => {
      const d = await deliveryAbout(name);
      return d?.attempts === 1 ? d : undefined;
    });
    expect(first.state).toBe('PENDING');
    expect(first.lastError).toMatch(/ECONNREFUSED|connect/i);
    const second = await until('the second attempt', async () => {
      const d = await deliveryAbout(name);
      return d?.attempts === 2 ? d : undefined;
    });
    // backoff: the retry waited at least the configured delay
    expect(Date.parse(second.lastAttemptAt) - Date.parse(first.lastAttemptAt)).toBeGreaterThanOrEqual(900);
    const failed = await until('the delivery failed', async () => {
      const d = await deliveryAbout(name);
      return d?.state === 'FAILED' ? d : undefined;
    }, 30_000);
    expect(failed.attempts).toBe(3);
    expect(failed.allowedActions.map((a: { action: string; label: string }) => [a.action, a.label])).toEqual([['retry', '重新发送']]);
    const listed = await scene.as('auditor').get('/api/admin/deliveries', { state: 'FAILED' });
    expect(listed.status).toBe(200);
    expect(listed.body.items.some((d: { id: string; allowedActions: unknown[] }) => d.id === failed.id && d.allowedActions.length === 0)).toBe(true);
    expect((await scene.as('auditor').post(`/api/admin/deliveries/${failed.id}/retry`)).status).toBe(403);

    smtp = await startSmtpPeer(smtpPort, certificate);
    const retried = await scene.as('admin').post(`/api/admin/deliveries/${failed.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.state).toBe('PENDING');
    const mail = await smtp.mailTo('wang.shenpi@gia.yuncheng.gov.cn', name);
    expect(mail.subject).toBe(`【政云】项目待我处理：${name}`);
    await until('the retried delivery sent', async () => ((await deliveryAbout(name))?.state === 'SENT' ? true : undefined));
    expect((await scene.as('admin').post(`/api/admin/deliveries/${failed.id}/retry`)).body.code).toBe('DELIVERY_NOT_FAILED');
    const trail = await scene.as('auditor').get('/api/audit/events', { action: 'notification.delivery.retry' });
    expect(trail.body.items[0].actionLabel).toBe('重新发送通知');
  });

  it('a digest reader gets no mail per notification, but one mail gathering them', async () => {
    smtp ??= await startSmtpPeer(smtpPort, certificate);
    await giveAddress('dept', 'zhang.laoshi@edu.yuncheng.gov.cn');
    const prefs = await scene.as('dept').get('/api/me/notification-preferences');
    expect(prefs.body).toMatchObject({ emailAvailable: true, smtpConfigured: true, email: 'zhang.laoshi@edu.yuncheng.gov.cn', custom: false });
    const every = prefs.body.events.map((e: { event: string }) => e.event);
    expect((await scene.as('dept').put('/api/me/notification-preferences', { emailEvents: every, webhookEvents: [], emailDigest: true, locale: 'zh-CN' }, prefs.etag)).status).toBe(200);

    const name = `汇总${uniqueTag()}`;
    const returned = await projectIn(scene, 'RETURNED', { overrides: { name } });
    expect(returned.body.status).toBe('RETURNED');
    const mine = (await scene.as('admin').get('/api/admin/deliveries', { channel: 'EMAIL', pageSize: 200 })).body.items.filter((d: { target: string }) => d.target === 'zhang.laoshi@edu.yuncheng.gov.cn');
    expect(mine).toEqual([]);

    expect(await writeDigests(scene.t.platform.db)).toBe(1);
    const digest = await smtp.mailTo('zhang.laoshi@edu.yuncheng.gov.cn', '通知汇总');
    expect(digest.subject).toMatch(/^【政云】\d{4}-\d{2}-\d{2} 通知汇总（\d+ 条）$/);
    expect(digest.text).toContain(`项目「${name}」被退回修改：`);
    // the next run has nothing new: no second mail
    expect(await writeDigests(scene.t.platform.db)).toBe(0);
  });

  it('refuses to send to a server that does not offer STARTTLS when configuration requires it', async () => {
    await smtp?.stop();
    smtp = await startSmtpPeer(smtpPort);
    await giveAddress('gia', 'wang.shenpi@gia.yuncheng.gov.cn');
    const name = `明文拒发${uniqueTag()}`;
    await projectIn(scene, 'GIA_REVIEW', { overrides: { name } });
    const refused = await until('a refused attempt', async () => {
      const d = await deliveryAbout(name);
      return d?.lastError ? d : undefined;
    });
    expect(refused.lastError).toMatch(/STARTTLS/i);
    expect(smtp.mails.filter((m) => m.subject.includes(name))).toEqual([]);
  });
});
