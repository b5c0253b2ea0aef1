// Signed checkpoints of the audit chain: its head (last position and hash), how many records it holds and when,
// signed with an Ed25519 key held outside the database and appended to a file outside it (JSON lines). Someone who
// can rewrite the table cannot rewrite these, so deleting the newest records, or rebuilding the chain, shows against
// them (./audit.ts verifyAuditChain). The API process writes one at start, every ZY_AUDIT_CHECKPOINT_MINUTES, and
// when the auditor asks (api/routers/audit.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import canonicalize from 'canonicalize';
import type { Database } from '../db/database.js';
import { GENESIS_HASH, LEGACY_KEY_ID, sm3 } from './chain.js';
import { writeSecretOnce } from './keys.js';

export interface Checkpoint {
  v: 1;
  at: string;
  /** the chain's last position (seq) when taken; "0" for an empty chain */
  seq: string;
  /** how many records the chain held */
  count: number;
  /** the hash of the record at `seq` */
  head: string;
  /** the key id of that record */
  keyId: string;
  /** the last position a record without a key (written before keyed hashing) may stand at */
  legacyUntil: string;
  /** the signing key's id (SM3 of its public key, first 16 hex digits) */
  signer: string;
  /** Ed25519 signature of the canonical JSON of the other fields, base64 */
  sig: string;
}

export interface CheckpointSigner {
  id: string;
  privateKey: crypto.KeyObject;
  publicKey: crypto.KeyObject;
}

function signerOf(privateKey: crypto.KeyObject): CheckpointSigner {
  const publicKey = crypto.createPublicKey(privateKey);
  const id = sm3(publicKey.export({ type: 'spki', format: 'der' }).toString('hex')).slice(0, 16);
  return { id, privateKey, publicKey };
}

/** Reads the signing key, creating it when missing; `generated` names the file made now. */
export function loadCheckpointSigner(file: string): { signer: CheckpointSigner; generated: string | null } {
  let generated: string | null = null;
  if (!fs.existsSync(file)) {
    const { privateKey } = crypto.generateKeyPairSync('ed25519');
    if (writeSecretOnce(file, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string)) generated = file;
  }
  const key = crypto.createPrivateKey(fs.readFileSync(file));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file}: not an Ed25519 private key`);
  return { signer: signerOf(key), generated };
}

type Unsigned = Omit<Checkpoint, 'signer' | 'sig'>;
const signedText = (c: Unsigned & { signer: string }) =>
  Buffer.from(canonicalize({ v: c.v, at: c.at, seq: c.seq, count: c.count, head: c.head, keyId: c.keyId, legacyUntil: c.legacyUntil, signer: c.signer }) as string, 'utf8');

export function signCheckpoint(body: Unsigned, signer: CheckpointSigner): Checkpoint {
  const withSigner = { ...body, signer: signer.id };
  return { ...withSigner, sig: crypto.sign(null, signedText(withSigner), signer.privateKey).toString('base64') };
}

/** True when the checkpoint was signed by this signer and not changed since. */
export function signatureValid(c: Checkpoint, signer: CheckpointSigner): boolean {
  if (c.signer !== signer.id || typeof c.sig !== 'string') return false;
  try {
    return crypto.verify(null, signedText(c), signer.publicKey, Buffer.from(c.sig, 'base64'));
  } catch {
    return false;
  }
}

export interface CheckpointLog {
  /** checkpoints whose signature holds, in the order written */
  valid: Checkpoint[];
  /** lines that are not a checkpoint signed by this signer (changed, forged, or signed by a retired key) */
  invalid: number;
}

function isCheckpointShape(x: unknown): x is Checkpoint {
  const c = x as Checkpoint;
  return (
    typeof c === 'object' && c !== null && c.v === 1 && typeof c.at === 'string' && /^\d{1,19}$/.test(String(c.seq)) && Number.isInteger(c.count) &&
    typeof c.head === 'string' && typeof c.keyId === 'string' && /^\d{1,19}$/.test(String(c.legacyUntil)) && typeof c.signer === 'string'
  );
}

export function readCheckpoints(file: string, signer: CheckpointSigner): CheckpointLog {
  if (!fs.existsSync(file)) return { valid: [], invalid: 0 };
  const out: CheckpointLog = { valid: [], invalid: 0 };
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      out.invalid++;
      continue;
    }
    if (isCheckpointShape(parsed) && signatureValid(parsed, signer)) out.valid.push(parsed);
    else out.invalid++;
  }
  return out;
}

/** Appends one line; the file is opened for appending only, owner-only. */
export function appendCheckpoint(file: string, c: Checkpoint): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.appendFileSync(file, JSON.stringify(c) + '\n', { mode: 0o600 });
}

/** The chain's head and size, read in one snapshot (appends are serialised, so what a snapshot sees is a prefix). */
async function readHead(db: Database, knownLegacyUntil: string | null): Promise<Unsigned> {
  return db.prisma.$transaction(
    async (tx) => {
      const last = await tx.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true, keyId: true } });
      const count = await tx.auditEvent.count();
      let legacyUntil = knownLegacyUntil;
      if (legacyUntil === null) {
        const legacy = await tx.auditEvent.aggregate({ where: { keyId: LEGACY_KEY_ID }, _max: { seq: true } });
        legacyUntil = (legacy._max.seq ?? 0n).toString();
      }
      return {
        v: 1 as const,
        at: new Date().toISOString(),
        seq: (last?.seq ?? 0n).toString(),
        count,
        head: last?.hash ?? GENESIS_HASH,
        keyId: last?.keyId ?? LEGACY_KEY_ID,
        legacyUntil,
      };
    },
    { isolationLevel: 'RepeatableRead' },
  );
}

export interface CheckpointStore {
  file: string;
  signer: CheckpointSigner;
}

/**
 * Takes a checkpoint and appends it. `onlyIfMoved`: skip it when the chain has not grown since the last one (the
 * periodic checkpoints of an idle platform). Returns the checkpoint written, or null when skipped.
 */
export async function takeCheckpoint(db: Database, store: CheckpointStore, opts: { onlyIfMoved?: boolean } = {}): Promise<Checkpoint | null> {
  const log = readCheckpoints(store.file, store.signer);
  const previous = log.valid.at(-1) ?? null;
  // the boundary of the records without a key never moves: the first checkpoint fixes it, signed
  const body = await readHead(db, log.valid[0]?.legacyUntil ?? null);
  if (opts.onlyIfMoved && previous && previous.seq === body.seq && previous.head === body.head) return null;
  const c = signCheckpoint(body, store.signer);
  appendCheckpoint(store.file, c);
  return c;
}

/** Where the latest checkpoint stands against the database now. */
export type CheckpointState = 'MATCHES' | 'HEAD_MISMATCH' | 'COUNT_MISMATCH' | 'ROW_MISSING';

export async function checkAgainstDatabase(db: Database, c: Checkpoint): Promise<CheckpointState> {
  if (c.seq === '0') return 'MATCHES'; // taken on an empty chain: nothing can be missing from it
  const seq = BigInt(c.seq);
  const [row, count] = await Promise.all([
    db.prisma.auditEvent.findUnique({ where: { seq }, select: { hash: true } }),
    db.prisma.auditEvent.count({ where: { seq: { lte: seq } } }),
  ]);
  if (!row) return 'ROW_MISSING';
  if (row.hash !== c.head) return 'HEAD_MISMATCH';
  return count === c.count ? 'MATCHES' : 'COUNT_MISMATCH';
}
