// The one way an object changes state. For an action on an object, in one transaction: is it visible (404), may the
// actor ever take this action on it (403), is the If-Match the version read (428/412), does its state allow the
// action (409, naming the article), do its guards hold (each names its article); then the object is claimed (its
// version bumped, so a concurrent change with the same If-Match gets 412), the action's effect runs, the state and
// data are written, and the audit record is chained — or nothing at all happens. The same checks, without the
// If-Match and the input, tell a caller which actions an object offers them (`allowedActions`).
import { subject as tag } from '../access/abilities.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit.js';
import { registerAuditActions } from '../audit/labels.js';
import type { Database, Tx } from '../db/database.js';
import type { AuditOutcome } from '../db/generated/enums.js';
import { AppError, ConflictError, ForbiddenError, PreconditionError, RuleViolationError } from '../errors.js';
import { registerMessages, t, type Locale } from '../i18n.js';
import { changed as announce } from './listeners.js';
import { actionKey, stateKey, type ActionEntry, type MachineTable } from './machine.js';

registerMessages({
  OWN_ORGANISATION_DECISION: {
    'zh-CN': '职责分离：不能对本单位的事项作出审核或决定，请由其他单位的审核人员办理',
    en: 'Separation of duties: you cannot decide on a matter of your own organisation; someone of another organisation decides it',
  },
});

export interface StoredObject {
  id: string;
  status: string;
  version: number;
}

/** How a machine reads and writes its objects. */
export interface Store<S extends string, Row extends StoredObject, Data> {
  /** the object if the actor may read it; throws NotFoundError otherwise (objects do not reveal their existence) */
  find(tx: Tx, actor: Actor, id: string): Promise<Row>;
  /** bumps the version where it is still `expected`; the count of rows changed (0: someone else changed it first) */
  claim(tx: Tx, row: Row, expected: number): Promise<number>;
  /**
   * Locks the object's row until the transaction ends (SELECT … FOR UPDATE). Appends sent without an If-Match are
   * taken under it, reading the object again once locked, so concurrent appends (twenty resource requests at once)
   * queue behind each other instead of losing the race for the version.
   */
  lock?(tx: Tx, id: string): Promise<void>;
  /** writes the new state (when it changes) and the effect's data */
  write(tx: Tx, row: Row, status: S | undefined, data: Data | undefined): Promise<void>;
  /** for actions that delete the object */
  remove?(tx: Tx, row: Row): Promise<void>;
  /** writes the change into the object's own history too, when it keeps one */
  record?(tx: Tx, actor: Actor, change: { row: Row; action: string; from: S; to: S; note: string | null; detail: Record<string, unknown> }): Promise<void>;
  /** what names the object in the audit trail (the id unless said otherwise) and in every record of it */
  auditTarget?(row: Row): { id?: string; detail?: Record<string, unknown> };
  /**
   * the organisations whose matter the object is (a project's implementing, lead and co-building units; a request's
   * department; the drafter of a revision): none of their people may take the machine's decisions on it. Required
   * when the machine's table marks a decision.
   */
  owners?(tx: Tx, row: Row): Promise<readonly (string | null)[]> | readonly (string | null)[];
}

export interface ActionContext<Row, Env> {
  tx: Tx;
  actor: Actor;
  row: Row;
  /** what the machine's actions read besides the object (the published catalog, today), read before the transaction */
  env: Env;
  locale: Locale;
}

/** A condition on the object, beyond its state, that an action needs. */
export interface Guard<Row, Env> {
  /** the article it enforces */
  article: string;
  /** null when met; otherwise the refusal (a ConflictError, or a RuleViolationError listing what is wrong) */
  check(c: ActionContext<Row, Env>): Promise<AppError | null> | AppError | null;
}

export interface Outcome<S extends string, Data> {
  /** the state it leads to, when the table lists several */
  to?: S;
  data?: Data;
  /** added to the audit record */
  detail?: Record<string, unknown>;
  /** the reason or note the actor gave, kept in the audit record and the object's history */
  note?: string | null;
  /** the audit action, when not `<prefix>.<action>` (e.g. one per filing kind) */
  audit?: string;
  /** the audit record's outcome: FAILURE for an action that records a failure (a job that failed), else SUCCESS */
  auditOutcome?: AuditOutcome;
}

