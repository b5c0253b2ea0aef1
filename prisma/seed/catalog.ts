// Seeds the municipal catalog (catalog/seed/municipal-catalog.json) as published revision 1 on an empty database.
import { copyContent } from '../../catalog/revisions.js';
import { nextRevisionNumber } from '../../catalog/revision-store.js';
import { readSeedCatalog, seedToOfferings } from '../../catalog/seed-view.js';
import { recordAudit, SYSTEM_CONTEXT } from '../../core/audit/audit.js';
import type { Tx } from '../../core/db/database.js';
import '../../catalog/audit-names.js';

/** Returns true when it seeded, false when a catalog already existed. */
export async function seedCatalog(tx: Tx, seed = readSeedCatalog()): Promise<boolean> {
  if ((await tx.catalogRevision.count()) > 0) return false;
  const now = new Date();
  const revision = await tx.catalogRevision.create({
    data: { number: await nextRevisionNumber(tx), status: 'PUBLISHED', title: seed.title, submittedAt: now, approvedAt: now, publishedAt: now, submitRound: 1 },
  });
  await copyContent(tx, revision.id, seedToOfferings(seed));
  await recordAudit(tx, SYSTEM_CONTEXT, {
    action: 'catalog.seed',
    targetType: 'CatalogRevision',
    targetId: String(revision.number),
    detail: { offerings: seed.offerings.length, plans: seed.offerings.reduce((n, o) => n + o.plans.length, 0) },
  });
  return true;
}
