// Resource requests, provisioning jobs, previews and a project's resources as the API sends them, declared once:
// the router documents them, the services build them (typed by these schemas), the console's client is generated
// from them.
import { allowedActionsField } from '../core/workflow/allowed-action-schema.js';
import { nullableRef, pageOf, z } from '../core/zod-openapi.js';
import { JOB_KINDS } from './job-kinds.js';
import { JOB_STATES } from './job-workflow.js';
import { REQUEST_STATES } from './request-workflow.js';

export { JOB_STATES, REQUEST_STATES };
import { RESOURCE_STATES, TENANT_STATES } from './resource-states.js';
export { RESOURCE_STATES, TENANT_STATES };

export const requestStatusSchema = z.enum(REQUEST_STATES).openapi('ResourceRequestStatus');
export const jobStateSchema = z.enum(JOB_STATES).openapi('JobState');
export const jobKindSchema = z.enum(JOB_KINDS).openapi('JobKind');
export const environmentSchema = z.enum(['production', 'test']).openapi('Environment');
export const networkZoneSchema = z.enum(['egov-extranet', 'internet']).describe('政务外网 / 互联网区').openapi('NetworkZone');

export const contactSchema = z.object({ name: z.string(), phone: z.string(), email: z.string().optional() }).openapi('Contact');