export interface Handler<S extends string, Row, In, Env, Data> {
  /** checks of the input alone (400), before anything is read: bad input is bad in any state */
  checkInput?(input: In, env: Env): void;
  guards?: readonly Guard<Row, Env>[];
  /** what the action does besides changing the state: checks of its input, records it adds, jobs it enqueues */
  effect?(c: ActionContext<Row, Env> & { input: In }): Promise<Outcome<S, Data> | void> | Outcome<S, Data> | void;
}

export interface Machine<S extends string, A extends string, Row extends StoredObject, Inputs extends Record<A, unknown>, Env, Data> {
  table: MachineTable<S, A>;
  /** audit actions are `<auditPrefix>.<action>` */
  auditPrefix: string;
  store: Store<S, Row, Data>;
  handlers: { [K in A]: Handler<S, Row, Inputs[K], Env, Data> };
  /**
   * actions that append to the object, and those a process takes without an If-Match (the worker's, on the version
   * it reads in its transaction): If-Match optional (one that is sent is honoured)
   */
  appends?: readonly A[];
}

/** An action as the caller may see it on an object. */
export interface AllowedAction {
  action: string;
  label: string;
  enabled: boolean;
  reason?: { code: string; article: string; message: string };
}

/** A refused action carries what the audit trail records of it (api/middleware/errors.ts writes the record). */
export interface Refusal {
  action: string;
  targetType: string;
  targetId: string;
}
const refusals = new WeakMap<AppError, Refusal>();
export const refusalOf = (err: AppError): Refusal | undefined => refusals.get(err);

/** 409 for an action the state does not allow: the state and action by name, and the article. */
export function invalidTransition(subject: string, action: string, from: string, article: string): ConflictError {
  return new ConflictError('INVALID_TRANSITION', { action: actionKey(subject, action), from: stateKey(subject, from), article });
}

/** The names of a machine's states and actions as messages, so refusals name them in the reader's language. */
function labelMessages<S extends string, A extends string>(table: MachineTable<S, A>) {
  const entries: Record<string, { 'zh-CN': string; en: string }> = {};
  for (const s of table.states) entries[stateKey(table.subject, s)] = table.stateLabels[s];
  for (const [a, entry] of Object.entries<ActionEntry<S>>(table.actions)) entries[actionKey(table.subject, a)] = entry.label;
  return entries;
}

export interface TakeOptions<In> {
  expectedVersion?: number;
  /** the caller appends to the object (a document, say) with this action: If-Match optional, as for `appends` */
  append?: boolean;
  input: In;
  locale: Locale;
}

/** An append that lost a race for the object's version (no If-Match was sent): taken again on the new version. */
class ClaimLost extends Error {}

export interface Taken<S extends string, Row> {
  row: Row;
  from: S;
  to: S;
  /** what the effect added to the audit record (ids of what it created) */
  detail: Record<string, unknown>;
}

export interface RunnerOptions<S extends string, Row, Env> {
  db: Database;
  /**
   * Read before each transaction (never inside one: the embedded database runs one transaction at a time, so a
   * read outside it would wait for it forever).
   */
  env: () => Promise<Env> | Env;
  /** after a change is committed (caches to invalidate) */
  changed?: (taken: Taken<S, Row> & { action: string }) => void;
}

