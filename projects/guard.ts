// Opening a project for reading or for a change: visibility, permission, version, state — in that order.
import { readableWhere, subject, type Action } from '../core/access/abilities.js';
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
  assertMayAct(actor, row, action, allowedStates);
  assertVersion(row, expectedVersion, 'project');
  assertProjectState(row, action, allowedStates);
  await touchProject(tx, id, expectedVersion);
  return row;
}

/**
 * 403 unless the actor could take `action` on this project in one of the states that allow it (so a role that
 * never may learns nothing about versions or states); callers then check the version (412) and state (409).
 */
export function assertMayAct(actor: Actor, row: { status: ProjectState } & Record<string, unknown>, action: Action, allowedStates: readonly ProjectState[]) {
  if (!actor.ability.can(action, 'Project')) throw new ForbiddenError('FORBIDDEN', { action });
  const couldInSomeState = allowedStates.some((status) => actor.ability.can(action, subject('Project', { ...row, status })));
  if (!couldInSomeState) throw new ForbiddenError('FORBIDDEN', { action });
}

export function assertProjectState(row: { status: ProjectState }, action: Action, allowedStates: readonly ProjectState[]) {
  if (!allowedStates.includes(row.status)) throw new ConflictError('INVALID_TRANSITION', { action, from: row.status });
}

/** For changes that append to a project (documents, filings, objections) without a transition. */
export async function openProjectForAppend(tx: Tx, actor: Actor, id: string, action: Action, allowedStates: readonly ProjectState[], expectedVersion?: number) {
  const row = await findReadableProject(tx, actor, id);
  assertMayAct(actor, row, action, allowedStates);
  // If-Match is optional on an append; one that was sent is honoured
  if (expectedVersion !== undefined) assertVersion(row, expectedVersion, 'project');
  assertProjectState(row, action, allowedStates);
  await touchProject(tx, id, expectedVersion);
  return row;
}

/** Every change to what GET /api/projects/:id shows bumps the version, so ETags never serve stale content. */
export async function touchProject(tx: Tx, id: string, expectedVersion?: number) {
  assertUpdated(
    await tx.project.updateMany({ where: expectedVersion === undefined ? { id } : { id, version: expectedVersion }, data: { version: { increment: 1 } } }),
  );
}
