// Every change of a registered system goes through the runner with the migration machine (migration/machine.ts):
// the sub-center's transitions, the owner's and the sub-center's edits, and the owner's withdrawal.
import type { Actor } from '../core/actor.js';
import type { Database } from '../core/db/database.js';
import type { Locale } from '../core/i18n.js';
import { createRunner } from '../core/workflow/runner.js';
import type { PublishedCatalog } from '../catalog/published.js';
import { migrationMachine, type MigrationInputs } from './machine.js';
import { loadSystemView } from './register.js';
import type { MigrationAction } from './workflow.js';

export type TransitionInput = MigrationInputs;

export function createTransitionService({ db, published }: { db: Database; published: PublishedCatalog }) {
  const runner = createRunner(migrationMachine, { db, env: async () => ({ catalog: await published.currentOrNull() }) });

  /** The system as its reader sees it, with the actions it offers them. */
  const present = (actor: Actor, id: string, locale: Locale) => runner.present(actor, id, locale, (tx) => loadSystemView(tx, id));

  async function take<A extends Exclude<MigrationAction, 'withdraw'>>(actor: Actor, id: string, expectedVersion: number | undefined, action: A, input: MigrationInputs[A], locale: Locale) {
    await runner.run(actor, action, id, { expectedVersion, input, locale });
    return present(actor, id, locale);
  }

  /** Withdraws a registration made in error (its organisation, before assessment): the record is deleted. */
  async function withdraw(actor: Actor, id: string, expectedVersion: number | undefined, locale: Locale) {
    await runner.run(actor, 'withdraw', id, { expectedVersion, input: undefined, locale });
  }

  return { take, withdraw, present, table: runner.table };
}

export type TransitionService = ReturnType<typeof createTransitionService>;
