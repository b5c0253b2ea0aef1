// The audit chain's HMAC-SM3 keys, held outside the database: from ZY_AUDIT_KEYS, or a key file (one "id hex" line
// per key; made with a fresh key on first start when neither is configured). New records use the current key; every
// record names its key id, so after a rotation older records still verify with the key they were written with.
// A process binds its keys once at start (api/platform.ts, the worker); the secrets are never logged.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type AuditKeyConfig } from '../config.js';
import { LEGACY_KEY_ID, type KeyLookup } from './chain.js';

export interface AuditKeyring {
  /** the key id new records are hashed with */
  currentId: string;
  keys: Map<string, Buffer>;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,32}$/;
const MIN_KEY_BYTES = 32;

/** The lines of a key file: "id hex", blank lines and # comments ignored. */
export function parseKeyFile(text: string, file: string): { id: string; key: Buffer }[] {
  const out: { id: string; key: Buffer }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [id, hex, extra] = line.split(/\s+/);
    if (!id || !hex || extra !== undefined || !KEY_ID.test(id) || !/^[0-9a-fA-F]+$/.test(hex) || hex.length % 2 || hex.length < MIN_KEY_BYTES * 2) {
      throw new ConfigError(`Invalid configuration:\n  ${file}:${i + 1}: expected "<key id> <at least ${MIN_KEY_BYTES * 2} hex digits>"`);
    }
    out.push({ id, key: Buffer.from(hex, 'hex') });
  });
  return out;
}

/** A new key and its id (derived from the key, so two generated keys never share an id). */
export function newAuditKey(): { id: string; key: Buffer } {
  const key = crypto.randomBytes(MIN_KEY_BYTES);
  const id = `k${crypto.createHmac('sm3', key).update('zhengyun audit key id').digest('hex').slice(0, 12)}`;
  return { id, key };
}

/** Writes a file only if it does not exist yet (owner-only), in an owner-only folder; false when it already existed. */
export function writeSecretOnce(file: string, content: string): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, content, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** Reads (or, when nothing is configured, creates) the keys; `generated` names the key file made now. */
export function loadAuditKeys(config: Pick<AuditKeyConfig, 'keys' | 'keyFile' | 'currentKeyId'>): { keyring: AuditKeyring; generated: string | null } {
  let generated: string | null = null;
  let entries: { id: string; key: Buffer }[];
  if (config.keys) {
    entries = config.keys.map((k) => ({ id: k.id, key: Buffer.from(k.hex, 'hex') }));
  } else {
    if (!fs.existsSync(config.keyFile)) {
      const { id, key } = newAuditKey();
      const made = writeSecretOnce(config.keyFile, `# Zhengyun audit chain keys: "<key id> <hex>", one per line; the last is the current one.\n${id} ${key.toString('hex')}\n`);
      if (made) generated = config.keyFile;
    }
    entries = parseKeyFile(fs.readFileSync(config.keyFile, 'utf8'), config.keyFile);
  }
  if (entries.length === 0) throw new ConfigError(`Invalid configuration:\n  ${config.keyFile}: holds no audit chain key`);
  const keys = new Map<string, Buffer>();
  for (const e of entries) {
    if (e.id === LEGACY_KEY_ID) throw new ConfigError(`Invalid configuration:\n  audit key id ${LEGACY_KEY_ID} is reserved for records written before keyed hashing`);
    if (keys.has(e.id)) throw new ConfigError(`Invalid configuration:\n  audit key id ${e.id} is listed twice`);
    keys.set(e.id, e.key);
  }
  const currentId = config.currentKeyId ?? entries[entries.length - 1]!.id;
  if (!keys.has(currentId)) throw new ConfigError(`Invalid configuration:\n  ZY_AUDIT_KEY_ID: no audit key with id ${currentId}`);
  return { keyring: { currentId, keys }, generated };
}

// The keys this process holds. Binding adds to them (several platforms in one test process each keep verifying their
// own records; generated ids never collide) and makes the bound keyring's current key the one new records use.
let bound: AuditKeyring | null = null;
/** Tests that write records without starting a platform: a key that lives as long as the process. */
let ephemeral: AuditKeyring | null = null;

export function bindAuditKeys(keyring: AuditKeyring): void {
  const keys = new Map(bound?.keys ?? []);
  for (const [id, key] of keyring.keys) keys.set(id, key);
  bound = { currentId: keyring.currentId, keys };
}

/** The keys bound at start; outside tests, writing or verifying without them is a programming error. */
export function auditKeyring(): AuditKeyring {
  if (bound) return bound;
  if (process.env.NODE_ENV !== 'test') throw new Error('audit chain keys are not loaded in this process (core/audit/keys.ts bindAuditKeys)');
  if (!ephemeral) {
    const { id, key } = newAuditKey();
    ephemeral = { currentId: id, keys: new Map([[id, key]]) };
  }
  return ephemeral;
}

export const keyLookup = (keyring: AuditKeyring): KeyLookup => (id) => keyring.keys.get(id);
