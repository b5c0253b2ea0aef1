// What a reviewer judges a project with besides the project itself: the department's record (its other projects)
// and the draft of their own decision, kept as they type.
import { PROJECT_MACHINE } from '../../projects/workflow.js';
import { DRAFT_CONTENT, DRAFT_STAGES, DRAFT_VIEW, orgHistorySchema, type DraftAction } from '../../projects/project-schema.js';
import { route, type RouteTable } from '../route.js';
import { errors, idParam } from '../schemas.js';
import type { Services } from '../services.js';

const DECISION_NAMES: Record<DraftAction, string> = { review: "GIA's review (Art. 8)", 'budget-review': "Finance's budget review (Art. 9)" };

export function reviewContextRoutes(table: RouteTable, s: Services) {
  const tags = ['projects'];

  route(table, {
    method: 'get', path: '/api/projects/:id/org-history', summary: "The other submitted projects of the project's organisation, newest first, with how each fared (reviewers, the auditor; a department: its own)", tags, auth: true,
    params: idParam,
    responses: { 200: { description: "the organisation's record", schema: orgHistorySchema }, 401: errors[401], 403: errors[403], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => void res.json(await s.orgHistory.orgHistory(ctx, params.id)),
  });

  for (const action of Object.keys(DRAFT_STAGES) as DraftAction[]) {
    const path = `/api/projects/:id/${action}/draft`;
    const view = DRAFT_VIEW[action];
    const refusals = { 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] };
    route(table, {
      method: 'get', path, summary: `The caller's saved draft of ${DECISION_NAMES[action]} (content null when none); only for who may decide it now`, tags, auth: true,
      params: idParam,
      responses: { 200: { description: 'the draft', schema: view }, ...refusals },
      handler: async ({ params, ctx }, _req, res) => void res.json(await s.reviewDrafts.get(ctx, params.id, action, ctx.locale)),
    });
    route(table, {
      method: 'put', path, summary: `Save the caller's draft of ${DECISION_NAMES[action]} (the form as left; not audited: no decision)`, tags, auth: true,
      can: [PROJECT_MACHINE.actions[action].ability, 'Project'],
      params: idParam, body: DRAFT_CONTENT[action],
      responses: { 200: { description: 'saved', schema: view }, 400: errors[400], ...refusals },
      handler: async ({ params, body, ctx }, _req, res) => void res.json(await s.reviewDrafts.save(ctx, params.id, action, body, ctx.locale)),
    });
    route(table, {
      method: 'delete', path, summary: `Discard the caller's draft of ${DECISION_NAMES[action]} (deciding discards it too)`, tags, auth: true,
      params: idParam,
      responses: { 204: { description: 'discarded' }, ...refusals },
      handler: async ({ params, ctx }, _req, res) => {
        await s.reviewDrafts.discard(ctx, params.id, action, ctx.locale);
        res.status(204).end();
      },
    });
  }
}