export function createRunner<S extends string, A extends string, Row extends StoredObject, Inputs extends Record<A, unknown>, Env, Data>(
  machine: Machine<S, A, Row, Inputs, Env, Data>,
  { db, env: readEnv, changed }: RunnerOptions<S, Row, Env>,
) {
  const { table, store, handlers } = machine;
  registerMessages(labelMessages(table));
  // the trail names `<prefix>.<action>` as the table names the action
  registerAuditActions(Object.fromEntries(Object.entries<ActionEntry<S>>(table.actions).map(([a, entry]) => [`${machine.auditPrefix}.${a}`, entry.label])));
  const subjectOf = (row: Row, status = row.status) => tag(table.subject, { ...row, status });
  if (!store.owners && Object.values<ActionEntry<S>>(table.actions).some((e) => e.decision)) {
    throw new Error(`${table.subject}: a machine that takes decisions needs its store's owners (separation of duties)`);
  }

  /**
   * Separation of duties: nobody decides on a matter of their own organisation (a reviewer whose unit proposed the
   * project, an operator approving their own bureau's request). 403 OWN_ORGANISATION_DECISION, or null.
   */
  async function ownOrganisation(tx: Tx, actor: Actor, row: Row, entry: ActionEntry<S>): Promise<ForbiddenError | null> {
    const orgId = actor.principal?.orgId;
    if (!entry.decision || !orgId) return null;
    const owners = await store.owners!(tx, row);
    return owners.includes(orgId) ? new ForbiddenError('OWN_ORGANISATION_DECISION', { action: entry.ability }) : null;
  }

  /** 403 unless the actor could take the action on this object in some state that allows it. */
  function mayEverAct(actor: Actor, row: Row, entry: ActionEntry<S>): boolean {
    if (!actor.ability.can(entry.ability, table.subject)) return false;
    return entry.from.some((status) => actor.ability.can(entry.ability, subjectOf(row, status)));
  }

  async function firstRefusal(c: ActionContext<Row, Env>, action: A): Promise<{ error: AppError; article: string } | null> {
    for (const guard of handlers[action].guards ?? []) {
      const error = await guard.check(c);
      if (error) return { error, article: guard.article };
    }
    return null;
  }

  /** Takes `action` on object `id` in one transaction; throws the refusal when it may not be taken. */
  async function run<K extends A>(actor: Actor, action: K, id: string, opts: TakeOptions<Inputs[K]>): Promise<Taken<S, Row>> {
    const env = await readEnv();
    const taken = await db.prisma.$transaction((tx) => runIn(tx, env, actor, action, id, opts));
    changed?.({ ...taken, action });
    return taken;
  }

  async function take<K extends A>(tx: Tx, env: Env, actor: Actor, action: K, id: string, opts: TakeOptions<Inputs[K]>): Promise<Taken<S, Row>> {
    const entry = table.actions[action];
    const append = opts.append ?? machine.appends?.includes(action) ?? false;
    let row = await store.find(tx, actor, id);
    if (append && opts.expectedVersion === undefined && store.lock) {
      await store.lock(tx, row.id);
      row = await store.find(tx, actor, id);
    }
    const target = store.auditTarget?.(row) ?? {};
    try {
      if (!mayEverAct(actor, row, entry)) throw new ForbiddenError('FORBIDDEN', { action: entry.ability });
      if (opts.expectedVersion === undefined && !append) throw new PreconditionError('PRECONDITION_REQUIRED');
      if (opts.expectedVersion !== undefined && opts.expectedVersion !== row.version) throw new PreconditionError('STALE_VERSION');
      const from = row.status as S;
      if (!entry.from.includes(from)) throw invalidTransition(table.subject, action, from, entry.article);
      if (!actor.ability.can(entry.ability, subjectOf(row))) throw new ForbiddenError('FORBIDDEN', { action: entry.ability });
      const own = await ownOrganisation(tx, actor, row, entry);
      if (own) throw own;
      const c = { tx, actor, row, env, locale: opts.locale };
      const refused = await firstRefusal(c, action);
      if (refused) throw refused.error;
      // claimed on the version checked; without an If-Match, a lost race is taken again on the new version
      if (!(await store.claim(tx, row, row.version))) throw opts.expectedVersion === undefined ? new ClaimLost() : new PreconditionError('STALE_VERSION');
      const outcome = (await handlers[action].effect?.({ ...c, input: opts.input })) ?? {};
      const to = outcome.to ?? (entry.to.length === 1 ? entry.to[0]! : from);
      if (entry.to.length ? !entry.to.includes(to) : to !== from) throw new Error(`${table.subject}.${action} led to ${to}, not in its table`);
      if (entry.deletes) await store.remove!(tx, row);
      else await store.write(tx, row, to === from ? undefined : to, outcome.data);
      const note = outcome.note ?? null;
      const audit = outcome.audit ?? `${machine.auditPrefix}.${action}`;
      if (!entry.deletes) await store.record?.(tx, actor, { row, action: audit.slice(audit.lastIndexOf('.') + 1), from, to, note, detail: outcome.detail ?? {} });
      await recordAudit(tx, actor.audit, {
        action: audit,
        outcome: outcome.auditOutcome ?? 'SUCCESS',
        targetType: table.subject,
        targetId: target.id ?? row.id,
        detail: { ...target.detail, from, to: entry.deletes ? null : to, ...(note ? { reason: note } : {}), ...outcome.detail },
      });
      await announce(tx, { subject: table.subject, action, audit, from, to, row, actor, detail: outcome.detail ?? {}, note });
      return { row, from, to, detail: outcome.detail ?? {} };
    } catch (err) {
      if (err instanceof AppError && !(err instanceof ClaimLost)) {
        refusals.set(err, { action: `${machine.auditPrefix}.${action}`, targetType: table.subject, targetId: target.id ?? row.id });
      }
      throw err;
    }
  }

  /**
   * Takes `action` on object `id` inside a transaction the caller already holds, with the `env` it read before
   * opening it: for a change that must commit together with others (the worker ends a job, records what runs and
   * reports to the resource request at once). Everything `run` checks is checked; a refusal is thrown before
   * anything is written, and the caller's transaction decides what becomes of it. Without an If-Match an action
   * that lost the race for the version (nothing written yet) is taken again on the new one, in the same transaction
   * (READ COMMITTED: its next read sees the version that won). `changed` is not called: the caller knows when it
   * commits. `run` is this in a transaction of its own.
   */
  async function runIn<K extends A>(tx: Tx, env: Env, actor: Actor, action: K, id: string, opts: TakeOptions<Inputs[K]>): Promise<Taken<S, Row>> {
    handlers[action].checkInput?.(opts.input, env);
    for (let attempt = 1; ; attempt++) {
      try {
        return await take(tx, env, actor, action, id, opts);
      } catch (err) {
        if (!(err instanceof ClaimLost) || attempt >= 5) throw err instanceof ClaimLost ? new PreconditionError('STALE_VERSION') : err;
      }
    }
  }

  /**
   * Refuses what `run` would refuse before reading the input (visibility, permission, state, guards): for work to
   * be done before the change, such as storing an upload, that a refused caller must not cause. `run` checks
   * everything again.
   */
  async function check(actor: Actor, action: A, id: string, locale: Locale): Promise<void> {
    const env = await readEnv();
    const reason = (await db.prisma.$transaction(async (tx) => listActions(tx, env, actor, await store.find(tx, actor, id), locale, action)))[0];
    if (!reason) throw new ForbiddenError('FORBIDDEN', { action: table.actions[action].ability });
    if (!reason.enabled) throw reason.error!;
  }

  /**
   * The object as `load` reads it, with the actions it offers the actor: every action they could take on it in some
   * state, enabled or with the reason it is not (the state, or a guard's code and article) in their language. Read
   * in one transaction, so the view and its actions agree (and, on the embedded database, never interleave with
   * another request's transaction).
   */
  async function present<V>(actor: Actor, id: string, locale: Locale, load: (tx: Tx, row: Row) => Promise<V>): Promise<V & { allowedActions: AllowedAction[] }> {
    const env = await readEnv();
    return db.prisma.$transaction(async (tx) => {
      const row = await store.find(tx, actor, id);
      const view = await load(tx, row);
      const allowedActions = (await listActions(tx, env, actor, row, locale)).map(({ error: _error, ...a }) => a);
      return { ...view, allowedActions };
    });
  }

  async function listActions(tx: Tx, env: Env, actor: Actor, row: Row, locale: Locale, only?: A): Promise<(AllowedAction & { error?: AppError })[]> {
    const out: (AllowedAction & { error?: AppError })[] = [];
    for (const action of only ? [only] : (Object.keys(table.actions) as A[])) {
      const entry = table.actions[action];
      if (!mayEverAct(actor, row, entry)) continue;
      const label = entry.label[locale];
      const refuse = (error: AppError, article: string) => {
        const first = error instanceof RuleViolationError ? error.violations[0] : undefined;
        const reason = first
          ? { code: first.code, article: first.article ?? article, message: first.message }
          : { code: error.code, article: String(error.params.article ?? article), message: t(error.code, locale, error.params) };
        out.push({ action, label, enabled: false, reason, error });
      };
      if (!entry.from.includes(row.status as S)) {
        refuse(invalidTransition(table.subject, action, row.status, entry.article), entry.article);
        continue;
      }
      if (!actor.ability.can(entry.ability, subjectOf(row))) {
        refuse(new ForbiddenError('FORBIDDEN', { action: entry.ability }), entry.article);
        continue;
      }
      const own = await ownOrganisation(tx, actor, row, entry);
      if (own) {
        refuse(own, entry.article);
        continue;
      }
      const refused = await firstRefusal({ tx, actor, row, env, locale }, action);
      if (refused) refuse(refused.error, refused.article);
      else out.push({ action, label, enabled: true });
    }
    return out;
  }

  return { table, run, runIn, check, present };
}

export type Runner<S extends string, A extends string, Row extends StoredObject, Inputs extends Record<A, unknown>, Env, Data> = ReturnType<
  typeof createRunner<S, A, Row, Inputs, Env, Data>
>;
