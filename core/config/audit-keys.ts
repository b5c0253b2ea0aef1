// Settings of the audit chain's keys and signed checkpoints (core/audit/keys.ts, core/audit/checkpoints.ts).
import path from 'node:path';
import { z } from 'zod';

export const auditKeyEnv = {
  /** Audit chain keys (README "Audit chain keys and checkpoints"): id=hex pairs, comma-separated, each key at least
   *  32 bytes (64 hex digits); set: the key file is not read. The last is the current one unless ZY_AUDIT_KEY_ID names another. */
  ZY_AUDIT_KEYS: z
    .string()
    .regex(/^\s*[A-Za-z0-9._-]{1,32}=[0-9a-fA-F]{64,128}\s*(,\s*[A-Za-z0-9._-]{1,32}=[0-9a-fA-F]{64,128}\s*)*$/, 'id=key pairs such as k2=<64 hex digits>, comma-separated')
    .optional(),
  /** the file of audit chain keys (lines "id hex"); default DATA_DIR/audit-keys/hmac.keys, made on first start when missing */
  ZY_AUDIT_KEY_FILE: z.string().min(1).optional(),
  /** the key id new audit records are hashed with; default the last key listed */
  ZY_AUDIT_KEY_ID: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, 'letters, digits, dot, dash or underscore (at most 32)').optional(),
  /** the Ed25519 private key (PKCS#8 PEM) that signs checkpoints; default DATA_DIR/audit-keys/checkpoint-ed25519.pem, made when missing */
  ZY_AUDIT_SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** the append-only file (JSON lines) checkpoints are written to; default DATA_DIR/audit-checkpoints.jsonl */
  ZY_AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  /** minutes between checkpoints written by the API process (one is also written at start); 0: only at start and on demand */
  ZY_AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(15),
};

type AuditKeyEnv = z.infer<z.ZodObject<typeof auditKeyEnv>>;

export interface AuditKeyConfig {
  /** keys given in the environment (id → hex), in the order listed; null: the key file holds them */
  keys: { id: string; hex: string }[] | null;
  keyFile: string;
  /** null: the last key listed */
  currentKeyId: string | null;
  signingKeyFile: string;
  checkpointFile: string;
  /** 0: no periodic checkpoints */
  checkpointMinutes: number;
}

/** Files default to places under `dataDir`. */
export function auditKeysFrom(e: AuditKeyEnv, dataDir: string): AuditKeyConfig {
  return {
    keys: e.ZY_AUDIT_KEYS
      ? e.ZY_AUDIT_KEYS.split(',').map((pair) => {
          const [id, hex] = pair.trim().split('=') as [string, string];
          return { id, hex: hex.toLowerCase() };
        })
      : null,
    keyFile: path.resolve(e.ZY_AUDIT_KEY_FILE ?? path.join(dataDir, 'audit-keys', 'hmac.keys')),
    currentKeyId: e.ZY_AUDIT_KEY_ID ?? null,
    signingKeyFile: path.resolve(e.ZY_AUDIT_SIGNING_KEY_FILE ?? path.join(dataDir, 'audit-keys', 'checkpoint-ed25519.pem')),
    checkpointFile: path.resolve(e.ZY_AUDIT_CHECKPOINT_FILE ?? path.join(dataDir, 'audit-checkpoints.jsonl')),
    checkpointMinutes: e.ZY_AUDIT_CHECKPOINT_MINUTES,
  };
}
