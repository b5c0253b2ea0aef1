// Webhook URLs where configuration does not allow private addresses (the default): loopback, link-local (the cloud
// metadata address) and names resolving to them are refused with 422 naming the field, and a webhook that points at
// one anyway (set while it was allowed) is refused when the call is made, the refusal logged on the delivery.
import { describe, expect, it } from 'vitest';
import { projectIn } from '../support/project-factories.js';
import { uniqueTag, useScene } from '../support/scene.js';
import { until } from '../support/wait.js';
import { startWebhookPeer } from '../support/webhook-peer.js';

const scene = useScene({ ZY_DELIVERY_RETRY_LIMIT: '0', ZY_DELIVERY_RETRY_DELAY_SECONDS: '1' });
const orgId = async (code: string) => (await scene.t.platform.db.prisma.organisation.findUniqueOrThrow({ where: { code } })).id;

describe('webhook URLs on private addresses', () => {
  it.each([
    ['http://127.0.0.1:8080/robot', '127.0.0.1'],
    ['http://169.254.169.254/latest/meta-data', '169.254.169.254'],
    ['http://[::1]:8080/robot', '::1'],
    ['http://10.1.2.3/robot', '10.1.2.3'],
    ['http://localhost:8080/robot', '127.0.0.1'],
  ])('refuses %s: 422 WEBHOOK_URL_PRIVATE on the field url', async (url, address) => {
    const org = await orgId('EDU');
    const res = await scene.as('admin').put(`/api/orgs/${org}/webhook`, { url, enabled: true });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('WEBHOOK_URL_PRIVATE');
    expect(res.body.fields).toEqual([expect.objectContaining({ path: 'url', code: 'WEBHOOK_URL_PRIVATE' })]);
    if (url.includes('localhost')) expect(res.body.fields[0].message).toMatch(/127\.0\.0\.1|::1/);
    else expect(res.body.fields[0].message).toContain(address);
    expect((await scene.as('admin').get(`/api/orgs/${org}/webhook`)).body.configured).toBe(false);
  });

  it('refuses the call when the stored URL points at loopback, and logs why on the delivery', async () => {
    const peer = await startWebhookPeer();
    try {
      const gia = await orgId('GIA');
      // as if set while configuration allowed it
      await scene.t.platform.db.prisma.orgWebhook.create({ data: { orgId: gia, url: peer.url, secret: 'k'.repeat(64) } });
      const name = `内网${uniqueTag()}`;
      const p = await projectIn(scene, 'GIA_REVIEW', { overrides: { name } });
      expect(p.body.status).toBe('GIA_REVIEW');
      const failed = await until('the refused call logged', async () => {
        const d = (await scene.as('admin').get('/api/admin/deliveries', { channel: 'WEBHOOK', state: 'FAILED' })).body.items.find((x: { subject: string }) => x.subject.includes(name));
        return d ?? undefined;
      });
      expect(failed.lastError).toContain('refused');
      expect(failed.attempts).toBe(1);
      expect(peer.calls).toEqual([]);
      const test = await scene.as('admin').post(`/api/orgs/${gia}/webhook/test`);
      expect(test.body).toMatchObject({ ok: false, status: null });
      expect(test.body.error).toContain('refused');
      expect(peer.calls).toEqual([]);
    } finally {
      await peer.stop();
    }
  });
});
