// Opening a legacy system for reading or for a change: visibility, permission, version, state — in that order.
import { assertCan, readableWhere, subject, type Action } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import type { Tx } from '../core/db/database.js';
import { assertUpdated, assertVersion } from '../core/db/versioning.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../core/errors.js';
import type { MigrationState } from './workflow.js';

/** The system row if the actor may read it; 404 otherwise, so other organisations' systems do not reveal themselves. */
export async function findReadableSystem(tx: Tx, actor: Actor, id: string) {
  const row = await tx.migrationSystem.findFirst({ where: { AND: [{ id }, readableWhere(actor.ability, 'MigrationSystem')] } });
  if (!row) throw new NotFoundError('migrationSystem');
  return row;
}

/**
 * For a change: the actor must be able to take `action` on some system (403), the version must be the one read
 * (428/412), the state must allow it (409), and the actor must be able to take it on this system (403). Bumps the
 * version, so a concurrent change with the same If-Match gets 412.
 */
export async function openSystemForChange(
  tx: Tx,
  actor: Actor,
  id: string,
  expectedVersion: number | undefined,
  action: Action,
  allowedStates: readonly MigrationState[],
) {
  const row = await findReadableSystem(tx, actor, id);
  if (!actor.ability.can(action, 'MigrationSystem')) throw new ForbiddenError('FORBIDDEN', { action });
  assertVersion(row, expectedVersion, 'migrationSystem');
  if (!allowedStates.includes(row.status)) throw new ConflictError('INVALID_TRANSITION', { action, from: row.status });
  assertCan(actor.ability, action, subject('MigrationSystem', row));
  assertUpdated(await tx.migrationSystem.updateMany({ where: { id, version: expectedVersion }, data: { version: { increment: 1 } } }));
  return row;
}
