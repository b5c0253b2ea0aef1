// The working-day calendar: its coverage, and loading a newly published State Council holiday schedule (SYSADMIN).
import { calendarOverviewSchema, calendarQuerySchema, scheduleLoadResultSchema, scheduleUploadSchema } from '../../calendar/calendar-schema.js';
import { route, type RouteTable } from '../route.js';
import { errors } from '../schemas.js';
import type { Services } from '../services.js';

export function calendarRoutes(table: RouteTable, s: Services) {
  const tags = ['calendar'];
  route(table, {
    method: 'get',
    path: '/api/calendar',
    summary: "The working-day calendar's coverage (published, loaded and estimated years) and, with `year`, that year's days",
    tags,
    auth: true,
    query: calendarQuerySchema,
    responses: { 200: { description: 'the coverage', schema: calendarOverviewSchema }, 400: errors[400], 401: errors[401], 403: errors[403] },
    handler: async ({ query, ctx }, _req, res) => void res.json(await s.calendar.overview(ctx, query.year)),
  });
  route(table, {
    method: 'post',
    path: '/api/calendar/schedules',
    summary:
      'Load a State Council holiday schedule (system administrator): its new years win over the built-in package, and the open provisional deadlines they settle are recomputed; 422 RULE_VIOLATION with the line at fault, 422 CALENDAR_NOTHING_NEW',
    tags,
    auth: true, can: ['create', 'HolidaySchedule'],
    body: scheduleUploadSchema,
    responses: { 200: { description: 'what was loaded and recomputed', schema: scheduleLoadResultSchema }, 400: errors[400], 401: errors[401], 403: errors[403], 422: errors[422] },
    handler: async ({ body, ctx }, _req, res) => void res.json(await s.calendar.load(ctx, body, ctx.locale)),
  });
}
