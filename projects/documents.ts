// Project documents: the application's (proposal, feasibility study, preliminary design, investment estimate)
// and the filings' (contract, acceptance report …). Size and type limits, content sniffing, SM3 checksums.
import { fileTypeFromBuffer } from 'file-type';
import type { z } from 'zod';
import type { Actor } from '../core/actor.js';
import type { Database } from '../core/db/database.js';
import { InvalidInputError, NotFoundError } from '../core/errors.js';
import { cleanFileName } from '../core/files/file-name.js';
import { openChecked, type FileStore } from '../core/files/store.js';
import type { Locale } from '../core/i18n.js';
import { DEFAULT_HARDENING, type ArchiveLimits } from '../core/config.js';
import { inspectArchive } from '../core/files/archive-inspection.js';
import type { ProjectActions } from './actions.js';
import { findReadableProject } from './machine.js';
import type { documentStoredSchema } from './project-schema.js';

type DocumentStored = z.infer<typeof documentStoredSchema>;

export const APPLICATION_DOCUMENTS = ['PROPOSAL', 'FEASIBILITY', 'PRELIMINARY_DESIGN', 'INVESTMENT_ESTIMATE'] as const;
export const FILING_DOCUMENTS = ['CONTRACT', 'SUPERVISION', 'PROGRESS', 'CHANGE_REQUEST', 'ACCEPTANCE', 'ACCEPTANCE_REPORT', 'SELF_EVALUATION', 'RECTIFICATION_REPORT', 'OTHER'] as const;
export type DocumentKind = (typeof APPLICATION_DOCUMENTS)[number] | (typeof FILING_DOCUMENTS)[number];

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** What the content really is (sniffed), by the extensions the name may carry. */
const ALLOWED: Record<string, { mime: string; extensions: string[] }> = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  png: { mime: 'image/png', extensions: ['png'] },
  jpg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  // OFD (GB/T 33190), the national electronic document format, is a ZIP container
  zip: { mime: 'application/ofd', extensions: ['ofd'] },
};

/** The content's type by its bytes; a zip-based one (docx, xlsx, OFD) must also pass the archive inspection. */
export async function sniffDocument(content: Buffer, filename: string, limits: ArchiveLimits = DEFAULT_HARDENING.archive): Promise<string> {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  const detected = await fileTypeFromBuffer(content);
  const allowed = detected ? ALLOWED[detected.ext] : undefined;
  if (!allowed || !allowed.extensions.includes(ext)) {
    throw new InvalidInputError([{ path: 'file', code: 'field.invalid_format', params: { format: 'pdf, docx, xlsx, ofd, png, jpg' } }], 'UNSUPPORTED_FILE_TYPE', 415, {
      detected: detected?.ext ?? 'unknown',
    });
  }
  await inspectArchive(content, limits);
  return allowed.mime;
}

export function createDocumentService({ db, files, actions, archiveLimits }: { db: Database; files: FileStore; actions: ProjectActions; archiveLimits?: ArchiveLimits }) {
  const { prisma } = db;

  async function upload(actor: Actor, projectId: string, kind: DocumentKind, file: { originalname: string; buffer: Buffer }, locale: Locale): Promise<DocumentStored> {
    // the application's documents while it is drafted; the filings' documents after establishment
    const application = (APPLICATION_DOCUMENTS as readonly string[]).includes(kind);
    const action = application ? 'update' : 'file';
    // permission and state first, so a refused caller's upload is never stored (checked again when recording it)
    await actions.check(actor, action, projectId, locale);
    if (file.buffer.length === 0) throw new InvalidInputError([{ path: 'file', code: 'field.required' }]);
    const filename = cleanFileName(file.originalname);
    const contentType = await sniffDocument(file.buffer, filename, archiveLimits);
    // the content first, then the record that points at it (a content no record came to point at is swept later)
    const stored = await files.put(file.buffer, contentType);
    const document = { kind, filename, contentType, size: stored.size, sm3: stored.sm3, contentSha256: stored.sha256 };
    const taken = application
      ? await actions.run(actor, 'update', projectId, { input: { op: 'document', document }, locale, append: true })
      : await actions.run(actor, 'file', projectId, { input: { kind: 'DOCUMENT', document }, locale });
    const { id, createdAt } = await prisma.projectDocument.findUniqueOrThrow({ where: { id: String(taken.detail.documentId) }, select: { id: true, createdAt: true } });
    return { id, kind, filename, contentType, size: stored.size, sm3: stored.sm3, createdAt: createdAt.toISOString() };
  }

  async function download(actor: Actor, projectId: string, documentId: string) {
    await findReadableProject(prisma, actor, projectId);
    const doc = await prisma.projectDocument.findFirst({ where: { id: documentId, projectId } });
    if (!doc) throw new NotFoundError('document');
    return { doc, stream: await openChecked(files, doc) };
  }

  return { upload, download };
}

export type DocumentService = ReturnType<typeof createDocumentService>;
