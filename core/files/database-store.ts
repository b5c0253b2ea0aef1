// The file store's database backend: each content once in stored_file (bytea), keyed by its SHA-256, with its
// size and media type. Works the same on PostgreSQL and on the embedded PGlite, and is in every backup.
import type { Database, Tx } from '../db/database.js';
import { StoredContentError } from '../errors.js';
import { describeContent, verified } from './content-hash.js';
import type { FileStore } from './store.js';

/** a content put this recently is never swept, even if nothing refers to it yet (its record is being written) */
const SWEEP_GRACE_MS = 60 * 60 * 1000;

export function createDatabaseFileStore(db: Database): FileStore {
  const { prisma } = db;
  return {
    backend: 'database',
    async put(content, mediaType, tx?: Tx) {
      const stored = describeContent(content, mediaType);
      // one statement (INSERT … ON CONFLICT): two replicas putting the same bytes at once both succeed; a content put
      // again is renewed (storedAt) so that a sweep running meanwhile leaves it alone
      await (tx ?? prisma).$executeRaw`
        INSERT INTO stored_file (sha256, size, "mediaType", content) VALUES (${stored.sha256}, ${stored.size}, ${mediaType}, ${content})
        ON CONFLICT (sha256) DO UPDATE SET "storedAt" = now()`;
      return stored;
    },
    async read(sha256, tx?: Tx) {
      const row = sha256 ? await (tx ?? prisma).storedFile.findUnique({ where: { sha256 }, select: { content: true } }) : null;
      if (!row) throw new StoredContentError('FILE_CONTENT_MISSING', sha256 ?? '');
      return verified(sha256!, Buffer.from(row.content.buffer, row.content.byteOffset, row.content.byteLength));
    },
    async sweep(graceMs = SWEEP_GRACE_MS) {
      return prisma.$executeRaw`
        DELETE FROM stored_file f WHERE f."storedAt" < now() - make_interval(secs => ${graceMs / 1000})
           AND NOT EXISTS (SELECT 1 FROM project_document d WHERE d."contentSha256" = f.sha256)
           AND NOT EXISTS (SELECT 1 FROM security_document d WHERE d."contentSha256" = f.sha256)
           AND NOT EXISTS (SELECT 1 FROM rendered_manifest m WHERE m."contentSha256" = f.sha256)`;
    },
  };
}
