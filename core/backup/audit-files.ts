// The audit chain's files outside the database, in a backup (README "Audit chain keys and checkpoints"): the HMAC key
// file (not keys given in ZY_AUDIT_KEYS: those stay where the operator keeps them), the checkpoint signing key, and
// the checkpoints up to the snapshot's last record (later ones name records the backup does not hold). Restored where
// the target's configuration puts them, without replacing anything it already has.
import fs from 'node:fs';
import path from 'node:path';
import type { AuditKeyConfig } from '../config.js';
import { parseKeyFile, writeSecretOnce } from '../audit/keys.js';

export const AUDIT_DIR = 'audit';
const KEYS = 'hmac.keys';
const SIGNING_KEY = 'checkpoint-ed25519.pem';
const CHECKPOINTS = 'checkpoints.jsonl';

export interface AuditFilesManifest {
  /** the HMAC key file is in the archive */
  keys: boolean;
  signingKey: boolean;
  checkpoints: number;
}

/** Copies the audit files into the staging folder; `head`: the snapshot's last audit position. */
export function stageAuditFiles(config: AuditKeyConfig, head: bigint, staging: string): AuditFilesManifest {
  const into = path.join(staging, AUDIT_DIR);
  fs.mkdirSync(into, { recursive: true, mode: 0o700 });
  const copy = (from: string, name: string) => {
    if (!fs.existsSync(from)) return false;
    fs.copyFileSync(from, path.join(into, name));
    fs.chmodSync(path.join(into, name), 0o600);
    return true;
  };
  const keys = config.keys === null && copy(config.keyFile, KEYS);
  const signingKey = copy(config.signingKeyFile, SIGNING_KEY);
  let checkpoints = 0;
  if (fs.existsSync(config.checkpointFile)) {
    const kept = fs
      .readFileSync(config.checkpointFile, 'utf8')
      .split('\n')
      .filter((line) => {
        if (!line.trim()) return false;
        try {
          return BigInt((JSON.parse(line) as { seq: string }).seq) <= head;
        } catch {
          return true; // a line that is not a checkpoint is kept as it is: the check reports it
        }
      });
    checkpoints = kept.length;
    if (kept.length) fs.writeFileSync(path.join(into, CHECKPOINTS), kept.join('\n') + '\n', { mode: 0o600 });
  }
  return { keys, signingKey, checkpoints };
}

/**
 * Puts the archive's audit files where `config` says: a missing key file or signing key is copied; keys missing from
 * an existing key file are added before its own (its current key stays the current one); the checkpoints are copied
 * when the target has none and signs with the archive's key.
 */
export function restoreAuditFiles(unpacked: string, config: AuditKeyConfig): void {
  const from = path.join(unpacked, AUDIT_DIR);
  if (!fs.existsSync(from)) return; // a backup made before the chain was keyed
  const keys = path.join(from, KEYS);
  if (config.keys === null && fs.existsSync(keys)) {
    const text = fs.readFileSync(keys, 'utf8');
    if (!writeSecretOnce(config.keyFile, text)) {
      const existing = fs.readFileSync(config.keyFile, 'utf8');
      const have = new Set(parseKeyFile(existing, config.keyFile).map((k) => k.id));
      const missing = parseKeyFile(text, keys).filter((k) => !have.has(k.id));
      if (missing.length) fs.writeFileSync(config.keyFile, missing.map((k) => `${k.id} ${k.key.toString('hex')}\n`).join('') + existing, { mode: 0o600 });
    }
  }
  const signing = path.join(from, SIGNING_KEY);
  if (!fs.existsSync(signing)) return;
  const pem = fs.readFileSync(signing, 'utf8');
  const sameSigner = writeSecretOnce(config.signingKeyFile, pem) || fs.readFileSync(config.signingKeyFile, 'utf8') === pem;
  const checkpoints = path.join(from, CHECKPOINTS);
  if (sameSigner && fs.existsSync(checkpoints) && !fs.existsSync(config.checkpointFile)) {
    fs.mkdirSync(path.dirname(config.checkpointFile), { recursive: true, mode: 0o700 });
    fs.copyFileSync(checkpoints, config.checkpointFile);
    fs.chmodSync(config.checkpointFile, 0o600);
  }
}
