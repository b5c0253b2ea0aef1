// The error a tenant's desired state cannot be computed with: the input or the catalog breaks a rule.
import { RuleViolationError } from '../core/errors.js';

/** A rule the input breaks. A RuleViolationError (422 through the API) whose message says what is wrong. */
export class DesiredStateError extends RuleViolationError {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super([{ code: reason, message }]);
    this.message = message;
  }
}
