// Organisations and user accounts (administrators), with field-level rules from core/access.
import { organisationViewSchema as organisation, orgAliasViewSchema, orgRecognitionSchema, orgKindSchema, roleSchema, userPageSchema, userViewSchema as user } from '../../accounts/account-schema.js';
import { jurisdictionQuery, jurisdictionViewSchema } from '../../accounts/jurisdictions.js';
import { ORG_EXPORT, USER_EXPORT } from '../../accounts/list-exports.js';
import { z } from '../../core/zod-openapi.js';
import { readIfMatch, setEtag } from '../etag.js';
import { exportRoute } from '../list-export.js';
import { route, type RouteTable } from '../route.js';
import { errors, idParam } from '../schemas.js';
import type { Services } from '../services.js';

const orgKind = orgKindSchema;
const role = roleSchema;

const email = z.email().max(200).nullable().optional();
const phone = z.string().regex(/^[0-9+\-() ]{5,30}$/).nullable().optional();

const shortName = z.string().trim().max(50).nullable().optional().transform((v) => (v === '' ? null : v)).describe('the official short name (规范简称), e.g. 市教育局');

const orgQuery = {
  kind: orgKind.optional(),
  jurisdiction: jurisdictionQuery,
  q: z.string().trim().max(100).optional().describe('search: the code or the name (Chinese or English)'),
};
const userQuery = {
  orgId: z.uuid().optional(),
  role: role.optional(),
  q: z.string().trim().max(64).optional().describe('search: the username, the name or the organisation'),
  dutyConflict: z.enum(['true', 'false']).optional().describe('separation of duties: only the accounts whose role does not fit their organisation (true), or only those that fit (false)'),
};

