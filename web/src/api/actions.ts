// What the server says an object offers its reader (`allowedActions` on every object view, computed by the same
// runner that takes the actions): the console shows buttons from this, never from states or roles of its own.
export interface AllowedAction {
  action: string;
  /** the action's name in the reader's language */
  label: string;
  enabled: boolean;
  /** why not, when disabled: a stable code, the article it enforces, a message in the reader's language */
  reason?: { code: string; article: string; message: string };
}

export interface Actionable {
  allowedActions: AllowedAction[];
}

/** The object offers the reader this action now. */
export const offers = (o: Actionable, action: string): boolean => o.allowedActions.some((a) => a.action === action && a.enabled);

/**
 * The action belongs to where the object stands for this reader: offered, or held back by a rule (its reason says
 * which), as opposed to an action of another state.
 */
export const pending = (o: Actionable, action: string): AllowedAction | undefined =>
  o.allowedActions.find((a) => a.action === action && (a.enabled || a.reason?.code !== 'INVALID_TRANSITION'));
