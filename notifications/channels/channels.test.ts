// The channels' own rules: which addresses a webhook may not call, the SMTP password kept out of logs, and the
// configuration refusing what cannot work.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../core/config.js';
import { redactedSmtpUrl } from './email.js';
import { isPrivateAddress, signBody } from './webhook.js';

describe('webhook addresses', () => {
  it.each(['127.0.0.1', '127.8.8.8', '::1', '0.0.0.0', '::', '10.20.30.40', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '224.0.0.1'])(
    'refuses %s',
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );
  it.each(['8.8.8.8', '203.0.113.10', '172.32.0.1', '2400:3200::1', '::ffff:8.8.8.8'])('allows %s', (address) => expect(isPrivateAddress(address)).toBe(false));

  it('signs the raw body: HMAC-SHA256 under the key, hex, prefixed', () => {
    // RFC 4231 test case 2
    expect(signBody('Jefe', 'what do ya want for nothing?')).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });
});

describe('SMTP configuration', () => {
  it('keeps the password out of what is logged', () => {
    const shown = redactedSmtpUrl('smtp://notify%40gov:S3cret-pass@mail.yuncheng.gov.cn:587');
    expect(shown).not.toContain('S3cret');
    expect(shown).toContain('mail.yuncheng.gov.cn:587');
  });

  it('refuses an URL that is not smtp:// or smtps://, and reads the rest', () => {
    expect(() => loadConfig({ ZY_SMTP_URL: 'http://mail.example.gov.cn' })).toThrow(ConfigError);
    expect(() => loadConfig({ ZY_SMTP_URL: 'http://mail.example.gov.cn' })).toThrow(/ZY_SMTP_URL/);
    const c = loadConfig({ ZY_SMTP_URL: 'smtps://mail.example.gov.cn:465', ZY_SMTP_REQUIRE_TLS: 'true', ZY_PUBLIC_URL: 'https://zy.example.gov.cn/' }).notifications;
    expect(c).toMatchObject({ publicUrl: 'https://zy.example.gov.cn', smtp: { url: 'smtps://mail.example.gov.cn:465', requireTls: true, rejectUnauthorized: true }, webhook: { timeoutMs: 5000, allowPrivate: false } });
    expect(loadConfig({}).notifications.smtp).toBeNull();
  });
});
