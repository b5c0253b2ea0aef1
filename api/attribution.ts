// Everything attributable (README "Hardening"): files that leave the API (exports, document downloads) and the
// refusals a prober collects (401s, 404s on objects) are in the audit trail. A signed-in user's download is one
// record of its own, written as the file is sent; 401s, 404s and anonymous downloads of public files are counted
// per address, account and minute (core/audit/probe-aggregator.ts), so a flood writes a handful of records.
// Credential reveals record themselves, in the transaction that claims the reveal (provisioners/provisioning.ts).
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { recordAuditAlone } from '../core/audit/audit.js';
import { registerAuditActions } from '../core/audit/labels.js';
import { createProbeAggregator } from '../core/audit/probe-aggregator.js';
import type { Database } from '../core/db/database.js';
import { AppError, NotFoundError, UnauthenticatedError } from '../core/errors.js';

registerAuditActions({
  'data.export': { 'zh-CN': '导出数据', en: 'Data export' },
  'document.download': { 'zh-CN': '下载文件', en: 'Document download' },
});

/** What a document download names in its record (set by api/download.ts sendDocument). */
export interface AttachmentTarget {
  targetType: string;
  targetId: string;
  detail: Record<string, unknown>;
}

const ATTACHMENT_TARGET = 'attachmentTarget';

export function markAttachmentTarget(res: Response, target: AttachmentTarget): void {
  res.locals[ATTACHMENT_TARGET] = target;
}

const pathOf = (req: Request) => `${req.method} ${req.originalUrl.split('?')[0]}`;

export function createAttribution(db: Database, log: Logger) {
  const probes = createProbeAggregator(db, log);

  return {
    probes,

    /** A refusal answered to `req`: 401s (except wrong passwords, which sign-in records itself) and 404s on objects. */
    refused(req: Request, err: AppError): void {
      if (!req.ctx) return;
      if (err instanceof UnauthenticatedError && err.code !== 'INVALID_CREDENTIALS') {
        const sent = req.headers.authorization !== undefined;
        const reason = !sent ? 'NO_TOKEN' : req.ctx.authError === 'SESSION_EXPIRED' ? 'SESSION_EXPIRED' : 'INVALID_TOKEN';
        probes.note({ action: 'probe.unauthenticated', audit: req.ctx.audit, path: pathOf(req), reason });
      } else if (err instanceof NotFoundError) {
        probes.note({ action: 'probe.not_found', audit: req.ctx.audit, path: pathOf(req), reason: String(err.params.what ?? 'record') });
      }
    },

    /**
     * After a route's handler, before the file it prepared is sent (Content-Disposition: attachment): a signed-in
     * caller's file in a record of its own (no record, no file: a failure to write it is the request's failure), an
     * anonymous one's (public files) counted per address and minute.
     */
    async fileSent(req: Request, res: Response, route: string, input: { params: unknown; query: unknown }): Promise<void> {
      const disposition = res.getHeader('Content-Disposition');
      if (typeof disposition !== 'string' || !disposition.startsWith('attachment') || res.statusCode >= 300 || res.headersSent) return;
      if (!req.ctx.principal) {
        probes.note({ action: 'data.export.anonymous', audit: req.ctx.audit, path: pathOf(req), reason: route });
        return;
      }
      const target = res.locals[ATTACHMENT_TARGET] as AttachmentTarget | undefined;
      const file = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
      const length = res.getHeader('Content-Length');
      const detail = {
        route,
        ...(input.params && Object.keys(input.params).length ? { params: input.params } : {}),
        ...(input.query && Object.keys(input.query).length ? { query: input.query } : {}),
        ...(file ? { file: decodeURIComponent(file) } : {}),
        ...(length !== undefined ? { bytes: Number(length) } : {}),
      };
      await recordAuditAlone(db, req.ctx.audit, target
        ? { action: 'document.download', targetType: target.targetType, targetId: target.targetId, detail: { ...detail, ...target.detail } }
        : { action: 'data.export', detail },
      );
    },

    stop: () => probes.stop(),
  };
}

export type Attribution = ReturnType<typeof createAttribution>;
