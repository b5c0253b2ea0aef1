// Reading catalog revisions from the database into views (no permissions here: callers check them).
import { takeNumbers } from '../core/db/counters.js';
import type { Tx } from '../core/db/database.js';
import type { PlanSpec, Xinchuang } from './seed-schema.js';
import type { CatalogView, OfferingView, RevisionSummary } from './view.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toSummary(r: {
  number: number;
  status: RevisionSummary['status'];
  title: string;
  notes: string | null;
  basedOnNumber: number | null;
  submittedAt: Date | null;
  approvedAt: Date | null;
  publishedAt: Date | null;
  version: number;
}): RevisionSummary {
  return {
    number: r.number,
    status: r.status,
    title: r.title,
    notes: r.notes,
    basedOnNumber: r.basedOnNumber,
    submittedAt: iso(r.submittedAt),
    approvedAt: iso(r.approvedAt),
    publishedAt: iso(r.publishedAt),
    version: r.version,
  };
}

export async function loadCatalogView(db: Tx, number: number): Promise<CatalogView | null> {
  const r = await db.catalogRevision.findUnique({
    where: { number },
    include: {
      offerings: {
        orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
        include: { plans: { orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }] } },
      },
    },
  });
  if (!r) return null;
  const offerings: OfferingView[] = r.offerings.map((o) => ({
    code: o.code,
    category: o.category,
    name: o.name,
    nameEn: o.nameEn,
    description: o.description,
    provisioner: o.provisioner as OfferingView['provisioner'],
    sharedService: o.sharedService,
    keywords: o.keywords,
    status: o.status,
    plans: o.plans.map((p) => ({
      code: p.code,
      name: p.name,
      nameEn: p.nameEn,
      unit: p.unit,
      unitPrice: Number(p.unitPrice),
      spec: p.spec as PlanSpec,
      xinchuang: p.xinchuang as Xinchuang,
      maxQuantity: p.maxQuantity,
      status: p.status,
    })),
  }));
  return { revision: toSummary(r), offerings };
}

export async function latestPublishedNumber(db: Tx): Promise<number | null> {
  const r = await db.catalogRevision.findFirst({
    where: { status: 'PUBLISHED' },
    orderBy: { number: 'desc' },
    select: { number: true },
  });
  return r?.number ?? null;
}

/** The next revision's number: one numbering for the seed and every draft, never given twice (core/db/counters.ts). */
export const nextRevisionNumber = (db: Tx): Promise<number> => takeNumbers(db, 'catalog-revision');