export function accountRoutes(table: RouteTable, s: Services) {
  route(table, {
    method: 'get',
    path: '/api/jurisdictions',
    summary: 'The jurisdictions (Art. 39): the city, then every county (public: the public notices and board filter by them)',
    tags: ['accounts'],
    auth: false,
    responses: { 200: { description: 'jurisdictions', schema: z.object({ items: z.array(jurisdictionViewSchema) }) } },
    handler: async (_input, _req, res) => void res.json({ items: await s.organisations.jurisdictions() }),
  });
  route(table, {
    method: 'get',
    path: '/api/orgs',
    summary: 'Organisations (signed-in users), searched and filtered by kind',
    tags: ['accounts'],
    auth: true,
    query: z.strictObject(orgQuery),
    responses: { 200: { description: 'organisations', schema: z.object({ items: z.array(organisation) }) }, 400: errors[400], 401: errors[401] },
    handler: async ({ query, ctx }, _req, res) => void res.json({ items: await s.organisations.list(ctx, query) }),
  });
  exportRoute(table, {
    path: '/api/orgs', summary: 'The organisations, searched and filtered as in the list,', tags: ['accounts'], query: orgQuery, spec: ORG_EXPORT,
    load: async (ctx, query, max) => (await s.organisations.list(ctx, query)).slice(0, max),
  });
  route(table, {
    method: 'post',
    path: '/api/orgs',
    summary: 'Create an organisation (system administrator)',
    tags: ['accounts'],
    auth: true, can: ['create', 'Organisation'],
    body: z.strictObject({ code: z.string().regex(/^[A-Z0-9_]{2,32}$/), name: z.string().min(1).max(100), shortName, nameEn: z.string().max(200).nullable().optional(), kind: orgKind, jurisdiction: jurisdictionQuery }),
    responses: { 201: { description: 'created', schema: organisation }, 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
    handler: async ({ body, ctx }, _req, res) => {
      const org = await s.organisations.create(ctx, body);
      setEtag(res, org.version);
      res.status(201).json(org);
    },
  });
  route(table, {
    method: 'patch',
    path: '/api/orgs/:id',
    summary: 'Change an organisation (system administrator)',
    tags: ['accounts'],
    auth: true, can: ['update', 'Organisation'],
    ifMatch: true,
    params: idParam,
    body: z.strictObject({ name: z.string().min(1).max(100).optional(), shortName, nameEn: z.string().max(200).nullable().optional(), kind: orgKind.optional(), jurisdiction: jurisdictionQuery, active: z.boolean().optional() }),
    responses: { 200: { description: 'updated', schema: organisation }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => {
      const org = await s.organisations.update(ctx, params.id, readIfMatch(req), body);
      setEtag(res, org.version);
      res.json(org);
    },
  });

  route(table, {
    method: 'get',
    path: '/api/orgs/recognise',
    summary: 'Which organisation a written name stands for (full name, short name, alias or code), or the closest names (the sub-center, GIA, administrators)',
    tags: ['accounts'],
    auth: true,
    query: z.strictObject({ name: z.string().trim().min(1).max(200).describe('the name as written in a sheet') }),
    responses: { 200: { description: 'recognised, ambiguous, or unknown with suggestions', schema: orgRecognitionSchema }, 400: errors[400], 401: errors[401], 403: errors[403] },
    handler: async ({ query, ctx }, _req, res) => void res.json(await s.orgAliases.recognise(ctx, query.name)),
  });
  route(table, {
    method: 'get',
    path: '/api/orgs/:id/aliases',
    summary: "An organisation's aliases (signed-in users)",
    tags: ['accounts'],
    auth: true,
    params: idParam,
    responses: { 200: { description: 'aliases, oldest first', schema: z.object({ items: z.array(orgAliasViewSchema) }) }, 401: errors[401], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => void res.json({ items: await s.orgAliases.list(ctx, params.id) }),
  });
  route(table, {
    method: 'post',
    path: '/api/orgs/:id/aliases',
    summary: 'Add an alias to an organisation (system administrator); 409 ORG_NAME_TAKEN when it already stands for another organisation',
    tags: ['accounts'],
    auth: true, can: ['update', 'Organisation'],
    params: idParam,
    body: z.strictObject({ alias: z.string().trim().min(1).max(100) }),
    responses: { 201: { description: 'added', schema: orgAliasViewSchema }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    handler: async ({ params, body, ctx }, _req, res) => void res.status(201).json(await s.orgAliases.add(ctx, params.id, body.alias)),
  });
  route(table, {
    method: 'delete',
    path: '/api/orgs/:id/aliases/:aliasId',
    summary: "Remove an organisation's alias (system administrator)",
    tags: ['accounts'],
    auth: true,
    params: z.strictObject({ id: z.uuid(), aliasId: z.uuid() }),
    responses: { 204: { description: 'removed' }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => {
      await s.orgAliases.remove(ctx, params.id, params.aliasId);
      res.status(204).end();
    },
  });

  route(table, {
    method: 'get',
    path: '/api/users',
    summary: 'User accounts you may read (administrators and the auditor see all; others themselves)',
    tags: ['accounts'],
    auth: true,
    query: z.strictObject({
      ...userQuery,
      page: z.coerce.number().int().min(1).max(100000).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
    }),
    responses: {
      200: { description: 'a page of accounts', schema: userPageSchema },
      400: errors[400],
      401: errors[401],
    },
    handler: async ({ query, ctx }, _req, res) => void res.json(await s.users.list(ctx, query)),
  });
  exportRoute(table, {
    path: '/api/users', summary: 'The accounts you may read, searched and filtered as in the list, each with the fields you may read,', tags: ['accounts'], query: userQuery, spec: USER_EXPORT,
    load: async (ctx, query, max) => (await s.users.list(ctx, { ...query, page: 1, pageSize: max })).items,
  });
  route(table, {
    method: 'post',
    path: '/api/users',
    summary: 'Create a business account (system administrator)',
    tags: ['accounts'],
    auth: true, can: ['create', 'User'],
    body: z.strictObject({
      username: z.string().regex(/^[a-z][a-z0-9_.-]{2,31}$/),
      displayName: z.string().min(1).max(64),
      role,
      orgId: z.uuid(),
      email,
      phone,
      password: z.string().min(1).max(128),
    }),
    responses: { 201: { description: 'created', schema: user }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 422: errors[422] },
    handler: async ({ body, ctx }, _req, res) => void res.status(201).json(await s.users.create(ctx, body)),
  });
  route(table, {
    method: 'get',
    path: '/api/users/:id',
    summary: 'One account',
    tags: ['accounts'],
    auth: true,
    params: idParam,
    responses: { 200: { description: 'the account (ETag: its version)', schema: user }, 401: errors[401], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => {
      const u = await s.users.get(ctx, params.id);
      if (typeof u.version === 'number') setEtag(res, u.version);
      res.json(u);
    },
  });
  route(table, {
    method: 'patch',
    path: '/api/users/:id',
    summary: 'Change an account: profile and disabled (system administrator), role and disabled (security administrator)',
    tags: ['accounts'],
    auth: true, can: ['update', 'User'],
    ifMatch: true,
    params: idParam,
    body: z.strictObject({
      displayName: z.string().min(1).max(64).optional(),
      orgId: z.uuid().optional(),
      email,
      phone,
      disabled: z.boolean().optional(),
      role: role.optional(),
    }),
    responses: { 200: { description: 'updated', schema: user }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => {
      const u = await s.users.update(ctx, params.id, readIfMatch(req), body);
      if (typeof u.version === 'number') setEtag(res, u.version);
      res.json(u);
    },
  });
  route(table, {
    method: 'post',
    path: '/api/users/:id/unlock',
    summary: 'Unlock an account locked by failed sign-ins (security administrator)',
    tags: ['accounts'],
    auth: true,
    params: idParam,
    responses: { 200: { description: 'unlocked', schema: user }, 401: errors[401], 403: errors[403], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => void res.json(await s.users.unlock(ctx, params.id)),
  });
  route(table, {
    method: 'post',
    path: '/api/users/:id/reset-password',
    summary: "Set a new password for someone else's account and end its sessions (security administrator)",
    tags: ['accounts'],
    auth: true, can: ['resetPassword', 'User'],
    params: idParam,
    body: z.strictObject({ password: z.string().min(1).max(128) }),
    responses: { 204: { description: 'reset' }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 422: errors[422] },
    handler: async ({ params, body, ctx }, _req, res) => {
      await s.users.resetPassword(ctx, params.id, body.password);
      res.status(204).end();
    },
  });
}
