// The register, waves, a system's history and the progress board as the API sends them, declared once: the
// router documents them, the services build them (typed by these schemas), the console's client is generated
// from them. The register's inputs are in ./register-input.ts.
import { allowedActionsField } from '../core/workflow/allowed-action-schema.js';
import { orgKindSchema } from '../accounts/account-schema.js';
import { nullableRef, pageOf, z } from '../core/zod-openapi.js';
import { boardAssessmentSchema } from './board-assessment.js';
import { HOSTING_TYPES, LEVELS, STRATEGIES, XINCHUANG_STATUSES } from './vocabulary.js';
import { MIGRATION_STATES, MIGRATION_TRANSITION_ACTIONS } from './workflow.js';

export const migrationStateSchema = z.enum(MIGRATION_STATES).openapi('MigrationState');
export const hostingSchema = z.enum(HOSTING_TYPES).openapi('HostingType');
export const strategySchema = z.enum(STRATEGIES).openapi('MigrationStrategy');
export const levelSchema = z.enum(LEVELS).openapi('MigrationLevel');
export const xinchuangStatusSchema = z.enum(XINCHUANG_STATUSES).openapi('XinchuangStatus');
export const migrationActionSchema = z.enum(MIGRATION_TRANSITION_ACTIONS).openapi('MigrationAction');

