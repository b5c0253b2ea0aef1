// Liveness and readiness.
import { z } from '../../core/zod-openapi.js';
import type { Database } from '../../core/db/database.js';
import { route, type RouteTable } from '../route.js';

export function healthRoutes(table: RouteTable, db: Database, isReady: () => boolean) {
  route(table, {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the process answers',
    tags: ['health'],
    auth: false,
    responses: { 200: { description: 'alive', schema: z.object({ status: z.literal('ok') }) } },
    handler: (_i, _req, res) => void res.json({ status: 'ok' }),
  });
  route(table, {
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: migrations applied and the database answers',
    tags: ['health'],
    auth: false,
    responses: {
      200: { description: 'ready', schema: z.object({ status: z.literal('ready'), database: z.string() }) },
      503: { description: 'not ready', schema: z.object({ status: z.enum(['starting', 'database-unavailable']) }) },
    },
    handler: async (_i, _req, res) => {
      if (!isReady()) return void res.status(503).json({ status: 'starting' });
      try {
        await db.pool.query('SELECT 1');
        res.json({ status: 'ready', database: db.kind });
      } catch {
        res.status(503).json({ status: 'database-unavailable' });
      }
    },
  });
}
