// Cloud resource requests, provisioning jobs (202 + id, progress, server-sent events), provisioned resources.
import { openEventStream } from '../sse.js';
import { REQUEST_EXPORT } from '../../provisioners/list-exports.js';
import { exportRoute } from '../list-export.js';
import { z } from '../../core/zod-openapi.js';
import {
  credentialsSchema,
  environmentSchema,
  jobAcceptedSchema,
  jobDetailSchema,
  manifestListSchema,
  networkZoneSchema,
  previewSchema,
  projectResourcesSchema,
  requestPageSchema,
  requestStatusSchema as requestStatus,
  requestViewSchema as requestView,
} from '../../provisioners/view-schema.js';
import { readIfMatch, setEtag } from '../etag.js';
import { route, type RouteTable } from '../route.js';
import { errors, idParam } from '../schemas.js';
import type { Services } from '../services.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const sshKey = z.string().trim().max(4096).regex(/^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sm2) [A-Za-z0-9+/=]+( .*)?$/, 'an OpenSSH public key');

export function provisioningRoutes(table: RouteTable, s: Services) {
  const tags = ['provisioning'];

  route(table, {
    method: 'post', path: '/api/projects/:id/resource-requests', summary: "Draw on an established project's entitlement (department user); 422 EXCEEDS_ENTITLEMENT with what is left", tags, auth: true, can: ['request', 'Project'], idempotent: true,
    params: idParam,
    body: z.strictObject({
      items: z.array(z.strictObject({ planCode: text(64), quantity: z.number().int().positive().max(100000) })).min(1).max(100)
        .refine((items) => new Set(items.map((i) => i.planCode)).size === items.length, 'each plan once'),
      environment: environmentSchema,
      networkZone: networkZoneSchema,
      systemId: z.uuid().nullable().optional(),
      contacts: z.array(z.strictObject({ name: text(50), phone: z.string().regex(/^[0-9+\-() ]{5,30}$/), email: z.email().optional() })).min(1).max(10),
      sshPublicKeys: z.array(sshKey).max(20).default([]),
    }),
    responses: { 201: { description: 'submitted', schema: requestView }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 422: errors[422] },
    handler: async ({ params, body, ctx }, _req, res) => {
      const r = await s.resourceRequests.create(ctx, params.id, body, ctx.locale);
      setEtag(res, r.version);
      res.status(201).location(`/api/resource-requests/${r.id}`).json(r);
    },
  });

  const requestQuery = {
    status: z.union([requestStatus, z.array(requestStatus)]).optional(),
    projectId: z.uuid().optional(),
    q: z.string().trim().max(100).optional().describe('search: the request number, or the project number, name, approval number or organisation'),
  };
  const statuses = (status: z.output<typeof requestQuery.status>) => (status === undefined ? undefined : Array.isArray(status) ? status : [status]);
  route(table, {
    method: 'get', path: '/api/resource-requests', summary: "Resource requests you may see; the sub-center's queue with status=SUBMITTED", tags, auth: true,
    query: z.strictObject({
      ...requestQuery,
      page: z.coerce.number().int().min(1).max(100000).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
    }),
    responses: { 200: { description: 'a page', schema: requestPageSchema }, 400: errors[400], 401: errors[401], 403: errors[403] },
    handler: async ({ query, ctx }, _req, res) => void res.json(await s.resourceRequests.list(ctx, { ...query, status: statuses(query.status) })),
  });
  exportRoute(table, {
    path: '/api/resource-requests', summary: 'The resource requests you may see, searched and filtered as in the list,', tags, query: requestQuery, spec: REQUEST_EXPORT,
    load: async (ctx, query, max) => (await s.resourceRequests.list(ctx, { ...query, status: statuses(query.status), page: 1, pageSize: max })).items,
  });

  route(table, {
    method: 'get', path: '/api/resource-requests/:id', summary: 'One resource request', tags, auth: true, params: idParam,
    responses: { 200: { description: 'the request (ETag: its version)', schema: requestView }, 401: errors[401], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => {
      const r = await s.resourceRequests.get(ctx, params.id, ctx.locale);
      setEtag(res, r.version);
      res.json(r);
    },
  });

  for (const action of ['approve', 'return'] as const) {
    route(table, {
      method: 'post', path: `/api/resource-requests/:id/${action}`, summary: action === 'approve' ? 'Approve after technical review (sub-center operator)' : 'Return with a comment (sub-center operator)', tags, auth: true, can: [action, 'ResourceRequest'], ifMatch: true,
      params: idParam,
      body: action === 'return' ? z.strictObject({ note: text(2000) }) : z.strictObject({ note: z.string().max(2000).optional() }).optional(),
      responses: { 200: { description: 'decided', schema: requestView }, ...errors },
      handler: async ({ params, body, ctx }, req, res) => {
        const r = await s.resourceRequests.decide(ctx, params.id, readIfMatch(req), action, body?.note, ctx.locale);
        setEtag(res, r.version);
        res.json(r);
      },
    });
  }

  route(table, {
    method: 'get', path: '/api/resource-requests/:id/preview', summary: 'The exact Kubernetes objects the tenant will have once this request is provisioned; and what changes, from its latest preview job', tags, auth: true, params: idParam,
    query: z.strictObject({ format: z.enum(['json', 'yaml']).default('json') }),
    responses: {
      200: {
        description: 'objects, and the changes once a preview job has run (null before)',
        schema: previewSchema,
      },
      401: errors[401], 403: errors[403], 404: errors[404],
    },
    handler: async ({ params, query, ctx }, _req, res) => {
      const p = await s.provisioning.preview(ctx, params.id, ctx.locale);
      if (query.format === 'yaml') return void res.type('application/yaml; charset=utf-8').send(p.yaml);
      res.json({ namespace: p.namespace, driver: p.driver, summary: p.summary, objects: p.objects, changes: p.changes, previewJob: p.previewJob });
    },
  });

  const accepted = (res: Parameters<Parameters<typeof route>[1]['handler']>[2], job: { id: string }) => res.status(202).location(`/api/jobs/${job.id}`).json({ jobId: job.id, job });

  route(table, {
    method: 'post', path: '/api/resource-requests/:id/preview', summary: 'Compute what provisioning this request would change, through the driver, as a job (sub-center operator): 202 with the job id; its changes are kept with the job', tags, auth: true, params: idParam,
    responses: { 202: { description: 'accepted', schema: jobAcceptedSchema }, ...errors },
    handler: async ({ params, ctx }, _req, res) => void accepted(res, await s.provisioning.requestPreview(ctx, params.id, ctx.locale, { httpRequestId: ctx.requestId })),
  });

  for (const [action, kind, summary] of [
    ['drift-check', 'REFRESH', "Check a project's tenant for drift now (sub-center operator): 202 with the job id; the drift found is kept with the job and shown with the resources"],
    ['repair', 'REPAIR', "Put a project's tenant back to what it should be, through the driver (sub-center operator): 202 with the job id"],
  ] as const) {
    route(table, {
      method: 'post', path: `/api/projects/:id/${action}`, summary, tags, auth: true, params: idParam,
      responses: { 202: { description: 'accepted', schema: jobAcceptedSchema }, ...errors },
      handler: async ({ params, ctx }, _req, res) => void accepted(res, await s.provisioning.tenantJob(ctx, params.id, kind, { httpRequestId: ctx.requestId })),
    });
  }

  for (const [action, kind] of [['provision', 'PROVISION'], ['deprovision', 'DEPROVISION']] as const) {
    route(table, {
      method: 'post', path: `/api/resource-requests/:id/${action}`,
      summary: action === 'provision'
        ? 'Provision an approved request (sub-center operator): 202 with the job id; retried POSTs with the same Idempotency-Key get the same job'
        : 'Deprovision (sub-center operator); data-bearing resources need `confirm` equal to the request code',
      tags, auth: true, can: [action, 'ResourceRequest'], params: idParam, idempotent: true,
      body: action === 'deprovision' ? z.strictObject({ confirm: z.string().max(100).optional() }).optional() : undefined,
      responses: { 202: { description: 'accepted', schema: jobAcceptedSchema }, ...errors },
      handler: async ({ params, body, ctx }, req, res) => {
        // the Idempotency-Key is the route's (idempotent: api/idempotency.ts), bound to this request
        const { job } = await s.provisioning.enqueue(ctx, params.id, kind, {
          confirm: (body as { confirm?: string } | undefined)?.confirm,
          httpRequestId: ctx.requestId,
        }, ctx.locale);
        accepted(res, job);
      },
    });
  }

  route(table, {
    method: 'get', path: '/api/jobs/:id', summary: 'A provisioning job: state, attempts, outcome and its log', tags, auth: true, params: idParam,
    responses: { 200: { description: 'the job', schema: jobDetailSchema }, 401: errors[401], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => void res.json(await s.provisioning.getJob(ctx, params.id, ctx.locale)),
  });

  route(table, {
    method: 'get', path: '/api/jobs/:id/events', summary: "A job's log as server-sent events (text/event-stream), ending when the job ends: each `log` event carries a JobEvent (its seq as the event id), in the reader's language", tags, auth: true, params: idParam,
    responses: { 200: { description: 'event stream', schema: z.string(), contentType: 'text/event-stream' }, 401: errors[401], 404: errors[404] },
    handler: async ({ params, ctx }, req, res) => {
      await s.provisioning.readableJob(ctx, params.id);
      // woken by the job's own log lines and state changes (the feed), never by a timer
      const stream = openEventStream(req, res, s.feed, (e) => (e.kind === 'job' || e.kind === 'change') && e.id === params.id);
      let after = BigInt(typeof req.headers['last-event-id'] === 'string' && /^\d{1,18}$/.test(req.headers['last-event-id']) ? req.headers['last-event-id'] : '0');
      while (!stream.closed) {
        const { events, ended, state } = await s.provisioning.eventsSince(params.id, after, ctx.locale);
        for (const { seq, ...line } of events) {
          after = BigInt(seq);
          stream.send('log', line, seq);
        }
        if (ended && events.length === 0) {
          stream.send('end', { state });
          break;
        }
        // nothing new: wait for the next word of this job (whatever was written meanwhile is read on the next turn)
        if (events.length === 0) await stream.next();
      }
      stream.end();
    },
  });

  route(table, {
    method: 'get', path: '/api/projects/:id/resources', summary: 'Provisioned resources and their state, entitlement used and left, drift', tags, auth: true, params: idParam,
    responses: { 200: { description: 'resources', schema: projectResourcesSchema }, 401: errors[401], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => void res.json(await s.provisioning.resources(ctx, params.id, ctx.locale)),
  });

  route(table, {
    method: 'get', path: '/api/projects/:id/manifests', summary: "The tenant's rendered manifests (render driver), one file per Kubernetes object, from the shared file store (sub-center operator)", tags, auth: true, params: idParam,
    responses: { 200: { description: 'the files, with size and SHA-256', schema: manifestListSchema }, 401: errors[401], 403: errors[403], 404: errors[404] },
    handler: async ({ params, ctx }, _req, res) => void res.json(await s.manifests.list(ctx, params.id)),
  });

  route(table, {
    method: 'get', path: '/api/projects/:id/manifests/:file', summary: 'One rendered manifest as YAML (sub-center operator); its content is checked against its SHA-256 first (409 FILE_CONTENT_CORRUPT / FILE_CONTENT_MISSING)', tags, auth: true,
    params: idParam.extend({ file: z.string().max(300).regex(/^[a-z][a-z0-9]*-[a-z0-9]([-a-z0-9.]*[a-z0-9])?\.yaml$/, 'a manifest file name such as deployment-web.yaml') }),
    responses: { 200: { description: 'the YAML', schema: z.string(), contentType: 'application/yaml' }, 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    handler: async ({ params, ctx }, _req, res) => {
      const { file, content } = await s.manifests.download(ctx, params.id, params.file);
      res.type('application/yaml; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
      res.setHeader('X-Content-SHA256', file.sha256);
      res.send(content);
    },
  });

  route(table, {
    method: 'post', path: '/api/resources/:id/credentials', summary: 'Reveal the database credentials once (department users of the owning organisation); every reveal is audited', tags, auth: true, params: idParam,
    responses: { 200: { description: 'credentials, shown once', schema: credentialsSchema }, 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    handler: async ({ params, ctx }, _req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json(await s.provisioning.revealCredentials(ctx, params.id));
    },
  });
}
