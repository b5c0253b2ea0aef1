// Every change of a resource request goes through the runner with the request machine (provisioners/request-machine.ts);
// its view carries the actions it offers the reader.
import type { Actor } from '../core/actor.js';
import type { Database } from '../core/db/database.js';
import type { JobQueue } from '../core/jobs/queue.js';
import type { Locale } from '../core/i18n.js';
import { createRunner } from '../core/workflow/runner.js';
import { requestMachine, type RequestInputs } from './request-machine.js';
import type { RequestAction } from './request-workflow.js';
import { requestView } from './request-view.js';

export function createRequestActions({ db, queue, driverName }: { db: Database; queue: () => JobQueue; driverName: string }) {
  const runner = createRunner(requestMachine, { db, env: () => ({ queue: queue(), driverName }) });

  /** The request as its reader sees it, with the actions it offers them. */
  const present = (actor: Actor, id: string, locale: Locale) => runner.present(actor, id, locale, (tx, row) => requestView(tx, row));

  return { run: runner.run, present };
}

export type RequestActions = ReturnType<typeof createRequestActions>;
export type { RequestAction, RequestInputs };
