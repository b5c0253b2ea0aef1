// Who would send a route's request in real life: the bad-input sweep sends its malformed bodies as that user, so
// that they meet the route's own validation and not merely a refusal of the caller.
import type { SweptRoute } from './openapi-routes.js';

/** First match wins; `null` is the public. */
const CALLERS: [RegExp, string | null][] = [
  [/^POST \/api\/auth\/login$/, null],
  [/^POST \/api\/auth\/logout$/, 'county-finance'],
  [/^POST \/api\/notices\/\{id\}\/objections$/, null],
  [/^\S+ \/api\/catalog\//, 'bdc'],
  [/^POST \/api\/users\/\{id\}\/(unlock|reset-password)$/, 'secadmin'],
  [/^\S+ \/api\/(orgs|users|calendar|admin)\b/, 'admin'],
  [/^\S+ \/api\/audit\//, 'auditor'],
  [/^POST \/api\/projects\/\{id\}\/budget-review$|^\S+ \/api\/projects\/\{id\}\/budget-review\/draft$/, 'finance'],
  [/^\S+ \/api\/projects\/\{id\}\/(review|notice|establish|change-review|rectification-notices|suspend|resume|terminate|evaluations)\b/, 'gia'],
  [/^POST \/api\/notices\//, 'gia'],
  [/^POST \/api\/deadlines\/remind$/, 'gia'],
  [/^POST \/api\/projects\/\{id\}\/(drift-check|repair)$/, 'bdc'],
  [/^POST \/api\/resource-requests\//, 'bdc'],
  [/^\S+ \/api\/migration\/(waves|questionnaire)\b/, 'bdc'],
  [/^POST \/api\/migration\/systems\/\{id\}\/(assess|plan|unplan|start|cut-over|verify|decommission|block|unblock|questionnaire\/confirm)$/, 'bdc'],
  [/^\S+ \/api\/assessments\//, 'gia'],
  [/^\S+ \/api\/evaluations\//, 'finance'],
  [/^\S+ \/api\/survey\/campaigns\b/, 'bdc'],
];

export function callerOf(route: SweptRoute): string | null {
  return CALLERS.find(([re]) => re.test(route.key))?.[1] ?? 'dept';
}
