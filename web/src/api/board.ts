// The migration progress board: public (counts only, no sign-in) or full (GIA, the auditor, the sub-center).
import { client, dataOf, type Schemas } from './client';

// the server's own lists of states, strategies and hosting types
export { MIGRATION_STATES, type MigrationState } from '@migration/workflow';
export { HOSTING_TYPES, STRATEGIES } from '@migration/vocabulary';

export type BoardCounts = Schemas['BoardCounts'];
export type MigrationBoard = Schemas['MigrationBoard'];

/** `jurisdiction`: one jurisdiction's board (a county bureau's full board is always its own county's) */
export const fetchBoard = (view: 'public' | 'full', jurisdiction: string | undefined, signal?: AbortSignal) =>
  dataOf(client.GET('/api/migration/board', { params: { query: { view, ...(jurisdiction ? { jurisdiction } : {}) } }, signal }));
