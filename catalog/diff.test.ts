import { describe, expect, it } from 'vitest';
import { diffCatalogs } from './diff.js';
import type { CatalogView, OfferingView, PlanView } from './view.js';

const plan = (code: string, over: Partial<PlanView> = {}): PlanView => ({
  code,
  name: code,
  nameEn: null,
  unit: '台·年',
  unitPrice: 100,
  spec: { vcpu: 2, memoryGiB: 4 },
  xinchuang: { certified: false },
  maxQuantity: null,
  status: 'ACTIVE',
  ...over,
});
const offering = (code: string, plans: PlanView[], over: Partial<OfferingView> = {}): OfferingView => ({
  code,
  category: 'IaaS',
  name: code,
  nameEn: null,
  description: 'd',
  provisioner: 'vm',
  sharedService: false,
  keywords: [],
  status: 'ACTIVE',
  plans,
  ...over,
});
const view = (number: number, offerings: OfferingView[]): CatalogView => ({
  revision: { number, status: 'PUBLISHED', title: 't', notes: null, basedOnNumber: null, submittedAt: null, approvedAt: null, publishedAt: null, version: 1 },
  offerings,
});

describe('diffCatalogs', () => {
  it('reports nothing for identical revisions', () => {
    const a = view(1, [offering('vm', [plan('vm-2c4g')])]);
    const d = diffCatalogs(a, view(2, structuredClone(a.offerings)));
    expect([d.added, d.changed, d.retired, d.reinstated, d.removed].flat()).toEqual([]);
  });

  it('classifies added, changed, retired, reinstated and removed items', () => {
    const a = view(1, [
      offering('vm', [plan('vm-2c4g'), plan('vm-4c8g'), plan('vm-old', { status: 'RETIRED' })]),
      offering('gone', [plan('gone-1')]),
    ]);
    const b = view(2, [
      offering('vm', [plan('vm-2c4g', { unitPrice: 120, spec: { vcpu: 2, memoryGiB: 8 } }), plan('vm-4c8g', { status: 'RETIRED' }), plan('vm-old'), plan('vm-8c16g')]),
      offering('db', [plan('db-1')], { category: 'PaaS' }),
    ]);
    const d = diffCatalogs(a, b);
    expect(d.from).toBe(1);
    expect(d.to).toBe(2);
    expect(d.added.map((e) => e.code).sort()).toEqual(['db', 'db-1', 'vm-8c16g']);
    expect(d.retired.map((e) => e.code)).toEqual(['vm-4c8g']);
    expect(d.reinstated.map((e) => e.code)).toEqual(['vm-old']);
    expect(d.removed.map((e) => e.code).sort()).toEqual(['gone', 'gone-1']);
    const changed = d.changed.find((e) => e.code === 'vm-2c4g');
    expect(changed?.changes).toEqual([
      { field: 'unitPrice', from: 100, to: 120 },
      { field: 'spec', from: { vcpu: 2, memoryGiB: 4 }, to: { vcpu: 2, memoryGiB: 8 } },
    ]);
  });

  it('does not count key order inside specifications as a change', () => {
    const a = view(1, [offering('vm', [plan('p', { spec: { vcpu: 2, memoryGiB: 4 } })])]);
    const b = view(2, [offering('vm', [plan('p', { spec: { memoryGiB: 4, vcpu: 2 } })])]);
    expect(diffCatalogs(a, b).changed).toEqual([]);
  });
});
