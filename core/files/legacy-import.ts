// Files stored before the file store existed, in this process's DATA_DIR: uploaded documents in DATA_DIR/files
// (`<xx>/<storageKey>`) and the render driver's manifests in DATA_DIR/rendered/<namespace>/*.yaml. At every start
// they are imported into the file store and the records pointed at them; importing again changes nothing:
// - a document whose record has no content yet (contentSha256 null) and whose file is here is imported when the file
//   still has the SM3 the record holds (one that does not is left out and reported: it was altered);
// - a namespace's manifests are imported when the store has none for that namespace (manifests rendered since win).
// The old folders are only read, never changed: remove them once the log reports nothing left to import (with
// several replicas, each imports what its own DATA_DIR holds).
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import { sm3Of } from './content-hash.js';
import type { FileStore } from './store.js';

/** where uploaded documents were kept before the file store */
export const legacyFilesDirOf = (dataDir: string) => path.join(dataDir, 'files');
/** where the render driver wrote its manifests before the file store */
export const legacyRenderedDirOf = (dataDir: string) => path.join(dataDir, 'rendered');

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const MANIFEST = /^[a-z][a-z0-9]*-[a-z0-9]([-a-z0-9.]*[a-z0-9])?\.yaml$/;

export interface LegacyImport {
  /** documents whose content was imported */
  documents: number;
  /** documents with no content in the store whose file is not in this DATA_DIR either */
  missing: number;
  /** documents whose file here no longer has the record's SM3 (not imported) */
  altered: number;
  /** manifest files imported, and of how many namespaces */
  manifests: number;
  namespaces: number;
}

function readIfPresent(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

async function importDocuments(db: Database, files: FileStore, dir: string, result: LegacyImport, log: Logger) {
  const { prisma } = db;
  const tables = [
    { name: 'project_document', find: () => prisma.projectDocument.findMany({ where: { contentSha256: null }, select: { id: true, storageKey: true, sm3: true, contentType: true } }), point: (id: string, sha256: string) => prisma.projectDocument.updateMany({ where: { id, contentSha256: null }, data: { contentSha256: sha256 } }) },
    { name: 'security_document', find: () => prisma.securityDocument.findMany({ where: { contentSha256: null }, select: { id: true, storageKey: true, sm3: true, contentType: true } }), point: (id: string, sha256: string) => prisma.securityDocument.updateMany({ where: { id, contentSha256: null }, data: { contentSha256: sha256 } }) },
  ];
  for (const table of tables) {
    for (const doc of await table.find()) {
      const content = doc.storageKey && KEY.test(doc.storageKey) ? readIfPresent(path.join(dir, doc.storageKey.slice(0, 2), doc.storageKey)) : null;
      if (!content) {
        result.missing++;
        continue;
      }
      if (sm3Of(content) !== doc.sm3) {
        result.altered++;
        log.warn({ table: table.name, id: doc.id, storageKey: doc.storageKey }, 'a stored document no longer has the SM3 its record holds: not imported');
        continue;
      }
      const stored = await files.put(content, doc.contentType);
      result.documents += (await table.point(doc.id, stored.sha256)).count;
    }
  }
}

async function importManifests(db: Database, files: FileStore, dir: string, result: LegacyImport) {
  const { prisma } = db;
  let namespaces: string[] = [];
  try {
    namespaces = fs.readdirSync(dir).filter((n) => NAMESPACE.test(n) && fs.statSync(path.join(dir, n)).isDirectory());
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  for (const namespace of namespaces.sort()) {
    const names = fs.readdirSync(path.join(dir, namespace)).filter((f) => MANIFEST.test(f)).sort();
    if (names.length === 0) continue;
    const imported = await prisma.$transaction(async (tx) => {
      // the same lock as the render driver's writes (provisioners/rendered-manifests.ts)
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`rendered_manifest:${namespace}`}))`;
      if (await tx.renderedManifest.count({ where: { namespace } })) return 0;
      for (const fileName of names) {
        const stored = await files.put(fs.readFileSync(path.join(dir, namespace, fileName)), 'application/yaml', tx);
        await tx.renderedManifest.create({ data: { namespace, fileName, contentSha256: stored.sha256 } });
      }
      return names.length;
    });
    if (imported) {
      result.manifests += imported;
      result.namespaces++;
    }
  }
}

/** Imports what DATA_DIR still holds from before the file store; see the top of this file. */
export async function importLegacyFiles(db: Database, files: FileStore, dataDir: string, log: Logger): Promise<LegacyImport> {
  const result: LegacyImport = { documents: 0, missing: 0, altered: 0, manifests: 0, namespaces: 0 };
  await importDocuments(db, files, legacyFilesDirOf(dataDir), result, log);
  await importManifests(db, files, legacyRenderedDirOf(dataDir), result);
  return result;
}
