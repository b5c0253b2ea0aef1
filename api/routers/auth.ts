// Sign-in, sign-out, the current user, password change.
import { loginResultSchema, meResultSchema } from '../../accounts/account-schema.js';
import { consoleAreasFor } from '../../accounts/console-areas.js';
import type { AppAbility } from '../../core/access/abilities.js';
import { z } from '../../core/zod-openapi.js';
import type { Services } from '../services.js';
import { route, type RouteTable } from '../route.js';
import { errors } from '../schemas.js';

/**
 * The console areas of an ability, worked out once per ability object: abilities are shared per principal
 * (core/access/ability-cache.ts, keyed by every field they depend on, the jurisdiction included) and never change
 * once built, so a changed role (a new ability) gets its areas afresh.
 */
const areasByAbility = new WeakMap<AppAbility, ReturnType<typeof consoleAreasFor>>();
function areasOf(ability: AppAbility, jurisdiction: string): ReturnType<typeof consoleAreasFor> {
  let areas = areasByAbility.get(ability);
  if (!areas) areasByAbility.set(ability, (areas = consoleAreasFor(ability, true, jurisdiction)));
  return areas;
}

export function authRoutes(table: RouteTable, s: Services) {
  route(table, {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in with a username and password; returns a bearer token',
    tags: ['auth'],
    auth: false,
    body: z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
    responses: {
      200: {
        description: 'signed in',
        schema: loginResultSchema,
      },
      400: errors[400],
      401: errors[401],
      403: { description: 'account disabled', schema: errors[403].schema },
      429: { description: 'too many failed sign-ins for this account or from this address; wait Retry-After seconds', schema: errors[400].schema },
    },
    handler: async ({ body, ctx }, _req, res) => {
      res.json(await s.auth.login(body, ctx.audit));
    },
  });
  route(table, {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'End this session',
    tags: ['auth'],
    auth: true,
    responses: { 204: { description: 'signed out' }, 401: errors[401] },
    handler: async ({ ctx }, _req, res) => {
      await s.auth.logout(ctx.token, ctx.audit);
      res.status(204).end();
    },
  });
  route(table, {
    method: 'get',
    path: '/api/auth/me',
    summary: 'The signed-in user, the console areas their permissions open and the page they land on',
    tags: ['auth'],
    auth: true,
    responses: { 200: { description: 'the user and their console areas', schema: meResultSchema }, 401: errors[401] },
    handler: ({ ctx }, _req, res) => void res.json({ user: ctx.principal, ...areasOf(ctx.ability, ctx.principal.jurisdiction) }),
  });
  route(table, {
    method: 'post',
    path: '/api/auth/password',
    summary: 'Change your own password; ends your other sessions, keeps this one',
    tags: ['auth'],
    auth: true,
    body: z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
    responses: { 204: { description: 'changed' }, 400: errors[400], 401: errors[401], 403: errors[403], 422: errors[422] },
    handler: async ({ body, ctx }, _req, res) => {
      await s.auth.changePassword(ctx.principal.id, body, ctx.audit, ctx.token);
      res.status(204).end();
    },
  });
}
