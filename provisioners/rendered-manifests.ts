// The render driver's manifests, in the file store every replica shares: per tenant namespace, one file per
// Kubernetes object (`<kind>-<name>.yaml`), always the tenant's latest desired state. A worker writes them, any API
// replica serves them (GET /api/projects/:id/manifests). Each file's content is checked on every read.
import type { Database } from '../core/db/database.js';
import { NotFoundError } from '../core/errors.js';
import { sha256Of } from '../core/files/content-hash.js';
import type { FileStore } from '../core/files/store.js';

export const MANIFEST_MEDIA_TYPE = 'application/yaml';

export interface ManifestFile {
  fileName: string;
  size: number;
  sha256: string;
  updatedAt: Date;
}

export interface ReplaceResult {
  written: string[];
  unchanged: string[];
  removed: string[];
}

export function createRenderedManifests(db: Database, files: FileStore) {
  const { prisma } = db;

  /** the namespace's files, file name → YAML (each checked against its hash) */
  async function read(namespace: string): Promise<Map<string, string>> {
    const rows = await prisma.renderedManifest.findMany({ where: { namespace }, orderBy: { fileName: 'asc' } });
    const out = new Map<string, string>();
    for (const r of rows) out.set(r.fileName, (await files.read(r.contentSha256)).toString('utf8'));
    return out;
  }

  /**
   * Makes the namespace's files exactly `wanted` (file name → YAML), in one transaction: new and changed files are
   * written, unchanged ones left alone, files no longer wanted removed.
   */
  async function replace(namespace: string, wanted: Map<string, string>): Promise<ReplaceResult> {
    return prisma.$transaction(async (tx) => {
      // one writer per namespace at a time (the job queue already runs one job per tenant; this holds across drivers)
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`rendered_manifest:${namespace}`}))`;
      const current = new Map((await tx.renderedManifest.findMany({ where: { namespace } })).map((r) => [r.fileName, r.contentSha256]));
      const result: ReplaceResult = { written: [], unchanged: [], removed: [] };
      for (const [fileName, yaml] of wanted) {
        const content = Buffer.from(yaml, 'utf8');
        if (current.get(fileName) === sha256Of(content)) {
          result.unchanged.push(fileName);
          continue;
        }
        const stored = await files.put(content, MANIFEST_MEDIA_TYPE, tx);
        await tx.renderedManifest.upsert({
          where: { namespace_fileName: { namespace, fileName } },
          create: { namespace, fileName, contentSha256: stored.sha256 },
          update: { contentSha256: stored.sha256, updatedAt: new Date() },
        });
        result.written.push(fileName);
      }
      const removed = [...current.keys()].filter((f) => !wanted.has(f)).sort();
      if (removed.length) await tx.renderedManifest.deleteMany({ where: { namespace, fileName: { in: removed } } });
      result.removed = removed;
      return result;
    });
  }

  async function list(namespace: string): Promise<ManifestFile[]> {
    const rows = await prisma.renderedManifest.findMany({ where: { namespace }, orderBy: { fileName: 'asc' }, include: { content: { select: { size: true } } } });
    return rows.map((r) => ({ fileName: r.fileName, size: r.content.size, sha256: r.contentSha256, updatedAt: r.updatedAt }));
  }

  /** one file's content, checked */
  async function open(namespace: string, fileName: string): Promise<{ file: ManifestFile; content: Buffer }> {
    const r = await prisma.renderedManifest.findUnique({ where: { namespace_fileName: { namespace, fileName } } });
    if (!r) throw new NotFoundError('manifest');
    const content = await files.read(r.contentSha256);
    return { file: { fileName, size: content.length, sha256: r.contentSha256, updatedAt: r.updatedAt }, content };
  }

  return { read, replace, list, open };
}

export type RenderedManifests = ReturnType<typeof createRenderedManifests>;
