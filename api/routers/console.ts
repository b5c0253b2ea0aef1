// The console's own reads: what waits behind each menu entry.
import { consoleCounts, consoleCountsSchema } from '../console-counts.js';
import { route, type RouteTable } from '../route.js';
import { errors } from '../schemas.js';
import type { Services } from '../services.js';

export function consoleRoutes(table: RouteTable, s: Services) {
  route(table, {
    method: 'get',
    path: '/api/console/counts',
    summary: "What waits behind each of the reader's menu entries (their queues, returned projects, deadlines, requests, revisions to approve)",
    tags: ['auth'],
    auth: true,
    responses: { 200: { description: 'the counts', schema: consoleCountsSchema }, 401: errors[401] },
    handler: async ({ ctx }, _req, res) => void res.json(await consoleCounts(s, ctx)),
  });
}
