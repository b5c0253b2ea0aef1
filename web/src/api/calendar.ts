// The working-day calendar: coverage (published, loaded, estimated years) and loading a State Council schedule.
import { client, dataOf, type RequestBody, type Schemas } from './client';

export type CalendarOverview = Schemas['CalendarOverview'];
export type ScheduleLoadResult = Schemas['ScheduleLoadResult'];
export type ScheduleFormat = RequestBody<'/api/calendar/schedules', 'post'>['format'];

export const fetchCalendar = (year: number | undefined, signal?: AbortSignal) => dataOf(client.GET('/api/calendar', { params: { query: year ? { year } : {} }, signal }));
export const loadSchedule = (body: RequestBody<'/api/calendar/schedules', 'post'>) => dataOf(client.POST('/api/calendar/schedules', { body }));
