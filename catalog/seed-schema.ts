// The shape of the municipal seed catalog shipped as data in catalog/seed/*.json.
import { z } from '../core/zod-openapi.js'; // planSpecSchema and xinchuangSchema are named with .openapi() (catalog/view-schema.ts)
import { PROVISIONER_KINDS } from '../provisioners/kinds/vocabulary.js';
import { CATEGORIES } from './view.js';

export const xinchuangSchema = z
  .object({
    certified: z.boolean().describe('secure-and-controllable (信创) product'),
    cpuArch: z.enum(['x86_64', 'kunpeng', 'hygon', 'phytium', 'loongson']).optional(),
    os: z.string().optional().describe('e.g. 银河麒麟 Kylin V10, 统信 UOS 20'),
    dbVendor: z.string().optional().describe('e.g. 达梦 DM8, 人大金仓 KingbaseES'),
  })
  .strict();

export const categorySchema = z.enum(CATEGORIES);

/** How an offering is provisioned: one of the provisioner kinds (provisioners/kinds/). */
export const provisionerKindSchema = z.enum(PROVISIONER_KINDS);

/** What provisioning needs. Every key optional; which ones matter depends on the offering's provisioner. */
export const planSpecSchema = z
  .object({
    vcpu: z.number().int().positive().optional(),
    memoryGiB: z.number().positive().optional(),
    diskGiB: z.number().int().positive().optional(),
    storageGiB: z.number().int().positive().optional(),
    image: z.string().optional().describe('boot image for VMs, e.g. kylin-v10-sp3-arm64'),
    engine: z.string().optional().describe('database/middleware engine, e.g. postgresql'),
    engineVersion: z.string().optional(),
    instances: z.number().int().positive().optional(),
    bandwidthMbps: z.number().int().positive().optional(),
    pvcCount: z.number().int().positive().optional(),
    backupRetentionDays: z.number().int().positive().optional(),
    sla: z.string().optional(),
    notes: z.string().optional(),
  })
  .strict();

export const seedPlanSchema = z
  .object({
    code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
    name: z.string().min(1),
    nameEn: z.string().min(1),
    unit: z.string().min(1).describe('e.g. 台·年, GB·年, 实例·年, 套·年'),
    unitPrice: z.number().nonnegative().describe('annual unit price in CNY'),
    maxQuantity: z.number().int().positive().optional(),
    spec: planSpecSchema,
    xinchuang: xinchuangSchema,
  })
  .strict();

export const seedOfferingSchema = z
  .object({
    code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
    category: categorySchema,
    name: z.string().min(1),
    nameEn: z.string().min(1),
    description: z.string().min(1),
    provisioner: provisionerKindSchema,
    sharedService: z.boolean(),
    keywords: z.array(z.string().min(1)),
    plans: z.array(seedPlanSchema).min(1),
  })
  .strict();

export const seedCatalogSchema = z
  .object({
    title: z.string(),
    offerings: z.array(seedOfferingSchema),
  })
  .strict();

export type SeedCatalog = z.infer<typeof seedCatalogSchema>;
export type SeedOffering = z.infer<typeof seedOfferingSchema>;
export type SeedPlan = z.infer<typeof seedPlanSchema>;
export type PlanSpec = z.infer<typeof planSpecSchema>;
export type Xinchuang = z.infer<typeof xinchuangSchema>;
