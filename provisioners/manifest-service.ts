// A tenant's rendered manifests as the API serves them (the sub-center's operators, like the preview): the list
// and each file, from the file store whichever replica or worker wrote them.
import type { Actor } from '../core/actor.js';
import type { Database } from '../core/db/database.js';
import { ForbiddenError } from '../core/errors.js';
import { findReadableProject } from '../projects/machine.js';
import type { RenderedManifests } from './rendered-manifests.js';
import { tenantNamespaceOf } from './tenant-state.js';
import type { z } from '../core/zod-openapi.js';
import type { manifestListSchema } from './view-schema.js';

export function createManifestService({ db, manifests }: { db: Database; manifests: RenderedManifests }) {
  const { prisma } = db;

  async function namespaceOf(actor: Actor, projectId: string): Promise<string> {
    const project = await findReadableProject(prisma, actor, projectId);
    if (!actor.ability.can('provision', 'ResourceRequest')) throw new ForbiddenError('FORBIDDEN', { action: 'manifests' });
    const org = await prisma.organisation.findUniqueOrThrow({ where: { id: project.orgId }, select: { code: true } });
    return tenantNamespaceOf(org.code, project.code);
  }

  async function list(actor: Actor, projectId: string): Promise<z.infer<typeof manifestListSchema>> {
    const namespace = await namespaceOf(actor, projectId);
    const files = await manifests.list(namespace);
    return { namespace, files: files.map((f) => ({ name: f.fileName, size: f.size, sha256: f.sha256, updatedAt: f.updatedAt.toISOString() })) };
  }

  async function download(actor: Actor, projectId: string, fileName: string) {
    return manifests.open(await namespaceOf(actor, projectId), fileName);
  }

  return { list, download };
}
