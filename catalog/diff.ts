// What changed between two catalog revisions (pure): offerings and plans added, changed, retired, removed.
import canonicalize from 'canonicalize';
import type { z } from 'zod';
import type { CatalogView, OfferingView, PlanView } from './view.js';
import { OFFERING_FIELDS, PLAN_FIELDS, type catalogDiffSchema, type diffEntrySchema, type fieldChangeSchema } from './view-schema.js';

export type FieldChange = z.infer<typeof fieldChangeSchema>;
export type DiffEntry = z.infer<typeof diffEntrySchema>;
export type CatalogDiff = z.infer<typeof catalogDiffSchema>;

const same = (a: unknown, b: unknown) => canonicalize(a ?? null) === canonicalize(b ?? null);

function fieldChanges<F extends FieldChange['field'], T extends Record<F, FieldChange['from']>>(a: T, b: T, fields: readonly F[]): FieldChange[] {
  return fields.filter((f) => !same(a[f], b[f])).map((f) => ({ field: f, from: a[f], to: b[f] }));
}

function index(view: CatalogView) {
  const offerings = new Map<string, OfferingView>();
  const plans = new Map<string, { plan: PlanView; offering: OfferingView }>();
  for (const o of view.offerings) {
    offerings.set(o.code, o);
    for (const p of o.plans) plans.set(p.code, { plan: p, offering: o });
  }
  return { offerings, plans };
}

export function diffCatalogs(from: CatalogView, to: CatalogView): CatalogDiff {
  const a = index(from);
  const b = index(to);
  const diff: CatalogDiff = { from: from.revision.number, to: to.revision.number, added: [], changed: [], retired: [], reinstated: [], removed: [] };

  const classify = (
    kind: DiffEntry['kind'],
    code: string,
    offeringCode: string,
    before: { status: string; name: string } | undefined,
    after: { status: string; name: string } | undefined,
    changes: () => FieldChange[],
  ) => {
    const entry = { kind, code, offeringCode, name: (after ?? before)!.name };
    if (!before) return void (after!.status === 'ACTIVE' ? diff.added : diff.retired).push(entry);
    if (!after) return void diff.removed.push(entry);
    if (before.status === 'ACTIVE' && after.status === 'RETIRED') return void diff.retired.push(entry);
    if (before.status === 'RETIRED' && after.status === 'ACTIVE') diff.reinstated.push(entry);
    const c = changes();
    if (c.length) diff.changed.push({ ...entry, changes: c });
  };

  for (const code of new Set([...a.offerings.keys(), ...b.offerings.keys()])) {
    const before = a.offerings.get(code);
    const after = b.offerings.get(code);
    classify('offering', code, code, before, after, () => fieldChanges(before!, after!, OFFERING_FIELDS));
  }
  for (const code of new Set([...a.plans.keys(), ...b.plans.keys()])) {
    const before = a.plans.get(code);
    const after = b.plans.get(code);
    const offeringCode = (after ?? before)!.offering.code;
    classify('plan', code, offeringCode, before?.plan, after?.plan, () => fieldChanges(before!.plan, after!.plan, PLAN_FIELDS));
  }
  return diff;
}
