// Filtering the published catalog in the browser: text search, category and 信创. Retired items are not offered.
import type { CategoryCode, OfferingView, PlanView } from '../../api/catalog';

export interface CatalogFilter {
  q: string;
  category: CategoryCode | 'ALL';
  xinchuangOnly: boolean;
}

function matches(text: string, q: string): boolean {
  return text.toLowerCase().includes(q);
}

export function filterCatalog(offerings: OfferingView[], f: CatalogFilter): { offering: OfferingView; plans: PlanView[] }[] {
  const q = f.q.trim().toLowerCase();
  const out: { offering: OfferingView; plans: PlanView[] }[] = [];
  for (const o of offerings) {
    if (o.status !== 'ACTIVE') continue;
    if (f.category !== 'ALL' && o.category !== f.category) continue;
    const offeringHit = !q || [o.name, o.nameEn ?? '', o.code, o.description, ...o.keywords].some((s) => matches(s, q));
    const plans = o.plans.filter(
      (p) =>
        p.status === 'ACTIVE' &&
        (!f.xinchuangOnly || p.xinchuang.certified) &&
        (offeringHit || [p.name, p.nameEn ?? '', p.code].some((s) => matches(s, q))),
    );
    if (plans.length) out.push({ offering: o, plans });
  }
  return out;
}
