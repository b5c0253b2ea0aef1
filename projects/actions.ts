// Every change of a project goes through the runner with the project machine (projects/machine.ts); views carry
// the actions the project offers their reader.
import type { Actor } from '../core/actor.js';
import { toShanghaiDate, type LocalDate, type MonthDay } from '../core/calendar/working-days.js';
import type { Database } from '../core/db/database.js';
import type { Locale } from '../core/i18n.js';
import { createRunner } from '../core/workflow/runner.js';
import { createReadCache, readerKey } from '../core/cache/read-cache.js';
import type { PublishedCatalog } from '../catalog/published.js';
import { projectMachine, type ProjectInputs } from './machine.js';
import { standingOf } from './standing.js';
import { loadProject, reviewersOf, toProjectView } from './store.js';
import type { ProjectAction } from './workflow.js';

export interface ProjectActionDeps {
  db: Database;
  published: PublishedCatalog;
  /** today in Asia/Shanghai; injectable so tests and benchmarks need not wait for calendar days */
  today?: () => LocalDate;
  /** Art. 21: MM-DD of the year after a budget year by which its self-evaluation is due */
  selfEvaluationDue: MonthDay;
}

export function createProjectActions({ db, published, today = () => toShanghaiDate(new Date()), selfEvaluationDue }: ProjectActionDeps) {
  const env = async () => ({ catalog: await published.currentOrNull(), today: today(), selfEvaluationDue });
  const runner = createRunner(projectMachine, { db, env });

  const presented = (actor: Actor, id: string, locale: Locale) =>
    runner.present(actor, id, locale, async (tx) => {
      const { row, org } = await loadProject(tx, id);
      return { ...toProjectView(row, org, await reviewersOf(tx, row)), standing: standingOf(row, today(), locale) };
    });
  // by reader (their rights), project, language and day; kept while nothing is written (core/cache/read-cache.ts)
  const views = createReadCache<Awaited<ReturnType<typeof presented>>>();

  /**
   * The project as its reader sees it, with the actions it offers them: the same object while nothing is written
   * (not to be changed). A project the reader may not see is refused each time (nothing is kept for a refusal).
   */
  const present = (actor: Actor, id: string, locale: Locale) =>
    views.get(readerKey(actor, id, locale, today()), () => presented(actor, id, locale));

  /** Takes the action and answers with the project as it is now. */
  async function take<A extends ProjectAction>(actor: Actor, action: A, id: string, expectedVersion: number | undefined, input: ProjectInputs[A], locale: Locale) {
    await runner.run(actor, action, id, { expectedVersion, input, locale });
    return present(actor, id, locale);
  }

  return { take, run: runner.run, runIn: runner.runIn, env, check: runner.check, present, presentWith: runner.present, today };
}

export type ProjectActions = ReturnType<typeof createProjectActions>;
