// Security obligations (Art. 36–37): the security dossier of an established project and of a migrated system, its
// records (risk assessment, graded protection, cryptography assessment, emergency plan, drills, incidents) and their
// documents. The same routes under /api/projects/:id and /api/migration/systems/:id.
import type { Response } from 'express';
import { InvalidInputError } from '../../core/errors.js';
import { z } from '../../core/zod-openapi.js';
import { securityDocumentKindSchema, securityDocumentSchema, securityDossierSchema, securityFilingSchema } from '../../security/record-schema.js';
import type { SecurityOwnerKind } from '../../security/workflow.js';
import { uploadOne } from '../document-upload.js';
import { readIfMatch, setEtag } from '../etag.js';
import { route, type RouteTable } from '../route.js';
import { errors, idParam } from '../schemas.js';
import { sendDocument } from '../download.js';
import type { Services } from '../services.js';

const OWNERS: { kind: SecurityOwnerKind; base: string; tags: string[]; whose: string }[] = [
  { kind: 'PROJECT', base: '/api/projects/:id/security', tags: ['projects'], whose: 'an established project' },
  { kind: 'SYSTEM', base: '/api/migration/systems/:id/security', tags: ['migration'], whose: 'a migrated system' },
];

function send(res: Response, d: { version: number }) {
  setEtag(res, d.version);
  res.json(d);
}

export function securityRoutes(table: RouteTable, s: Services) {
  for (const { kind, base, tags, whose } of OWNERS) {
    route(table, {
      method: 'get', path: base, summary: `The security dossier of ${whose} (Art. 36–37): its records, the drill and MLPS assessment deadlines, what is missing`, tags, auth: true,
      params: idParam,
      responses: { 200: { description: 'the dossier; its ETag is the If-Match of the next filing', schema: securityDossierSchema }, 401: errors[401], 403: errors[403], 404: errors[404] },
      handler: async ({ params, ctx }, _req, res) => send(res, await s.security.dossier(ctx, kind, params.id, ctx.locale)),
    });

    route(table, {
      method: 'post', path: base, summary: `File a security record of ${whose}: risk assessment, MLPS grading and assessment, cryptography assessment (Art. 36), emergency plan, drill or incident (Art. 37); If-Match optional (a stale one is 412)`, tags, auth: true, can: ['file', 'SecurityDossier'], ifMatch: 'optional',
      params: idParam, body: securityFilingSchema,
      responses: { 200: { description: 'the dossier', schema: securityDossierSchema }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 412: errors[412], 422: errors[422] },
      handler: async ({ params, body, ctx }, req, res) => send(res, await s.security.file(ctx, kind, params.id, body, ctx.locale, readIfMatch(req))),
    });

    route(table, {
      method: 'post', path: `${base}/documents`, summary: `Upload a document with a security record of ${whose} (PDF, docx, xlsx, OFD, PNG/JPEG; at most 20 MiB)`, tags, auth: true, can: ['file', 'SecurityDossier'],
      params: idParam, body: securityDocumentKindSchema,
      multipart: { field: 'file', parser: uploadOne('file') },
      responses: { 201: { description: 'stored, with its SM3 checksum', schema: securityDocumentSchema }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 413: errors[400], 415: errors[400], 422: errors[422] },
      handler: async ({ params, body, ctx }, req, res) => {
        if (!req.file) throw new InvalidInputError([{ path: 'file', code: 'field.required' }]);
        res.status(201).json(await s.security.upload(ctx, kind, params.id, body.recordId, req.file, ctx.locale));
      },
    });

    route(table, {
      method: 'get', path: `${base}/documents/:documentId`, summary: `Download a document of ${whose}'s security dossier; its content is checked against its SHA-256 and SM3 first (409 FILE_CONTENT_CORRUPT / FILE_CONTENT_MISSING)`, tags, auth: true,
      params: idParam.extend({ documentId: z.uuid() }),
      responses: { 200: { description: 'the file', schema: z.string().openapi({ format: 'binary' }), contentType: 'application/octet-stream' }, 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
      handler: async ({ params, ctx }, _req, res) => {
        const { doc, stream } = await s.security.download(ctx, kind, params.id, params.documentId);
        sendDocument(res, doc, stream, { targetType: 'SecurityDocument', targetId: doc.id, detail: { owner: kind === 'PROJECT' ? 'Project' : 'MigrationSystem', ownerId: params.id, sm3: doc.sm3 } });
      },
    });
  }
}
