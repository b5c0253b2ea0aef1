// What a provisioning job can be asked to do. Every kind runs in the worker, never inside an HTTP request.
//   PROVISION    make the tenant match its entitlement including one more request
//   DEPROVISION  the same without one request (a database first gets its final backup)
//   REPAIR       make the tenant match what it should have again, after drift
//   PREVIEW      what PROVISION of a request would change; changes nothing, its diff is kept with the job
//   REFRESH      what differs between the cluster and what should run (drift); changes nothing
export const JOB_KINDS = ['PROVISION', 'DEPROVISION', 'REPAIR', 'PREVIEW', 'REFRESH'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** Kinds that change what runs: one of them at a time per tenant, refused while another is queued or running. */
export const CHANGING_KINDS: readonly JobKind[] = ['PROVISION', 'DEPROVISION', 'REPAIR'];

export const isChanging = (kind: string) => (CHANGING_KINDS as readonly string[]).includes(kind);
