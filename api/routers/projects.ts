// Projects: drafting, validation, the approval chain, public notices, filings, deadlines, documents.
import { jurisdictionQuery } from '../../accounts/jurisdictions.js';
import { sendSerialised, serialised } from '../serialised.js';
import type { Response } from 'express';
import {
  acceptanceInputSchema,
  catalogChangesSchema,
  changeRequestInputSchema,
  deadlineListSchema,
  documentKindSchema as documentKind,
  documentStoredSchema,
  filingInputSchema as filingBody,
  lineInputSchema as lineBody,
  localDate,
  money,
  objectionRecordedSchema,
  objectionResolvedSchema,
  projectPageSchema,
  projectStatusSchema as projectStatus,
  projectTypeSchema as projectType,
  projectViewSchema as project,
  publicNoticeSchema,
  queuePageSchema,
  queueStageSchema,
  queueSummarySchema,
  remindResultSchema,
  validationResultSchema,
} from '../../projects/project-schema.js';
import { z } from '../../core/zod-openapi.js';
import { REVIEW_DIMENSIONS } from '../../projects/workflow.js';
import { DEADLINE_EXPORT, NOTICE_EXPORT, PROJECT_LIST_EXPORT, QUEUE_EXPORT } from '../../projects/list-exports.js';
import { projectFilterQuery } from '../../projects/list-filter.js';
import { stateKey } from '../../core/workflow/machine.js';
import { t } from '../../core/i18n.js';
import { fileResponse, sendDocument } from '../download.js';
import { exportRoute } from '../list-export.js';
import { InvalidInputError } from '../../core/errors.js';
import { uploadOne } from '../document-upload.js';
import { readIfMatch, setEtag } from '../etag.js';
import { route, type RouteTable } from '../route.js';
import { errors, idParam, localeQuery, positiveInt } from '../schemas.js';
import type { Services } from '../services.js';

const text = (max: number) => z.string().trim().min(1).max(max);

const basics = {
  name: text(200),
  type: projectType,
  budgetYear: z.number().int().min(2000).max(2100),
  totalBudget: money,
  yearlyBudgets: z.array(z.strictObject({ year: z.number().int().min(2000).max(2100), amount: money })).max(10).optional(),
  leadOrgId: z.uuid().nullable().optional(),
  coBuildingOrgIds: z.array(z.uuid()).max(50).optional(),
  countyParticipation: z.boolean().optional(),
  description: z.string().max(10000).optional(),
  components: z.array(text(500)).max(100).optional().describe('what the project itself builds (建设内容), one item each'),
  performanceGoals: z.array(z.strictObject({ indicator: text(200), target: text(200) })).max(50).optional(),
  emergency: z.boolean().optional(),
  emergencyConsentRef: z.string().max(200).nullable().optional(),
  privateNetwork: z.boolean().optional(),
  privateNetworkApprovalRef: z.string().max(200).nullable().optional(),
};
const createBody = z.strictObject(basics);
const patchBody = z.strictObject(Object.fromEntries(Object.entries(basics).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof basics]: z.ZodOptional<(typeof basics)[K]> });
const resource = z.strictObject({
  direction: z.enum(['NEEDED', 'PRODUCED']),
  name: text(200),
  source: text(200),
  format: text(100),
  updateFrequency: text(50),
  sharing: z.enum(['UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHAREABLE']),
  openness: z.enum(['OPEN', 'CONDITIONAL', 'NOT_OPEN']),
});
const opinion = z.strictObject({ opinion: z.enum(['PASS', 'CONCERN', 'FAIL']), comment: text(2000) });
const dimensions = z.strictObject(Object.fromEntries(REVIEW_DIMENSIONS.map((d) => [d, opinion])) as Record<(typeof REVIEW_DIMENSIONS)[number], typeof opinion>);

function send(res: Response, p: { version: number }, status = 200) {
  setEtag(res, p.version);
  res.status(status).json(p);
}

