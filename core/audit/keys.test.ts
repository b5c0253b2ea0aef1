import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { loadCheckpointSigner, readCheckpoints, signCheckpoint } from './checkpoints.js';
import { loadAuditKeys } from './keys.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-audit-keys-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const hex = () => crypto.randomBytes(32).toString('hex');

describe('audit chain keys', () => {
  it('makes an owner-only key file on first start when none is configured, and reads the same key afterwards', () => {
    const config = loadConfig({ DATA_DIR: path.join(dir, 'fresh') }).audit;
    const first = loadAuditKeys(config);
    expect(first.generated).toBe(path.join(dir, 'fresh', 'audit-keys', 'hmac.keys'));
    expect(fs.statSync(first.generated!).mode & 0o077).toBe(0);
    expect(fs.statSync(path.dirname(first.generated!)).mode & 0o077).toBe(0);
    const again = loadAuditKeys(config);
    expect(again.generated).toBeNull();
    expect(again.keyring.currentId).toBe(first.keyring.currentId);
    expect(again.keyring.keys.get(again.keyring.currentId)).toEqual(first.keyring.keys.get(first.keyring.currentId));
  });

  it('takes the last key listed as the current one, or the one ZY_AUDIT_KEY_ID names', () => {
    const [a, b] = [hex(), hex()];
    expect(loadAuditKeys(loadConfig({ ZY_AUDIT_KEYS: `k1=${a},k2=${b}` }).audit).keyring.currentId).toBe('k2');
    const chosen = loadAuditKeys(loadConfig({ ZY_AUDIT_KEYS: `k1=${a}, k2=${b}`, ZY_AUDIT_KEY_ID: 'k1' }).audit).keyring;
    expect(chosen.currentId).toBe('k1');
    expect(chosen.keys.get('k2')!.toString('hex')).toBe(b);
    expect(() => loadAuditKeys(loadConfig({ ZY_AUDIT_KEYS: `k1=${a}`, ZY_AUDIT_KEY_ID: 'k9' }).audit)).toThrow(/no audit key with id k9/);
  });

  it('refuses short keys, bad lines and the reserved legacy id, naming where', () => {
    expect(() => loadConfig({ ZY_AUDIT_KEYS: 'k1=abcd' })).toThrow(/ZY_AUDIT_KEYS/);
    const file = path.join(dir, 'bad.keys');
    fs.writeFileSync(file, `# keys\nk1 ${hex()}\nk2 not-hex\n`);
    expect(() => loadAuditKeys(loadConfig({ ZY_AUDIT_KEY_FILE: file }).audit)).toThrow(/bad\.keys:3/);
    fs.writeFileSync(file, `legacy-sm3 ${hex()}\n`);
    expect(() => loadAuditKeys(loadConfig({ ZY_AUDIT_KEY_FILE: file }).audit)).toThrow(/reserved/);
  });
});

describe('checkpoint signatures', () => {
  it('accepts its own checkpoints and counts changed or foreign ones as invalid', () => {
    const { signer, generated } = loadCheckpointSigner(path.join(dir, 'sign', 'key.pem'));
    expect(generated).not.toBeNull();
    expect(fs.statSync(generated!).mode & 0o077).toBe(0);
    const other = loadCheckpointSigner(path.join(dir, 'other.pem')).signer;
    const body = { v: 1 as const, at: new Date().toISOString(), seq: '12', count: 12, head: 'a'.repeat(64), keyId: 'k1', legacyUntil: '0' };
    const good = signCheckpoint(body, signer);
    const file = path.join(dir, 'checkpoints.jsonl');
    fs.writeFileSync(file, [good, { ...good, count: 11 }, signCheckpoint(body, other)].map((c) => JSON.stringify(c)).join('\n') + '\nnot json\n');
    const log = readCheckpoints(file, signer);
    expect(log.valid).toEqual([good]);
    expect(log.invalid).toBe(3);
  });
});
