// The to-do centre (待办 / 已办), the inbox (站内信) and the header's live counts.
import { notificationPageSchema, notificationQuerySchema } from '../../notifications/inbox.js';
import { donePageSchema, doneQuerySchema, todoCountsSchema, todoListSchema, todoQuerySchema } from '../../todo/schema.js';
import { z } from '../../core/zod-openapi.js';
import { route, type RouteTable } from '../route.js';
import { errors, idParam } from '../schemas.js';
import type { Services } from '../services.js';
import { sendSerialised, serialised } from '../serialised.js';
import { openEventStream } from '../sse.js';

/** a burst of changes (a batch decision, a sweep) is counted once */
const COALESCE_MS = 150;

export function todoRoutes(table: RouteTable, s: Services) {
  const tags = ['todo'];
  route(table, {
    method: 'get', path: '/api/todo', summary: 'What waits for me or my organisation (待办), the most urgent first, with the count of each kind', tags, auth: true,
    query: todoQuerySchema,
    responses: { 200: { description: 'the matters', schema: todoListSchema }, 400: errors[400], 401: errors[401] },
    handler: async ({ query, ctx }, _req, res) => sendSerialised(res, serialised(await s.todo.list(ctx, ctx.locale, query), 'todo')),
  });
  route(table, {
    method: 'get', path: '/api/todo/done', summary: 'What I handled (已办): my own changes of projects, requests, revisions and the rest, newest first', tags, auth: true,
    query: doneQuerySchema,
    responses: { 200: { description: 'a page', schema: donePageSchema }, 400: errors[400], 401: errors[401] },
    handler: async ({ query, ctx }, _req, res) => void res.json(await s.todo.done(ctx, query.page, query.pageSize, ctx.locale)),
  });
  route(table, {
    method: 'get', path: '/api/todo/stream',
    summary: 'The header badge, live (text/event-stream): a `counts` event ({ todo, unread }) on connect and whenever either changes, woken by committed changes (no polling)',
    tags, auth: true,
    responses: { 200: { description: 'event stream of TodoCounts', schema: z.string(), contentType: 'text/event-stream' }, 401: errors[401] },
    handler: async ({ ctx }, req, res) => {
      const me = ctx.principal!.id;
      // every change of a machine's object may change what waits; a notification only its recipients' unread count
      // a session signed out, expired or idle ends the stream (checked without counting as activity)
      const stillValid = () => s.auth.authenticate(ctx.token!, { touch: false }).then(() => true, () => false);
      const stream = openEventStream(req, res, s.feed, (e) => e.kind === 'change' || (e.kind === 'notification' && e.users.includes(me)), stillValid);
      let last = '';
      while (!stream.closed) {
        if (!(await stillValid())) break;
        const counts = todoCountsSchema.parse(await s.todo.counts(ctx));
        const shown = JSON.stringify(counts);
        if (shown !== last) stream.send('counts', counts);
        last = shown;
        await stream.next();
        await new Promise((r) => setTimeout(r, COALESCE_MS));
      }
      stream.end();
    },
  });
  route(table, {
    method: 'get', path: '/api/notifications', summary: 'My notifications (站内信), newest first, in my language; `unread=true` for the unread only', tags, auth: true,
    query: notificationQuerySchema,
    responses: { 200: { description: 'a page', schema: notificationPageSchema }, 400: errors[400], 401: errors[401] },
    handler: async ({ query, ctx }, _req, res) => void res.json(await s.inbox.list(ctx, query, ctx.locale)),
  });
  route(table, {
    method: 'post', path: '/api/notifications/:id/read', summary: 'Mark one of my notifications read (someone else’s is 404)', tags, auth: true, params: idParam,
    responses: { 204: { description: 'read' }, 401: errors[401], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => {
      await s.inbox.markRead(ctx, params.id);
      res.status(204).end();
    },
  });
  route(table, {
    method: 'post', path: '/api/notifications/read-all', summary: 'Mark all my notifications read', tags, auth: true,
    responses: { 200: { description: 'how many were marked', schema: z.object({ read: z.number().int() }).openapi('NotificationsRead') }, 401: errors[401] },
    handler: async ({ ctx }, _req, res) => void res.json(await s.inbox.markAllRead(ctx)),
  });
}
