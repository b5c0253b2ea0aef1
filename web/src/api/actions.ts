// What the server says an object offers its reader (`allowedActions` on every object view, computed by the same
// runner that takes the actions): the console shows buttons from this, never from states or roles of its own.
import type { components } from './schema';

/** An action with `enabled`, or the reason it is not (`{code, article, message}` in the reader's language). */
export type AllowedAction = components['schemas']['AllowedAction'];

/** An object view: its own answers carry `allowedActions` (lists leave them out). */
export interface Actionable {
  allowedActions?: AllowedAction[];
}

/** The object offers the reader this action now. */
export const offers = (o: Actionable, action: string): boolean => (o.allowedActions ?? []).some((a) => a.action === action && a.enabled);

/**
 * The action belongs to where the object stands for this reader: offered, or held back by a rule (its reason says
 * which), as opposed to an action of another state.
 */
export const pending = (o: Actionable, action: string): AllowedAction | undefined =>
  (o.allowedActions ?? []).find((a) => a.action === action && (a.enabled || a.reason?.code !== 'INVALID_TRANSITION'));
