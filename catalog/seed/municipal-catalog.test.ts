import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seedCatalogSchema, type SeedCatalog, type SeedOffering } from '../seed-schema.js';

const raw: unknown = JSON.parse(
  fs.readFileSync(new URL('./municipal-catalog.json', import.meta.url), 'utf8'),
);

describe('municipal seed catalog (运城市政务云平台服务目录)', () => {
  const parsed = seedCatalogSchema.safeParse(raw);

  it('conforms to seedCatalogSchema', () => {
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  const catalog: SeedCatalog = seedCatalogSchema.parse(raw);
  const byCategory = (c: SeedOffering['category']) => catalog.offerings.filter((o) => o.category === c);
  const allPlans = catalog.offerings.flatMap((o) => o.plans.map((p) => ({ offering: o, plan: p })));
  const plansOf = (provisioner: SeedOffering['provisioner']) =>
    allPlans.filter(({ offering }) => offering.provisioner === provisioner);

  it('has the 2026 title', () => {
    expect(catalog.title).toBe('运城市政务云平台服务目录（2026年版）');
  });

  it('has enough offerings in each category', () => {
    expect(byCategory('IaaS').length).toBeGreaterThanOrEqual(8);
    expect(byCategory('PaaS').length).toBeGreaterThanOrEqual(8);
    expect(byCategory('SaaS').length).toBeGreaterThanOrEqual(6);
  });

  it('has unique offering codes', () => {
    const codes = catalog.offerings.map((o) => o.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('has plan codes unique across the whole catalog', () => {
    const codes = allPlans.map(({ plan }) => plan.code);
    const dupes = codes.filter((c, i) => codes.indexOf(c) !== i);
    expect(dupes).toEqual([]);
  });

  it('marks every SaaS offering as a shared service with keywords', () => {
    for (const o of byCategory('SaaS')) {
      expect(o.sharedService, o.code).toBe(true);
      expect(o.provisioner, o.code).toBe('none');
      expect(o.keywords.length, o.code).toBeGreaterThan(0);
    }
  });

  it('contains the required offerings with their provisioners', () => {
    const expected: Record<string, SeedOffering['provisioner']> = {
      'vm-general': 'vm',
      'vm-xc-kunpeng': 'vm',
      'vm-xc-hygon': 'vm',
      'block-storage': 'none',
      'tenant-namespace': 'namespace',
      'rds-postgresql': 'database',
      'rds-dameng': 'database',
      'saas-identity': 'none',
    };
    const found = Object.fromEntries(catalog.offerings.map((o) => [o.code, o.provisioner]));
    for (const [code, provisioner] of Object.entries(expected)) {
      expect(found[code], code).toBe(provisioner);
    }
  });

  it('gives every vm plan vcpu, memoryGiB, diskGiB and image', () => {
    const vmPlans = plansOf('vm');
    expect(vmPlans.length).toBeGreaterThan(0);
    for (const { plan } of vmPlans) {
      expect(plan.spec.vcpu, plan.code).toBeGreaterThan(0);
      expect(plan.spec.memoryGiB, plan.code).toBeGreaterThan(0);
      expect(plan.spec.diskGiB, plan.code).toBeGreaterThan(0);
      expect(plan.spec.image, plan.code).toBeTruthy();
    }
  });

  it('gives every database plan engine, engineVersion, instances, storageGiB, vcpu and memoryGiB', () => {
    const dbPlans = plansOf('database');
    expect(dbPlans.length).toBeGreaterThan(0);
    for (const { plan } of dbPlans) {
      expect(plan.spec.engine, plan.code).toBeTruthy();
      expect(plan.spec.engineVersion, plan.code).toBeTruthy();
      expect(plan.spec.instances, plan.code).toBeGreaterThan(0);
      expect(plan.spec.storageGiB, plan.code).toBeGreaterThan(0);
      expect(plan.spec.vcpu, plan.code).toBeGreaterThan(0);
      expect(plan.spec.memoryGiB, plan.code).toBeGreaterThan(0);
    }
  });

  it('gives every namespace plan vcpu, memoryGiB, storageGiB and pvcCount', () => {
    const nsPlans = plansOf('namespace');
    expect(nsPlans.length).toBeGreaterThan(0);
    for (const { plan } of nsPlans) {
      expect(plan.spec.vcpu, plan.code).toBeGreaterThan(0);
      expect(plan.spec.memoryGiB, plan.code).toBeGreaterThan(0);
      expect(plan.spec.storageGiB, plan.code).toBeGreaterThan(0);
      expect(plan.spec.pvcCount, plan.code).toBeGreaterThan(0);
    }
  });

  it('marks the xinchuang VM pools as certified on their CPU architecture', () => {
    const arch = (code: string) =>
      catalog.offerings.find((o) => o.code === code)?.plans.map((p) => [p.xinchuang.certified, p.xinchuang.cpuArch]);
    for (const a of arch('vm-xc-kunpeng') ?? []) expect(a).toEqual([true, 'kunpeng']);
    for (const a of arch('vm-xc-hygon') ?? []) expect(a).toEqual([true, 'hygon']);
  });
});
