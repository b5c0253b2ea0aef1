// At a process's start: the audit chain keys bound (made on first start when none are configured), the checkpoint
// signer loaded, and, in the API process, the checkpoints taken at start and every ZY_AUDIT_CHECKPOINT_MINUTES.
import type { AuditKeyConfig } from '../config.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { loadCheckpointSigner, takeCheckpoint, type CheckpointStore } from './checkpoints.js';
import { bindAuditKeys, loadAuditKeys } from './keys.js';

/** Binds the keys for recordAudit and the chain check; returns the checkpoint store. Secrets are never logged. */
export function setUpAuditKeys(config: AuditKeyConfig, log: Logger, embedded: boolean): CheckpointStore {
  const { keyring, generated } = loadAuditKeys(config);
  bindAuditKeys(keyring);
  if (generated) {
    log.info({ keyFile: generated, keyId: keyring.currentId }, 'made a new audit chain key (keep it: records hashed with it verify only with it)');
    // several processes on one PostgreSQL database must hash with the same keys
    if (!embedded) log.warn({ keyFile: generated }, 'audit chain key generated in DATA_DIR: every API and worker process of this database needs the same key (ZY_AUDIT_KEYS or ZY_AUDIT_KEY_FILE)');
  }
  const { signer, generated: signerMade } = loadCheckpointSigner(config.signingKeyFile);
  if (signerMade) log.info({ signingKeyFile: signerMade, signer: signer.id }, 'made a new audit checkpoint signing key');
  return { file: config.checkpointFile, signer };
}

/** A checkpoint now and then every `minutes` (0: only now); returns the stop. A failed checkpoint is logged, retried at the next tick. */
export async function startCheckpointSchedule(db: Database, store: CheckpointStore, minutes: number, log: Logger): Promise<() => void> {
  const take = async (onlyIfMoved: boolean) => {
    try {
      const c = await takeCheckpoint(db, store, { onlyIfMoved });
      if (c) log.debug({ seq: c.seq, count: c.count }, 'audit checkpoint written');
    } catch (err) {
      log.error({ err, file: store.file }, 'could not write the audit checkpoint');
    }
  };
  await take(true);
  if (minutes === 0) return () => undefined;
  const timer = setInterval(() => void take(true), minutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
