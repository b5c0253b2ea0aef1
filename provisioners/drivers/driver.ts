// What every provisioning driver does: turn a tenant's Kubernetes objects into running resources, one stack
// (one project namespace) at a time. The Pulumi driver and the render driver both implement it, so the job
// worker never knows which one it holds.
import { AppError, ConflictError, NotFoundError } from '../../core/errors.js';
import { driftReason, type DriftReason } from '../drift-reasons.js';
import type { LogLine } from '../job-log.js';
import type { K8sObject } from '../tenant-input.js';

export type EventLevel = 'debug' | 'info' | 'warn' | 'error';

/** Streams progress lines while an operation runs (written to the job's log, shown live in the UI, in the reader's language). */
export type OnEvent = (level: EventLevel, line: LogLine) => void;

export type ChangeOp = 'create' | 'update' | 'replace' | 'delete';

/** One object the operation would change (preview) or did change (up). */
export interface ObjectChange {
  op: ChangeOp;
  kind: string;
  name: string;
  namespace?: string;
  /** the properties that differ, when the driver knows them */
  fields?: string[];
}

export interface DriverPreview {
  changes: ObjectChange[];
  /** the driver's own counts, e.g. { create: 5, same: 2 } */
  summary: Record<string, number>;
  /** the tail of the tool's own output */
  raw?: string;
}

export interface DriverResult {
  changes: ObjectChange[];
  summary: Record<string, number>;
  raw?: string;
}

/** Something that runs differs from what should run (what `up` with the same objects would change back). */
export interface DriftItem extends Partial<Omit<DriftReason, 'reason'>> {
  kind: string;
  name: string;
  namespace?: string;
  /** in English; `code` (absent from items kept before drift had codes) names it in the reader's language */
  reason: string;
}

export interface DriverRefresh {
  drift: DriftItem[];
  summary: Record<string, number>;
  raw?: string;
}

/** How an operation is run: what the job knows about the stack's last operation. */
export interface DriverRunOptions {
  /**
   * The worker that ran this job's last attempt and stopped beating (provisioners/heartbeat.ts), by host and last
   * heartbeat: a lock it left on the stack (on another host, where its pid cannot be checked) may be removed.
   */
  deadWorker?: { host: string; lastBeat: string };
}

export interface ProvisioningDriver {
  readonly name: string;
  /** What `up` would change; changes nothing. */
  preview(stack: string, objects: K8sObject[], onEvent?: OnEvent, opts?: DriverRunOptions): Promise<DriverPreview>;
  /** Makes the stack's resources match `objects` (creates, updates and deletes). */
  up(stack: string, objects: K8sObject[], onEvent?: OnEvent, opts?: DriverRunOptions): Promise<DriverResult>;
  /** Reads back what runs and reports what differs from `objects` (drift); changes nothing, not even the stack's record. */
  refresh(stack: string, objects: K8sObject[], onEvent?: OnEvent, opts?: DriverRunOptions): Promise<DriverRefresh>;
}

// --- Errors. They extend the one vocabulary (core/errors.ts), so the HTTP middleware maps them without
// knowing about drivers. `message` is plain English for logs and job records; `code` is what the API shows.

/** The tool the driver needs is missing or misconfigured; retrying will not help until someone fixes it. */
export class DriverUnavailableError extends AppError {
  readonly status = 503;
  constructor(
    message: string,
    /** what is missing, e.g. "pulumi CLI", "PULUMI_CONFIG_PASSPHRASE" */
    readonly missing: string,
  ) {
    super('DRIVER_UNAVAILABLE', { reason: missing });
    this.message = message;
  }
}

/**
 * Another operation is updating this stack right now (409): Pulumi's own lock (another process, a person with the
 * CLI, or a crashed run that left its lock behind) or a second operation asked of this process. Its code differs
 * from the job-level STACK_BUSY, which names the platform job that holds the tenant.
 */
export class StackBusyError extends ConflictError {
  constructor(
    readonly stackName: string,
    detail?: string,
  ) {
    super('STACK_LOCKED', { stack: stackName });
    this.message = `Stack ${stackName} is being updated by another operation${detail ? `: ${detail}` : ''}`;
  }
}

/** The stack does not exist (404): nothing was ever provisioned for it, or it was removed. */
export class StackNotFoundError extends NotFoundError {
  constructor(readonly stackName: string) {
    super('stack', stackName);
    this.message = `Stack ${stackName} does not exist`;
  }
}

/** The operation ran and failed; `outputTail` holds the last lines the tool printed. */
export class DriverFailedError extends AppError {
  readonly status = 502;
  constructor(
    message: string,
    readonly outputTail: string = '',
  ) {
    super('DRIVER_FAILED');
    this.message = message;
  }
}

/** What a change that `up` would make says about what runs: the drift it would repair. */
export function driftOf(change: ObjectChange): DriftItem {
  const why =
    change.op === 'create'
      ? driftReason('drift.missing')
      : change.op === 'delete'
        ? driftReason('drift.unwanted')
        : driftReason('drift.changed', {}, change.fields?.length ? change.fields.join(', ') : undefined);
  return { kind: change.kind, name: change.name, ...(change.namespace ? { namespace: change.namespace } : {}), ...why };
}

export type DriverError = DriverUnavailableError | StackBusyError | StackNotFoundError | DriverFailedError;

export function isDriverError(err: unknown): err is DriverError {
  return (
    err instanceof DriverUnavailableError ||
    err instanceof StackBusyError ||
    err instanceof StackNotFoundError ||
    err instanceof DriverFailedError
  );
}
