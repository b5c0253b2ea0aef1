// The municipal seed catalog (catalog/seed/municipal-catalog.json) read, validated, and as a catalog view.
import fs from 'node:fs';
import { fromRoot } from '../core/paths.js';
import { seedCatalogSchema, type SeedCatalog } from './seed-schema.js';
import type { CatalogView, OfferingView } from './view.js';

export const SEED_CATALOG_PATH = fromRoot('catalog', 'seed', 'municipal-catalog.json');

export function readSeedCatalog(file = SEED_CATALOG_PATH): SeedCatalog {
  return seedCatalogSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export function seedToOfferings(seed: SeedCatalog): OfferingView[] {
  return seed.offerings.map((o) => ({
    ...o,
    status: 'ACTIVE',
    plans: o.plans.map((p) => ({ ...p, maxQuantity: p.maxQuantity ?? null, status: 'ACTIVE' })),
  }));
}

/** The seed catalog as published revision 1 looks (for tests and benchmarks that need a realistic catalog). */
export function seedCatalogView(seed = readSeedCatalog()): CatalogView {
  return {
    revision: { number: 1, status: 'PUBLISHED', title: seed.title, notes: null, basedOnNumber: null, submittedAt: null, approvedAt: null, publishedAt: null, version: 1 },
    offerings: seedToOfferings(seed),
  };
}
