// Stored files (uploaded documents, rendered manifests): each content kept once, by its SHA-256, in a store every
// replica shares, so any replica serves what another stored. The backend is chosen by configuration
// (ZY_FILE_STORE): `database`, the table stored_file (core/files/database-store.ts), the default and for now the
// only one. Every read is checked against the hash the content was stored under: a content that is missing or
// altered is refused with FILE_CONTENT_MISSING / FILE_CONTENT_CORRUPT (409), never sent.
import { Readable } from 'node:stream';
import type { Config } from '../config.js';
import type { Database, Tx } from '../db/database.js';
import { StoredContentError } from '../errors.js';
import { sm3Of } from './content-hash.js';
import { createDatabaseFileStore } from './database-store.js';

export interface StoredContent {
  /** lower-case hex SHA-256 of the content: its key in the store */
  sha256: string;
  /** lower-case hex SM3 of the content (what the documents show and the downloads carry as X-Content-SM3) */
  sm3: string;
  size: number;
  mediaType: string;
}

export interface FileStore {
  readonly backend: Config['fileStore'];
  /** Stores `content` (once: putting the same bytes again only renews it). In `tx` when given (the database backend). */
  put(content: Buffer, mediaType: string, tx?: Tx): Promise<StoredContent>;
  /** The content stored under `sha256`, checked against it. */
  read(sha256: string | null, tx?: Tx): Promise<Buffer>;
  /** Removes contents that nothing refers to and that were not put within the last `graceMs`; how many. */
  sweep(graceMs?: number): Promise<number>;
}

const CHUNK = 64 * 1024;

/**
 * The content of a document, checked (its SHA-256, and its recorded SM3), as a stream for the response: the check
 * needs the whole content, so it is read before the first byte is sent (documents are at most 20 MiB).
 */
export async function openChecked(files: FileStore, doc: { contentSha256: string | null; sm3: string }): Promise<Readable> {
  // read checks the SHA-256 it is stored under; the record's own SM3 shows a record pointed at another content
  const content = await files.read(doc.contentSha256);
  if (sm3Of(content) !== doc.sm3) throw new StoredContentError('FILE_CONTENT_CORRUPT', doc.contentSha256!);
  return Readable.from((function* () {
    for (let at = 0; at < content.length; at += CHUNK) yield content.subarray(at, at + CHUNK);
  })());
}

/** The store configuration asks for. */
export function createFileStore(config: Pick<Config, 'fileStore'>, db: Database): FileStore {
  switch (config.fileStore) {
    case 'database':
      return createDatabaseFileStore(db);
  }
}
