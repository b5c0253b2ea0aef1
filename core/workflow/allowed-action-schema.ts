// What an object view says its reader may do with it (core/workflow/runner.ts computes it), as the API documents it.
import { z } from '../zod-openapi.js';

export const allowedActionSchema = z
  .object({
    action: z.string().describe("the action's name in the API (the last part of its path)"),
    label: z.string().describe("the action's name in the reader's language"),
    enabled: z.boolean(),
    reason: z
      .object({ code: z.string(), article: z.string(), message: z.string().describe("in the reader's language") })
      .optional()
      .describe('why not, when disabled: the state, or the rule (with the article it enforces)'),
  })
  .openapi('AllowedAction');

/** On an object's own answers (GET of one, and the answer to a change); lists leave it out. */
export const allowedActionsField = {
  allowedActions: z
    .array(allowedActionSchema)
    .optional()
    .describe('for the caller: every action they could take on it, enabled or with the reason it is not (on the object\'s own answers, not in lists)'),
};
