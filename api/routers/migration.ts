// The legacy system register and the migration onto the city cloud (Art. 5, 30, 33): register, import/export,
// assessment and the state machine, waves, and the progress board.
import { jurisdictionQuery } from '../../accounts/jurisdictions.js';
import { t } from '../../core/i18n.js';
import { fileResponse, sendSpreadsheet, spreadsheetFormat } from '../download.js';
import { sendSerialised, serialised } from '../serialised.js';
import type { Request, Response } from 'express';
import multer from 'multer';
import { z } from '../../core/zod-openapi.js';
import { BadRequestError, InvalidInputError, PayloadTooLargeError } from '../../core/errors.js';
import {
  boardSchema,
  hostingSchema as hosting,
  importResultSchema as importResult,
  migrationStateSchema as status,
  strategySchema as strategy,
  systemHistorySchema,
  systemPageSchema,
  systemViewSchema as system,
  waveViewSchema as wave,
} from '../../migration/view-schema.js';
import { MIGRATION_MACHINE, MIGRATION_TRANSITION_ACTIONS, type MigrationTransitionAction } from '../../migration/workflow.js';
import { assessmentSchema, registerSchema, systemPatchSchema } from '../../migration/register-input.js';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, registerTemplate } from '../../migration/spreadsheet.js';
import { importPreviewSchema } from '../../migration/import-preview-schema.js';
import type { TransitionInput } from '../../migration/transitions.js';
import { readIfMatch, sendVersioned as send } from '../etag.js';
import { route, type RouteTable } from '../route.js';
import { errors, idParam, localeQuery } from '../schemas.js';
import type { Services } from '../services.js';

const localDate = z.iso.date().describe('a calendar date in Asia/Shanghai, YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);
const oneOrMany = <T extends z.ZodType>(s: T) => z.union([s, z.array(s).max(20)]).optional();
const flag = z.enum(['true', 'false']).optional();


const filters = {
  status: oneOrMany(status),
  hosting: oneOrMany(hosting),
  strategy: oneOrMany(strategy),
  orgId: z.uuid().optional(),
  waveId: z.uuid().optional(),
  classified: flag,
  outsideCityCloud: flag.describe('true: not exempt, not on the city cloud, not yet migrated or decommissioned'),
  q: z.string().max(100).optional().describe('part of a name or code'),
};
type FilterQuery = z.output<z.ZodObject<typeof filters>>;
const arr = <T>(v: T | T[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);
const bool = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');
const filterOf = (q: FilterQuery) => ({
  status: arr(q.status),
  hosting: arr(q.hosting),
  strategy: arr(q.strategy),
  orgId: q.orgId,
  waveId: q.waveId,
  classified: bool(q.classified),
  outsideCityCloud: bool(q.outsideCityCloud),
  q: q.q,
});

const note = z.string().trim().max(2000).optional();
const TRANSITION_BODIES: { [A in MigrationTransitionAction]: z.ZodType<TransitionInput[A] | undefined> } = {
  assess: assessmentSchema.extend({ note }),
  plan: z.strictObject({ waveId: z.uuid(), note }),
  unplan: z.strictObject({ note }).optional(),
  start: z.strictObject({ note }).optional(),
  'cut-over': z.strictObject({ note }).optional(),
  verify: z.strictObject({
    projectId: z.uuid().describe('the project whose provisioned resources the system now runs on'),
    resourceRequestIds: z.array(z.uuid()).max(100).optional().describe('PROVISIONED requests of that project; default: all of them'),
    note,
  }),
  decommission: z.strictObject({ note }).optional(),
  block: z.strictObject({ reason: text(2000) }),
  unblock: z.strictObject({ note }).optional(),
};

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 0 } });
/** multer's refusals in the vocabulary: too large 413, anything else about the form 400 */
const uploadRegister = (req: Request, res: Response, next: (err?: unknown) => void) =>
  upload.single('file')(req, res, (err?: unknown) => {
    if (!err) return next();
    if ((err as { code?: string }).code === 'LIMIT_FILE_SIZE') return next(new PayloadTooLargeError(`${MAX_IMPORT_BYTES / 1024 / 1024} MiB`));
    if (err instanceof multer.MulterError) return next(new InvalidInputError([{ path: err.field ?? 'file', code: 'field.unknown' }]));
    next(new BadRequestError());
  });