export const requestViewSchema = z
  .object({
    ...allowedActionsField,
    id: z.string(),
    code: z.string(),
    projectId: z.string(),
    project: z
      .object({ code: z.string(), name: z.string(), approvalNumber: z.string().nullable(), orgName: z.string() })
      .describe('the project it draws on: number, name, approval number, organisation'),
    orgId: z.string(),
    status: requestStatusSchema,
    environment: environmentSchema,
    networkZone: networkZoneSchema,
    systemId: z.string().nullable().describe('the registered legacy system it is for, if any'),
    contacts: z.array(contactSchema),
    sshPublicKeys: z.array(z.string()),
    reviewNote: z.string().nullable(),
    items: z.array(z.object({ planCode: z.string(), quantity: z.number().int() })),
    provisioned: z
      .object({ at: z.string(), operator: z.string(), orgName: z.string() })
      .nullable()
      .describe("the latest provisioning run that succeeded: when it ended, the operator who ran it and their organisation (the hand-over record names them); null before one"),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ResourceRequest');
export type RequestView = z.infer<typeof requestViewSchema>;

export const requestPageSchema = pageOf(requestViewSchema)
  .openapi('ResourceRequestPage');
export type RequestPage = z.infer<typeof requestPageSchema>;

/** One object an operation would change (a preview) or did change. */
export const objectChangeSchema = z
  .object({
    op: z.enum(['create', 'update', 'replace', 'delete']),
    kind: z.string(),
    name: z.string(),
    namespace: z.string().optional(),
    fields: z.array(z.string()).optional().describe('the properties that differ, when the driver knows them'),
  })
  .openapi('ObjectChange');

/** Something that runs differs from what should run, as a drift check keeps it with its job. */
export const driftItemSchema = z
  .object({
    kind: z.string(),
    name: z.string(),
    namespace: z.string().optional(),
    reason: z.string().describe('in English'),
    code: z.string().optional().describe('why, as a stable code (drift.*); absent from checks kept before drift had codes'),
    params: z.record(z.string(), z.string()).optional(),
    detail: z.string().optional().describe('what differs, as read from the cluster'),
  })
  .openapi('DriftItem');

/** Drift as a project's resources show it: why, in the reader's language. */
export const driftViewSchema = z
  .object({
    kind: z.string(),
    name: z.string(),
    namespace: z.string().optional(),
    code: z.string().describe('why, as a stable code (drift.*); drift.legacy: kept before drift had codes, its reason as stored'),
    reason: z.string().describe("in the reader's language"),
    detail: z.string().nullable().describe('what differs, as read from the cluster, not translated'),
  })
  .openapi('DriftView');
export type DriftView = z.infer<typeof driftViewSchema>;

export const jobResultSchema = z
  .object({
    summary: z.record(z.string(), z.number()).describe("the driver's own counts, e.g. { create: 5, same: 2 }"),
    changes: z.union([z.array(objectChangeSchema), z.number().int()]).optional().describe('a preview: what would change; a provisioning run: how many objects changed'),
    drift: z.array(driftItemSchema).optional().describe('a drift check: what differs'),
  })
  .openapi('JobResult');

export const jobViewSchema = z
  .object({
    id: z.string(),
    kind: jobKindSchema,
    projectId: z.string(),
    requestId: z.string().nullable(),
    stack: z.string().describe('the tenant namespace'),
    driver: z.string(),
    state: jobStateSchema,
    attempts: z.number().int(),
    error: z.string().nullable(),
    result: nullableRef(jobResultSchema).describe('once it has succeeded'),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi('ProvisioningJob');
export type JobView = z.infer<typeof jobViewSchema>;

export const jobEventSchema = z
  .object({
    seq: z.string(),
    at: z.string(),
    level: z.enum(['debug', 'info', 'warn', 'error']),
    code: z.string().describe('what the line says, as a stable code (job.log.*); job.log.legacy: a line written before lines had codes, its text as stored'),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).describe("the code's parameters"),
    text: z.string().describe("the line in the reader's language (Accept-Language)"),
    detail: z.string().nullable().describe("the engine's own words (Pulumi's output, the Kubernetes API server's message), verbatim and untranslated"),
    data: z.record(z.string(), z.unknown()).nullable().describe("the driver's structured detail, if any; its keys depend on the driver"),
  })
  .openapi('JobEvent');
export type JobEventView = z.infer<typeof jobEventSchema>;

export const jobDetailSchema = jobViewSchema.extend({ events: z.array(jobEventSchema).describe('its log, oldest first (at most 1,000 lines)') }).openapi('ProvisioningJobDetail');
export type JobDetail = z.infer<typeof jobDetailSchema>;

export const jobAcceptedSchema = z.object({ jobId: z.string(), job: jobViewSchema }).openapi('JobAccepted');

/**
 * A Kubernetes object of the tenant's desired state. Its apiVersion, kind and metadata are fixed; the rest (spec,
 * data …) is whatever that kind of object holds, so it is left open.
 */
export const k8sObjectSchema = z
  .object({
    apiVersion: z.string(),
    kind: z.string(),
    metadata: z.object({
      name: z.string(),
      namespace: z.string().optional(),
      labels: z.record(z.string(), z.string()).optional(),
      annotations: z.record(z.string(), z.string()).optional(),
    }),
  })
  .catchall(z.unknown())
  .openapi('KubernetesObject');

export const previewSchema = z
  .object({
    namespace: z.string(),
    driver: z.string(),
    summary: z
      .object({
        text: z.string().describe("the objects in words, workloads first (云主机 ×2、数据库集群 ×1、命名空间 ×1 …), in the reader's language"),
        counts: z.array(z.object({ kind: z.string(), label: z.string(), count: z.number().int() })),
      })
      .describe('what the tenant will hold, before the objects themselves'),
    objects: z.array(k8sObjectSchema).describe('every object the tenant will have'),
    changes: z.array(objectChangeSchema).nullable().describe('what provisioning would change, from the latest preview job; null until one has run'),
    previewJob: nullableRef(jobViewSchema),
  })
  .openapi('ProvisioningPreview');

export const provisionedResourceSchema = z
  .object({
    id: z.string(),
    kind: z.string().describe('the tracked Kubernetes kind, e.g. Namespace, VirtualMachine, Cluster'),
    name: z.string(),
    namespace: z.string(),
    planCode: z.string().nullable(),
    requestId: z.string().nullable(),
    state: z.enum(RESOURCE_STATES),
    stateLabel: z.string().describe("the state's name in the reader's language"),
    detail: z.string().nullable().describe("the platform's note in the reader's language, or the cluster's own words (detailFromEngine)"),
    detailFromEngine: z.boolean().describe('the detail is what the cluster said (KubeVirt, CloudNativePG), verbatim and untranslated'),
    credentialsRevealed: z.boolean(),
    updatedAt: z.string(),
  })
  .openapi('ProvisionedResource');

export const entitlementUsageSchema = z
  .object({ planCode: z.string(), entitled: z.number().int(), used: z.number().int(), left: z.number().int() })
  .openapi('EntitlementUsage');

export const projectResourcesSchema = z
  .object({
    namespace: z.string(),
    driver: z.string(),
    clusterConnected: z.boolean(),
    state: z.enum(TENANT_STATES).describe('the tenant as a whole'),
    stateLabel: z.string().describe("the tenant's state in the reader's language"),
    resources: z.array(provisionedResourceSchema),
    entitlement: z.array(entitlementUsageSchema),
    drift: z.array(driftViewSchema).nullable().describe('null: never checked'),
    driftCheckedAt: z.string().nullable().describe('when the last drift check finished'),
    jobs: z.array(jobViewSchema).describe('the latest ten jobs, newest first'),
  })
  .openapi('ProjectResources');
export type ProjectResources = z.infer<typeof projectResourcesSchema>;

export const credentialsSchema = z
  .object({ username: z.string(), password: z.string(), host: z.string(), port: z.number().int(), dbname: z.string() })
  .openapi('DatabaseCredentials');

export const manifestListSchema = z
  .object({
    namespace: z.string().describe('the tenant namespace'),
    files: z.array(
      z.object({
        name: z.string().describe('`<kind>-<name>.yaml`, one Kubernetes object'),
        size: z.number().int(),
        sha256: z.string().describe('SHA-256 of the content (lower-case hex), checked on every read'),
        updatedAt: z.string(),
      }),
    ),
  })
  .openapi('RenderedManifests');
