// The catalog as the API, the exports, the diff and (later) the project validator see it.
import type { ProvisionerKindCode } from '../provisioners/kinds/vocabulary.js';
import type { RevisionState } from './revision-workflow.js';
import type { PlanSpec, Xinchuang } from './seed-schema.js';

export type { RevisionState };

/** The catalog's categories, in the order it lists them. */
export const CATEGORIES = ['IaaS', 'PaaS', 'SaaS'] as const;
export type CategoryCode = (typeof CATEGORIES)[number];
export type ItemState = 'ACTIVE' | 'RETIRED';

export interface PlanView {
  code: string;
  name: string;
  nameEn: string | null;
  unit: string;
  /** annual unit price, CNY */
  unitPrice: number;
  spec: PlanSpec;
  xinchuang: Xinchuang;
  maxQuantity: number | null;
  status: ItemState;
}

export interface OfferingView {
  code: string;
  category: CategoryCode;
  name: string;
  nameEn: string | null;
  description: string;
  provisioner: ProvisionerKindCode;
  sharedService: boolean;
  keywords: string[];
  status: ItemState;
  plans: PlanView[];
}

export interface RevisionSummary {
  number: number;
  status: RevisionState;
  title: string;
  notes: string | null;
  basedOnNumber: number | null;
  submittedAt: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  version: number;
}

export interface CatalogView {
  revision: RevisionSummary;
  offerings: OfferingView[];
}

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