export function migrationRoutes(table: RouteTable, s: Services) {
  const tags = ['migration'];

  route(table, {
    method: 'get', path: '/api/migration/template', summary: 'The register template (Chinese by default) with drop-downs and instructions, XLSX or CSV', tags, auth: false,
    query: z.strictObject({ format: spreadsheetFormat, lang: localeQuery }),
    responses: { ...fileResponse, 400: errors[400] },
    handler: async ({ query, ctx }, _req, res) => {
      sendSpreadsheet(res, await registerTemplate(query.format, ctx.locale), query.format, 'system-register-template', t('file.registerTemplate', ctx.locale));
    },
  });

  route(table, {
    method: 'get', path: '/api/migration/board',
    summary: 'Migration progress: totals by status; by organisation (every kind), organisation kind, jurisdiction, industry cloud (full view only), department, county, wave, strategy and hosting, each of organisation, kind, jurisdiction, industry cloud, strategy and hosting adding up to the totals; systems outside the city cloud; overdue waves; the migrated-over-time curve; Art. 30 and 33 footprints. GIA, the auditor and the sub-center get the full view; anyone else the public one (counts only)',
    tags, auth: false,
    query: z.strictObject({
      view: z.enum(['public', 'full']).optional().describe('public: what the public display shows; full: 403 unless you may read it'),
      jurisdiction: jurisdictionQuery.describe("one jurisdiction's board ('CITY' or a county's code); a county bureau's full board is always its own"),
    }),
    responses: {
      200: { description: 'the board (ETag; 304 with If-None-Match)', schema: boardSchema },
      304: { description: 'unchanged' },
      400: errors[400],
      403: errors[403],
    },
    handler: async ({ query, ctx }, req, res) => {
      const { entry, view, scope } = await s.migration.board.get(ctx, query.view, query.jurisdiction);
      // the ETag covers the numbers, not the time they were computed, so an unchanged board answers 304
      const body = serialised(entry, `board-${view}-${scope ?? 'all'}`, { body: (e) => ({ ...e.board, generatedAt: e.generatedAt }), etagOver: (e) => e.board });
      res.setHeader('ETag', body.etag);
      res.setHeader('Vary', 'Authorization');
      res.setHeader('Cache-Control', view === 'public' ? 'public, max-age=2' : 'private, no-cache');
      if (req.headers['if-none-match'] === body.etag) return void res.status(304).end();
      sendSerialised(res, body);
    },
  });

  route(table, {
    method: 'get', path: '/api/migration/waves', summary: 'Migration waves by start date, with their systems and how many are done (signed-in users)', tags, auth: true,
    responses: { 200: { description: 'waves', schema: z.object({ items: z.array(wave) }) }, 401: errors[401] },
    handler: async ({ ctx }, _req, res) => void res.json(await s.migration.waves.list(ctx)),
  });

  route(table, {
    method: 'post', path: '/api/migration/waves', summary: 'Create a migration wave (sub-center)', tags, auth: true, can: ['create', 'MigrationWave'],
    body: z.strictObject({ name: text(100), startDate: localDate, endDate: localDate, description: z.string().max(2000).optional() }),
    responses: { 201: { description: 'created', schema: wave }, 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
    handler: async ({ body, ctx }, _req, res) => send(res, await s.migration.waves.create(ctx, body), 201),
  });

  route(table, {
    method: 'patch', path: '/api/migration/waves/:id', summary: 'Change a wave: name, dates, description (sub-center)', tags, auth: true, can: ['update', 'MigrationWave'], ifMatch: true,
    params: idParam,
    body: z.strictObject({ name: text(100).optional(), startDate: localDate.optional(), endDate: localDate.optional(), description: z.string().max(2000).optional() }),
    responses: { 200: { description: 'updated', schema: wave }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.migration.waves.update(ctx, params.id, readIfMatch(req), body)),
  });

  route(table, {
    method: 'get', path: '/api/migration/systems', summary: 'Registered systems you may read (your organisation’s; GIA, the auditor and the sub-center: all), filtered and paginated', tags, auth: true,
    query: z.strictObject({
      ...filters,
      page: z.coerce.number().int().min(1).max(100000).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
    }),
    responses: { 200: { description: 'a page of systems, by code', schema: systemPageSchema }, 400: errors[400], 401: errors[401], 403: errors[403] },
    handler: async ({ query, ctx }, _req, res) => void res.json(await s.migration.register.list(ctx, { ...filterOf(query), page: query.page, pageSize: query.pageSize })),
  });

  route(table, {
    method: 'post', path: '/api/migration/systems', summary: 'Register a system of your organisation (department or county user); assessment fields are the sub-center’s', tags, auth: true, can: ['create', 'MigrationSystem'],
    body: registerSchema,
    responses: { 201: { description: 'registered', schema: system }, 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
    handler: async ({ body, ctx }, _req, res) => {
      const v = await s.migration.register.create(ctx, body);
      res.location(`/api/migration/systems/${v.id}`);
      send(res, v, 201);
    },
  });

  route(table, {
    method: 'post', path: '/api/migration/systems/import',
    summary: `Import the register from XLSX or CSV (the template's columns or their common names; at most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB and ${MAX_IMPORT_ROWS} systems): every row or none; 422 lists each problem's row, column and reason`,
    tags, auth: true, idempotent: true,
    multipart: { field: 'file', parser: uploadRegister },
    responses: { 201: { description: 'imported', schema: importResult }, 400: errors[400], 401: errors[401], 403: errors[403], 413: errors[400], 415: errors[400], 422: errors[422], 429: { description: 'IMPORT_BUSY: this user already runs the allowed number of imports; wait Retry-After seconds', schema: errors[400].schema } },
    handler: async ({ ctx }, req, res) => {
      if (!req.file?.size) throw new InvalidInputError([{ path: 'file', code: 'field.required' }]);
      const file = req.file.buffer;
      res.status(201).json(await s.imports.run(ctx.principal.id, () => s.migration.register.importFile(ctx, file, ctx.locale)));
    },
  });

  route(table, {
    method: 'post', path: '/api/migration/systems/import/preview',
    summary: 'What the import would do with a file, writing nothing: format, sheet, header rows, each column’s field (and amount unit), the first rows as they would be registered, and every problem as the import reports it',
    tags, auth: true,
    multipart: { field: 'file', parser: uploadRegister },
    responses: { 200: { description: 'the preview', schema: importPreviewSchema }, 400: errors[400], 401: errors[401], 403: errors[403], 413: errors[400], 415: errors[400], 422: errors[422], 429: { description: 'IMPORT_BUSY: this user already runs the allowed number of imports; wait Retry-After seconds', schema: errors[400].schema } },
    handler: async ({ ctx }, req, res) => {
      if (!req.file?.size) throw new InvalidInputError([{ path: 'file', code: 'field.required' }]);
      const file = req.file.buffer;
      res.json(await s.imports.run(ctx.principal.id, () => s.migration.register.previewFile(ctx, file, ctx.locale)));
    },
  });

  route(table, {
    method: 'get', path: '/api/migration/systems/export', summary: 'The register you may read as XLSX or CSV: the template’s columns, then code, state and assessment (formula-like cells neutralised)', tags, auth: true,
    query: z.strictObject({ ...filters, format: spreadsheetFormat, lang: localeQuery }),
    responses: { ...fileResponse, 400: errors[400], 401: errors[401], 403: errors[403] },
    handler: async ({ query, ctx }, _req, res) => {
      const body = await s.migration.register.exportFile(ctx, filterOf(query), query.format, ctx.locale);
      sendSpreadsheet(res, body, query.format, 'system-register', t('file.register', ctx.locale));
    },
  });

  route(table, {
    method: 'get', path: '/api/migration/systems/:id', summary: 'A registered system', tags, auth: true,
    params: idParam,
    responses: { 200: { description: 'the system (ETag: its version)', schema: system }, 401: errors[401], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => send(res, await s.migration.register.get(ctx, params.id, ctx.locale)),
  });

  route(table, {
    method: 'patch', path: '/api/migration/systems/:id',
    summary: 'Change a system: register fields (its organisation), assessment fields (the sub-center, once assessed); anything else FORBIDDEN_FIELD',
    tags, auth: true, can: ['update', 'MigrationSystem'], ifMatch: true,
    params: idParam, body: systemPatchSchema,
    responses: { 200: { description: 'updated', schema: system }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.migration.register.update(ctx, params.id, readIfMatch(req), body, ctx.locale)),
  });

  route(table, {
    method: 'delete', path: '/api/migration/systems/:id', summary: 'Withdraw a registration made in error (its organisation, before assessment)', tags, auth: true, ifMatch: true,
    params: idParam,
    responses: { 204: { description: 'withdrawn' }, ...errors },
    handler: async ({ params, ctx }, req, res) => {
      await s.migration.register.remove(ctx, params.id, readIfMatch(req), ctx.locale);
      res.status(204).end();
    },
  });

  route(table, {
    method: 'get', path: '/api/migration/systems/:id/history', summary: 'Every change of a system: registration, edits, assessment and transitions, oldest first', tags, auth: true,
    params: idParam,
    responses: { 200: { description: 'the history', schema: systemHistorySchema }, 401: errors[401], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => void res.json(await s.migration.register.history(ctx, params.id)),
  });

  for (const action of MIGRATION_TRANSITION_ACTIONS) {
    const t = MIGRATION_MACHINE.actions[action];
    route(table, {
      method: 'post', path: `/api/migration/systems/:id/${action}`,
      summary: `${t.label.en} (${t.label['zh-CN']}, sub-center, ${t.article}): ${t.from.join('/')} → ${action === 'unblock' ? 'the state it was blocked in' : t.to.join('/')}`,
      tags, auth: true, can: [t.ability, 'MigrationSystem'], ifMatch: true,
      params: idParam, body: TRANSITION_BODIES[action],
      responses: { 200: { description: 'done', schema: system }, ...errors },
      handler: async ({ params, body, ctx }, req, res) =>
        send(res, await s.migration.transitions.take(ctx, params.id, readIfMatch(req), action, (body ?? {}) as TransitionInput[typeof action], ctx.locale)),
    });
  }
}
