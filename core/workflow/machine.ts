// A state machine declared as data: its states, and for every action the states it may be taken from, where it may
// lead, the ability it needs (core/access/abilities.ts) and the article of the regulation it carries out. Tables are
// pure data (no database, no node-only imports), so the permissions, the API's enums, the generated docs and the
// console's labels are all read from them.
import type { Action, SubjectName } from '../access/abilities.js';

export interface Label {
  'zh-CN': string;
  en: string;
}

export interface ActionEntry<S extends string> {
  from: readonly S[];
  /**
   * Where it may lead: one state; several, when a decision or a resolver chooses among them; none, when the state
   * stays (an append to the object, e.g. a filing or an edit of a draft).
   */
  to: readonly S[];
  /** the ability action deciding who may take it */
  ability: Action;
  article: string;
  label: Label;
  /** the action removes the object (its audit record keeps what it was) */
  deletes?: boolean;
  /**
   * a decision on someone else's matter (a review, an approval, an evaluation…): separation of duties refuses it to
   * anyone of an organisation the object belongs to (core/workflow/runner.ts, OWN_ORGANISATION_DECISION)
   */
  decision?: boolean;
}

export interface MachineTable<S extends string, A extends string> {
  /** the CASL subject, also the audit target type */
  subject: Exclude<SubjectName, 'all'>;
  states: readonly S[];
  stateLabels: Record<S, Label>;
  /** each state's colour in the console (Ant Design preset names) */
  stateColours: Record<S, string>;
  actions: Record<A, ActionEntry<S>>;
}

/** Declares a table, checking that every state named by an action is one of the machine's states. */
export function defineTable<const S extends string, const A extends string>(table: MachineTable<S, A>): MachineTable<S, A> {
  for (const [name, entry] of Object.entries<ActionEntry<S>>(table.actions)) {
    for (const s of [...entry.from, ...entry.to]) {
      if (!table.states.includes(s)) throw new Error(`${table.subject}.${name} names an unknown state ${s}`);
    }
  }
  return table;
}

export const actionsOf = <S extends string, A extends string>(table: MachineTable<S, A>) => Object.keys(table.actions) as A[];

/** The states an action may be taken from, as a CASL condition. */
export const whileIn = <S extends string, A extends string>(table: MachineTable<S, A>, ...actions: A[]) => ({
  status: { in: [...new Set(actions.flatMap((a) => table.actions[a].from))] },
});

/** Message keys under which the console and error messages find a state's or an action's name. */
export const stateKey = (subject: string, state: string) => `state.${subject}.${state}`;
export const actionKey = (subject: string, action: string) => `action.${subject}.${action}`;