export const systemViewSchema = z
  .object({
    ...allowedActionsField,
    id: z.string(),
    code: z.string(),
    name: z.string(),
    org: z.object({ id: z.string(), code: z.string(), name: z.string(), kind: orgKindSchema }),
    purpose: z.string(),
    hosting: hostingSchema,
    location: z.string().nullable(),
    mlpsLevel: z.number().int().nullable(),
    mlpsFilingNo: z.string().nullable(),
    classified: z.boolean(),
    exempt: z.boolean().describe('classified, or assessed RETAIN_EXEMPT: not to be migrated'),
    os: z.string().nullable(),
    database: z.string().nullable(),
    middleware: z.string().nullable(),
    xinchuang: nullableRef(xinchuangStatusSchema),
    dataVolumeGb: z.number().nullable(),
    userCount: z.number().int().nullable(),
    dependencies: z.array(z.string()),
    contacts: z.array(z.object({ name: z.string(), phone: z.string(), email: z.string().optional() })),
    annualOmCost: z.number().nullable(),
    launchedOn: z.string().nullable().describe('上线日期, YYYY-MM-DD'),
    strategy: nullableRef(strategySchema),
    effort: nullableRef(levelSchema),
    risk: nullableRef(levelSchema),
    targetPlanCodes: z.array(z.string()),
    blockingIssues: z.array(z.string()),
    assessedAt: z.string().nullable(),
    status: migrationStateSchema,
    blockedReason: z.string().nullable(),
    blockedFrom: nullableRef(migrationStateSchema).describe('the state to return to on unblock'),
    wave: z.object({ id: z.string(), name: z.string(), startDate: z.string(), endDate: z.string() }).nullable(),
    projectId: z.string().nullable().describe('the project whose resources it runs on, once verified'),
    resourceRequestIds: z.array(z.string()),
    migratedAt: z.string().nullable(),
    decommissionedAt: z.string().nullable(),
    lastConfirmed: z
      .object({ campaignId: z.string(), title: z.string(), at: z.string() })
      .nullable()
      .describe('the migration survey campaign whose submitted answer last confirmed this entry as current, and when (survey/)'),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('MigrationSystem');
export type SystemView = z.infer<typeof systemViewSchema>;

export const systemPageSchema = pageOf(systemViewSchema)
  .openapi('MigrationSystemPage');
export type SystemPage = z.infer<typeof systemPageSchema>;

export const HISTORY_ACTIONS = ['register', 'import', 'update', 'reassess', ...MIGRATION_TRANSITION_ACTIONS] as const;

export const historyEntrySchema = z
  .object({
    action: z.enum(HISTORY_ACTIONS),
    fromStatus: nullableRef(migrationStateSchema),
    toStatus: migrationStateSchema,
    reason: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).describe('what the change recorded (fields changed, the wave, the project …); its keys depend on the action'),
    actorName: z.string().nullable(),
    at: z.string(),
  })
  .openapi('MigrationHistoryEntry');
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const systemHistorySchema = z.object({ id: z.string(), code: z.string(), items: z.array(historyEntrySchema) }).openapi('MigrationSystemHistory');

export const waveViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    description: z.string(),
    systems: z.number().int().describe('systems planned into it'),
    done: z.number().int().describe('of those, migrated or decommissioned'),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('MigrationWave');
export type WaveView = z.infer<typeof waveViewSchema>;

export const importResultSchema = z
  .object({
    imported: z.number().int(),
    skippedEmptyRows: z.number().int(),
    firstCode: z.string(),
    lastCode: z.string(),
    organisations: z.number().int().describe('how many organisations the systems were registered for (the city-wide survey: many)'),
  })
  .openapi('MigrationImportResult');
export type ImportResult = z.infer<typeof importResultSchema>;

// ── the progress board (full: everything; public: counts only, the optional fields absent)

export const boardCountsSchema = z
  .object({
    systems: z.number().int(),
    byStatus: z.object(Object.fromEntries(MIGRATION_STATES.map((s) => [s, z.number().int()])) as Record<(typeof MIGRATION_STATES)[number], z.ZodNumber>),
    exempt: z.number().int(),
    outsideCityCloud: z.number().int().describe('still to be moved and not on the city cloud'),
    migrated: z.number().int(),
    retired: z.number().int().describe('decommissioned without having been migrated'),
    outsideDataVolumeGb: z.number().optional().describe('full view only'),
    outsideAnnualOmCost: z.number().optional().describe('full view only'),
  })
  .openapi('BoardCounts');
export type BoardCounts = z.infer<typeof boardCountsSchema>;

const orgRow = boardCountsSchema.extend({ orgId: z.string(), code: z.string(), name: z.string() });

// the breakdowns of ./board/ (one a file): each partitions the totals' systems, so its rows add up to them
const boardBreakdowns = {
  byOrganisation: z
    .array(
      boardCountsSchema.extend({
        orgId: z.string(),
        code: z.string(),
        name: z.string(),
        nameEn: z.string().nullable(),
        kind: orgKindSchema,
        jurisdiction: z.string().describe("'CITY' or a county's code"),
      }),
    )
    .describe('every organisation of every kind that is active or owns a system, by code'),
  byOrganisationKind: z
    .array(boardCountsSchema.extend({ kind: orgKindSchema, organisations: z.number().int().describe('active ones, and any owning a system') }))
    .describe('every kind of organisation, zeros included'),
  byJurisdiction: z
    .array(
      boardCountsSchema.extend({
        code: z.string().describe("'CITY' (市本级) or a county's code"),
        name: z.string(),
        nameEn: z.string().nullable(),
        organisations: z.number().int(),
      }),
    )
    .describe("the city's own organisations, then each county (an organisation in the jurisdiction Organisation.jurisdiction names)"),
  byIndustryCloud: z
    .array(
      boardCountsSchema.extend({
        onIndustryCloud: z.boolean().describe('false: the one line for every system not on an industry cloud'),
        industryCloud: z.string().nullable().describe('the industry cloud as its owners name it (null: not named, or not on one)'),
        organisations: z.number().int(),
      }),
    )
    .optional()
    .describe('full view only: systems on an industry cloud by its name, then those not on one'),
};

export const boardSchema = z
  .object({
    view: z.enum(['public', 'full']),
    today: z.string(),
    generatedAt: z.string(),
    totals: boardCountsSchema.extend({ alreadyOnCityCloud: z.number().int(), notInWave: z.number().int() }),
    byWave: z.array(
      boardCountsSchema.extend({ id: z.string(), name: z.string(), startDate: z.string(), endDate: z.string(), remaining: z.number().int(), overdue: z.boolean() }),
    ),
    byStrategy: z.array(boardCountsSchema.extend({ strategy: nullableRef(strategySchema).describe('null: not yet assessed') })),
    byHosting: z.array(boardCountsSchema.extend({ hosting: hostingSchema })),
    ...boardBreakdowns,
    outsideCityCloud: z.object({
      total: z.number().int(),
      byHosting: z.object(
        Object.fromEntries(HOSTING_TYPES.filter((h) => h !== 'CITY_CLOUD').map((h) => [h, z.number().int()])) as Record<Exclude<(typeof HOSTING_TYPES)[number], 'CITY_CLOUD'>, z.ZodNumber>,
      ),
      listed: z.number().int().optional().describe('full view only: how many are listed (at most 100)'),
      systems: z
        .array(
          z.object({
            id: z.string(),
            code: z.string(),
            name: z.string(),
            orgName: z.string(),
            hosting: hostingSchema,
            location: z.string().nullable(),
            status: migrationStateSchema,
            wave: z.string().nullable(),
          }),
        )
        .optional()
        .describe('full view only'),
    }),
    overdueWaves: z.array(z.object({ id: z.string(), name: z.string(), endDate: z.string(), daysOverdue: z.number().int(), remaining: z.number().int() })),
    migratedOverTime: z.array(
      z.object({ month: z.string(), migrated: z.number().int(), decommissioned: z.number().int(), cumulativeMigrated: z.number().int(), cumulativeDecommissioned: z.number().int() }),
    ),
    countyOwnCloud: z
      .array(
        z.object({
          orgId: z.string(),
          code: z.string(),
          name: z.string(),
          countyCloudSystems: z.number().int(),
          ownRoomSystems: z.number().int(),
          dataVolumeGb: z.number().optional().describe('full view only'),
          annualOmCost: z.number().optional().describe('full view only'),
        }),
      )
      .describe("Art. 30: counties' own clouds and server rooms"),
    industryClouds: z
      .array(
        z.object({
          orgId: z.string(),
          code: z.string(),
          name: z.string(),
          location: z.string().nullable().optional().describe('full view only: the industry cloud as its owner names it'),
          systems: z.number().int(),
          dataVolumeGb: z.number().optional().describe('full view only'),
          annualOmCost: z.number().optional().describe('full view only'),
        }),
      )
      .describe('Art. 33: industry clouds still holding systems'),
    assessment: boardAssessmentSchema.optional().describe('full view only: the assessment questionnaire’s proposed and confirmed strategies and risks'),
  })
  .openapi('MigrationBoard');
export type Board = z.infer<typeof boardSchema>;