export function projectRoutes(table: RouteTable, s: Services) {
  const tags = ['projects'];
  const projectParam = idParam;

  route(table, {
    method: 'post', path: '/api/projects', summary: 'Create a project draft (department or county user)', tags, auth: true, can: ['create', 'Project'], idempotent: true,
    body: createBody,
    responses: { 201: { description: 'the draft', schema: project }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    handler: async ({ body, ctx }, _req, res) => {
      const p = await s.drafting.create(ctx, body, ctx.locale);
      res.location(`/api/projects/${p.id}`);
      send(res, p, 201);
    },
  });

  const listQuery = { status: z.union([projectStatus, z.array(projectStatus)]).optional(), ...projectFilterQuery };
  const statuses = (status: z.output<typeof listQuery.status>) => (status === undefined ? undefined : Array.isArray(status) ? status : [status]);
  route(table, {
    method: 'get', path: '/api/projects', summary: 'Projects you may see (your own and co-built; reviewers: theirs), searched, filtered and sorted', tags, auth: true,
    query: z.strictObject({
      ...listQuery,
      page: z.coerce.number().int().min(1).max(100000).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
    }),
    responses: { 200: { description: 'a page of projects', schema: projectPageSchema }, 400: errors[400], 401: errors[401] },
    handler: async ({ query, ctx }, _req, res) => void res.json(await s.drafting.list(ctx, { ...query, status: statuses(query.status) })),
  });
  exportRoute(table, {
    path: '/api/projects', summary: 'The projects you may see, searched and filtered as in the list,', tags, query: listQuery, spec: PROJECT_LIST_EXPORT,
    load: async (ctx, query, max) => (await s.drafting.list(ctx, { ...query, status: statuses(query.status), page: 1, pageSize: max })).items,
  });

  route(table, {
    method: 'get', path: '/api/projects/queues', summary: 'The queues the caller decides in, with how many projects wait in each', tags, auth: true,
    responses: { 200: { description: 'the queues, in order (none for those who decide nothing)', schema: queueSummarySchema }, 401: errors[401] },
    handler: async ({ ctx }, _req, res) => void res.json(await s.approval.queues(ctx)),
  });

  const queueQuery = { stage: queueStageSchema, ...projectFilterQuery };
  route(table, {
    method: 'get', path: '/api/projects/queue', summary: "A reviewer's queue for one stage, oldest submission first (or as sorted), searched and filtered", tags, auth: true,
    query: z.strictObject({
      ...queueQuery,
      page: z.coerce.number().int().min(1).max(100000).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
    }),
    responses: { 200: { description: 'the queue', schema: queuePageSchema }, 400: errors[400], 401: errors[401], 403: errors[403] },
    handler: async ({ query: { stage, page, pageSize, ...filter }, ctx }, _req, res) => sendSerialised(res, serialised(await s.approval.queue(ctx, stage, page, pageSize, filter), 'queue')),
  });
  exportRoute(table, {
    path: '/api/projects/queue', summary: "A reviewer's queue for one stage, searched and filtered as in the console,", tags, query: queueQuery, spec: QUEUE_EXPORT,
    load: async (ctx, { stage, ...filter }, max) => (await s.approval.queue(ctx, stage, 1, max, filter)).items,
    titleParams: (query, locale) => ({ stage: t(stateKey('Project', query.stage), locale) }),
  });

  route(table, {
    method: 'get', path: '/api/projects/:id', summary: 'A project with its lines, resources, documents, reviews, notices, filings, deadlines and entitlement', tags, auth: true,
    params: projectParam,
    responses: { 200: { description: 'the project (ETag: its version)', schema: project }, 401: errors[401], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => send(res, await s.drafting.get(ctx, params.id, ctx.locale)),
  });

  route(table, {
    method: 'patch', path: '/api/projects/:id', summary: 'Change a draft or returned project', tags, auth: true, can: ['update', 'Project'], ifMatch: true,
    params: projectParam, body: patchBody,
    responses: { 200: { description: 'updated', schema: project }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.drafting.update(ctx, params.id, readIfMatch(req), body, ctx.locale)),
  });

  route(table, {
    method: 'post', path: '/api/projects/:id/lines', summary: 'Add a resource line: a catalog plan, a quantity and its purpose', tags, auth: true, can: ['update', 'Project'], ifMatch: true,
    params: projectParam, body: lineBody,
    responses: { 200: { description: 'the project', schema: project }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.drafting.addLine(ctx, params.id, readIfMatch(req), body, ctx.locale)),
  });

  route(table, {
    method: 'put', path: '/api/projects/:id/lines/:lineNo', summary: 'Change a resource line', tags, auth: true, can: ['update', 'Project'], ifMatch: true,
    params: projectParam.extend({ lineNo: positiveInt() }), body: lineBody,
    responses: { 200: { description: 'the project', schema: project }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.drafting.updateLine(ctx, params.id, readIfMatch(req), params.lineNo, body, ctx.locale)),
  });

  route(table, {
    method: 'delete', path: '/api/projects/:id/lines/:lineNo', summary: 'Remove a resource line', tags, auth: true, ifMatch: true,
    params: projectParam.extend({ lineNo: positiveInt() }),
    responses: { 200: { description: 'the project', schema: project }, ...errors },
    handler: async ({ params, ctx }, req, res) => send(res, await s.drafting.removeLine(ctx, params.id, readIfMatch(req), params.lineNo, ctx.locale)),
  });

  route(table, {
    method: 'put', path: '/api/projects/:id/information-resources', summary: 'Replace the information resource catalog (Art. 27): resources needed and produced', tags, auth: true, can: ['update', 'Project'], ifMatch: true,
    params: projectParam, body: z.strictObject({ items: z.array(resource).max(500) }),
    responses: { 200: { description: 'the project', schema: project }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.drafting.replaceInformationResources(ctx, params.id, readIfMatch(req), body.items, ctx.locale)),
  });

  route(table, {
    method: 'post', path: '/api/projects/:id/validate', summary: 'Every problem with the project at once, each with its code, line, message and article', tags, auth: true,
    params: projectParam,
    responses: { 200: { description: 'the result', schema: validationResultSchema }, 401: errors[401], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => void res.json(await s.drafting.validate(ctx, params.id, ctx.locale)),
  });

  route(table, {
    method: 'get', path: '/api/projects/:id/catalog-changes', summary: 'What newer published catalog revisions change for the plans this project asks for', tags, auth: true,
    params: projectParam,
    responses: { 200: { description: 'changes', schema: catalogChangesSchema }, 401: errors[401], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => void res.json(await s.drafting.catalogChanges(ctx, params.id)),
  });

  route(table, {
    method: 'post', path: '/api/projects/:id/submit', summary: 'Submit for GIA review; 422 RULE_VIOLATION with every violation when invalid', tags, auth: true, ifMatch: true,
    params: projectParam,
    responses: { 200: { description: 'submitted', schema: project }, ...errors },
    handler: async ({ params, ctx }, req, res) => send(res, await s.drafting.submit(ctx, params.id, readIfMatch(req), ctx.locale)),
  });

  route(table, {
    method: 'post', path: '/api/projects/:id/review', summary: 'GIA review on the five Art. 8 dimensions: approve, return for revision, or reject', tags, auth: true, can: ['review', 'Project'], ifMatch: true,
    params: projectParam, body: z.strictObject({ decision: z.enum(['APPROVE', 'RETURN', 'REJECT']), dimensions, comment: z.string().max(5000).optional() }),
    responses: { 200: { description: 'reviewed', schema: project }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.approval.review(ctx, params.id, readIfMatch(req), body, ctx.locale)),
  });

  route(table, {
    method: 'post', path: '/api/projects/:id/budget-review', summary: 'Finance budget review (Art. 9): approve an amount, or return', tags, auth: true, can: ['budgetReview', 'Project'], ifMatch: true,
    params: projectParam, body: z.strictObject({ decision: z.enum(['APPROVE', 'RETURN']), approvedAmount: money.optional(), comment: z.string().max(5000).optional() }),
    responses: { 200: { description: 'reviewed', schema: project }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.approval.budgetReview(ctx, params.id, readIfMatch(req), body, ctx.locale)),
  });

  route(table, {
    method: 'post', path: '/api/projects/:id/notice', summary: 'Open the public notice of the fund allocation (Art. 10)', tags, auth: true, can: ['notice', 'Project'], ifMatch: true,
    params: projectParam, body: z.strictObject({ startDate: localDate, endDate: localDate, title: z.string().max(200).optional(), content: z.string().max(5000).optional() }),
    responses: { 200: { description: 'notice open', schema: project }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.approval.openNotice(ctx, params.id, readIfMatch(req), body, ctx.locale)),
  });

  route(table, {
    method: 'post', path: '/api/projects/:id/establish', summary: 'Establish the project (立项) after the notice ends with no open objection; its lines become its entitlement', tags, auth: true, can: ['establish', 'Project'], ifMatch: true,
    params: projectParam, body: z.strictObject({ approvalNumber: z.string().max(100).optional() }).optional(),
    responses: { 200: { description: 'established', schema: project }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.approval.establish(ctx, params.id, readIfMatch(req), body ?? {}, ctx.locale)),
  });

  const noticeQuery = {
    q: z.string().trim().max(100).optional().describe('search: the project number or name, or the organisation'),
    jurisdiction: jurisdictionQuery,
  };
  route(table, {
    method: 'get', path: '/api/notices', summary: 'Open public notices of fund allocations (public), searched by project or organisation', tags: ['notices'], auth: false,
    query: z.strictObject(noticeQuery),
    responses: { 200: { description: 'open notices', schema: z.object({ items: z.array(publicNoticeSchema) }) }, 400: errors[400] },
    handler: async ({ query }, _req, res) => void res.json({ items: await s.approval.openNotices(query) }),
  });
  // public as the notices are (Art. 10: published for anyone to read and object to)
  exportRoute(table, {
    path: '/api/notices', summary: 'The open public notices (public), searched as in the list,', tags: ['notices'], auth: false, query: noticeQuery, spec: NOTICE_EXPORT,
    load: async (_ctx, query, max) => (await s.approval.openNotices(query)).slice(0, max),
  });

  route(table, {
    method: 'post', path: '/api/notices/:id/objections', summary: 'Raise an objection to an open notice (anyone)', tags: ['notices'], auth: false,
    params: idParam, body: z.strictObject({ submitter: text(100), contact: z.string().max(100).optional(), content: text(5000) }),
    responses: { 201: { description: 'recorded', schema: objectionRecordedSchema }, 400: errors[400], 404: errors[404], 409: errors[409] },
    handler: async ({ params, body, ctx }, _req, res) => void res.status(201).json(await s.approval.raiseObjection(ctx, params.id, body)),
  });

  route(table, {
    method: 'post', path: '/api/notices/:id/objections/:objectionId/resolve', summary: 'Record how an objection was resolved (GIA); If-Match (the project\'s ETag) optional, a stale one is 412', tags: ['notices'], auth: true, can: ['establish', 'Project'], ifMatch: 'optional',
    params: idParam.extend({ objectionId: z.uuid() }), body: z.strictObject({ resolution: text(5000) }),
    responses: { 200: { description: 'resolved', schema: objectionResolvedSchema }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 412: errors[412] },
    handler: async ({ params, body, ctx }, req, res) => void res.json(await s.approval.resolveObjection(ctx, params.id, params.objectionId, body.resolution, ctx.locale, readIfMatch(req))),
  });

  route(table, {
    method: 'post', path: '/api/projects/:id/filings', summary: 'File a contract (Art. 13), supervision unit (16), progress report (15), acceptance report (20), self-evaluation (21) or rectification report (24); If-Match optional (a stale one is 412)', tags, auth: true, can: ['file', 'Project'], ifMatch: 'optional',
    params: projectParam, body: filingBody,
    responses: { 200: { description: 'the project', schema: project }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 412: errors[412] },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.filings.file(ctx, params.id, body, ctx.locale, readIfMatch(req))),
  });

  route(table, {
    method: 'post', path: '/api/projects/:id/acceptance', summary: 'File completion acceptance with the Art. 17 and Art. 19 conditions as evidence', tags, auth: true, can: ['file', 'Project'], ifMatch: true,
    params: projectParam,
    body: acceptanceInputSchema,
    responses: { 200: { description: 'accepted', schema: project }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.filings.acceptance(ctx, params.id, readIfMatch(req), body, ctx.locale)),
  });

  route(table, {
    method: 'post', path: '/api/projects/:id/change-request', summary: 'Request a change of scope (Art. 15): the lines as they should be; goes back to GIA', tags, auth: true, can: ['requestChange', 'Project'], ifMatch: true,
    params: projectParam, body: changeRequestInputSchema,
    responses: { 200: { description: 'in change review', schema: project }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.filings.requestChange(ctx, params.id, readIfMatch(req), body, ctx.locale)),
  });

  route(table, {
    method: 'post', path: '/api/projects/:id/change-review', summary: 'GIA decides on a change request; approval replaces the lines and the entitlement', tags, auth: true, can: ['changeReview', 'Project'], ifMatch: true,
    params: projectParam, body: z.strictObject({ decision: z.enum(['APPROVE', 'RETURN']), comment: z.string().max(5000).optional() }),
    responses: { 200: { description: 'decided', schema: project }, ...errors },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.filings.reviewChange(ctx, params.id, readIfMatch(req), body, ctx.locale)),
  });

  route(table, {
    method: 'post', path: '/api/projects/:id/rectification-notices', summary: 'Issue a rectification notice (Art. 24): the results are due in 10 working days; If-Match optional (a stale one is 412)', tags, auth: true, can: ['rectify', 'Project'], ifMatch: 'optional',
    params: projectParam, body: z.strictObject({ issues: text(5000), issuedDate: localDate.optional() }),
    responses: { 200: { description: 'issued', schema: project }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 412: errors[412] },
    handler: async ({ params, body, ctx }, req, res) => send(res, await s.filings.issueRectification(ctx, params.id, body, ctx.locale, readIfMatch(req))),
  });

  for (const action of ['suspend', 'resume', 'terminate'] as const) {
    route(table, {
      method: 'post', path: `/api/projects/:id/${action}`, summary: `${action[0]!.toUpperCase()}${action.slice(1)} a project (Art. 23, GIA)`, tags, auth: true, can: [action, 'Project'], ifMatch: true,
      params: projectParam, body: z.strictObject({ reason: text(2000) }),
      responses: { 200: { description: 'done', schema: project }, ...errors },
      handler: async ({ params, body, ctx }, req, res) => send(res, await s.filings.govern(ctx, params.id, readIfMatch(req), action, body.reason, ctx.locale)),
    });
  }

  const deadlineQuery = {
    status: z.enum(['open', 'overdue', 'met', 'all']).default('open'),
    orgId: z.uuid().optional(),
    jurisdiction: jurisdictionQuery,
    q: z.string().trim().max(100).optional().describe('search: the obligation, project number or name, organisation'),
  };
  route(table, {
    method: 'get', path: '/api/deadlines', summary: 'Deadlines due and overdue, with working days left (your organisation; GIA and the auditor: all)', tags, auth: true,
    query: z.strictObject(deadlineQuery),
    responses: { 200: { description: 'deadlines by due date', schema: deadlineListSchema }, 400: errors[400], 401: errors[401] },
    handler: async ({ query, ctx }, _req, res) => void res.json(await s.filings.deadlines(ctx, query, undefined, ctx.locale)),
  });
  route(table, {
    method: 'post', path: '/api/deadlines/remind', summary: 'Remind the units of overdue obligations (催办, GIA): each deadline at most once a day; 409 DEADLINE_NOT_OVERDUE when one is not overdue', tags, auth: true, can: ['remind', 'Project'],
    body: z.strictObject({ deadlineIds: z.array(z.uuid()).min(1).max(500) }),
    responses: { 200: { description: 'how many were reminded now, and how many had been today already', schema: remindResultSchema }, ...errors },
    handler: async ({ body, ctx }, _req, res) => void res.json(await s.reminders.remind(ctx, [...new Set(body.deadlineIds)])),
  });
  exportRoute(table, {
    path: '/api/deadlines', summary: 'The deadlines you may see, filtered as in the list,', tags, query: deadlineQuery, spec: DEADLINE_EXPORT,
    load: async (ctx, query, max) => (await s.filings.deadlines(ctx, query, max)).items,
  });

  route(table, {
    method: 'post', path: '/api/projects/:id/documents', summary: 'Upload a document (PDF, docx, xlsx, OFD, PNG/JPEG; at most 20 MiB; the content is checked, not the name)', tags, auth: true, idempotent: true,
    params: projectParam, body: z.strictObject({ kind: documentKind }),
    multipart: { field: 'file', parser: uploadOne('file') },
    responses: { 201: { description: 'stored, with its SM3 checksum', schema: documentStoredSchema }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 413: errors[400], 415: errors[400], 422: errors[422] },
    handler: async ({ params, body, ctx }, req, res) => {
      if (!req.file) throw new InvalidInputError([{ path: 'file', code: 'field.required' }]);
      res.status(201).json(await s.documents.upload(ctx, params.id, body.kind, req.file, ctx.locale));
    },
  });

  route(table, {
    method: 'get', path: '/api/projects/:id/documents/:documentId', summary: 'Download a document; its content is checked against its SHA-256 and SM3 first (409 FILE_CONTENT_CORRUPT / FILE_CONTENT_MISSING)', tags, auth: true,
    params: projectParam.extend({ documentId: z.uuid() }),
    responses: { 200: { description: 'the file', schema: z.string().openapi({ format: 'binary' }), contentType: 'application/octet-stream' }, 401: errors[401], 404: errors[404], 409: errors[409] },
    handler: async ({ params, ctx }, _req, res) => {
      const { doc, stream } = await s.documents.download(ctx, params.id, params.documentId);
      // recorded against the document (not the project: a read is neither part of the project's history nor 已办)
      sendDocument(res, doc, stream, { targetType: 'ProjectDocument', targetId: doc.id, detail: { projectId: params.id, kind: doc.kind, sm3: doc.sm3 } });
    },
  });
}
