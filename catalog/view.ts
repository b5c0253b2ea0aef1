// The catalog as the API, the exports, the diff and (later) the project validator see it.
import type { z } from 'zod';
import type { RevisionState } from './revision-workflow.js';
import type { catalogViewSchema, offeringViewSchema, planViewSchema, revisionSummarySchema } from './view-schema.js';

export type { RevisionState };

/** The catalog's categories, in the order it lists them. */
export const CATEGORIES = ['IaaS', 'PaaS', 'SaaS'] as const;
/** An offering or plan on offer, or retired (readable in the revisions that had it, no longer requested). */
export const ITEM_STATES = ['ACTIVE', 'RETIRED'] as const;

// the shapes are declared once, as zod schemas (./view-schema.ts); only types are taken from there, so the web
// console can use findPlan without loading zod
export type CategoryCode = (typeof CATEGORIES)[number];
export type ItemState = (typeof ITEM_STATES)[number];
export type PlanView = z.infer<typeof planViewSchema>;
export type OfferingView = z.infer<typeof offeringViewSchema>;
export type RevisionSummary = z.infer<typeof revisionSummarySchema>;
export type CatalogView = z.infer<typeof catalogViewSchema>;

export const CATEGORY_LABELS: Record<CategoryCode, { 'zh-CN': string; en: string }> = {
  IaaS: { 'zh-CN': '基础资源服务（IaaS）', en: 'Infrastructure (IaaS)' },
  PaaS: { 'zh-CN': '支撑平台服务（PaaS）', en: 'Platform (PaaS)' },
  SaaS: { 'zh-CN': '应用服务（SaaS）', en: 'Applications (SaaS)' },
};

/** Finds a plan by code across a catalog. */
export function findPlan(view: CatalogView, planCode: string): { offering: OfferingView; plan: PlanView } | undefined {
  for (const offering of view.offerings) {
    const plan = offering.plans.find((p) => p.code === planCode);
    if (plan) return { offering, plan };
  }
  return undefined;
}
