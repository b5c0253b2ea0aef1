// The calendar API's request and response shapes (OpenAPI and the console's typed client come from them).
import { z } from '../core/zod-openapi.js';
import { SCHEDULE_FORMATS } from './schedule-format.js';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const calendarQuerySchema = z.strictObject({
  year: z.coerce.number().int().min(2004).max(2099).optional().describe('a year whose days to show (published, loaded or estimated)'),
});

export const scheduleUploadSchema = z.strictObject({
  format: z.enum(SCHEDULE_FORMATS).describe('chinese-days: the JSON of the chinese-days package; table: lines `YYYY-MM-DD,休|班,名称`'),
  text: z.string().min(1).max(200_000).describe('the schedule as uploaded'),
});

export const calendarOverviewSchema = z
  .object({
    published: z.object({ first: z.number().int(), last: z.number().int() }).describe('years the chinese-days package carries'),
    loaded: z.array(z.object({ year: z.number().int(), format: z.string(), loadedByName: z.string(), loadedAt: z.string() })),
    estimated: z.array(z.number().int()).describe('years through next year with no published or loaded schedule: counted with the lunar estimate'),
    coveredTo: localDate.describe('last day of the unbroken run of published and loaded years'),
    year: z
      .object({
        year: z.number().int(),
        source: z.enum(['published', 'loaded', 'estimated']),
        days: z.array(z.object({ date: localDate, off: z.boolean().describe('true: a day off (休); false: a make-up working day (班)'), name: z.string() })),
      })
      .nullable(),
  })
  .openapi('CalendarOverview');

export const scheduleLoadResultSchema = z
  .object({
    years: z.array(z.number().int()).describe('years stored by this load'),
    unchanged: z.array(z.number().int()).describe('years of the upload already known with the same days'),
    recomputed: z.number().int().describe('open provisional deadlines recomputed'),
    changed: z.number().int().describe('of those, the ones whose due date moved'),
    skipped: z.number().int().describe('open provisional deadlines of a rule the platform cannot recompute'),
  })
  .openapi('ScheduleLoadResult');
