// Opening a project for reading or for a change: visibility, permission, version, state — in that order.
import { assertCan, readableWhere, subject, type Action } from '../core/access/abilities.js';
import type { Actor } from '../core/actor.js';
import type { Tx } from '../core/db/database.js';
import { assertUpdated, assertVersion } from '../core/db/versioning.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../core/errors.js';
import type { ProjectState } from './workflow.js';

/** The project row if the actor may read it; 404 otherwise, so projects do not reveal their existence. */
export async function findReadableProject(tx: Tx, actor: Actor, id: string) {
  const row = await tx.project.findFirst({ where: { AND: [{ id }, readableWhere(actor.ability, 'Project')] } });
  if (!row) throw new NotFoundError('project');
  return row;
}

/**
 * For a change: the actor must be able to take `action` on some project (403), the version must be the one read
 * (412), the state must allow it (409), and the actor must be able to take it on this project (403). Bumps the
 * version, so a concurrent change with the same If-Match gets 412.
 */
export async function openProjectForChange(
  tx: Tx,
  actor: Actor,
  id: string,
  expectedVersion: number | undefined,
  action: Action,
  allowedStates: readonly ProjectState[],
) {
  const row = await findReadableProject(tx, actor, id);
  if (!actor.ability.can(action, 'Project')) throw new ForbiddenError('FORBIDDEN', { action });
  assertVersion(row, expectedVersion, 'project');
  if (!allowedStates.includes(row.status)) throw new ConflictError('INVALID_TRANSITION', { action, from: row.status });
  assertCan(actor.ability, action, subject('Project', row));
  assertUpdated(await tx.project.updateMany({ where: { id, version: expectedVersion }, data: { version: { increment: 1 } } }));
  return row;
}
