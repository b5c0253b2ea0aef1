// One Pulumi stack operation in its own process. Forked by pulumi-driver.ts, never imported by the server:
// receives a RunnerRequest over IPC, runs it with the Automation API, streams progress back as RunnerMessages,
// answers with one result or one error, and exits. The secrets passphrase arrives in the environment
// (PULUMI_CONFIG_PASSPHRASE) and is never sent back or printed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  LocalWorkspace,
  type EngineEvent,
  type LocalWorkspaceOptions,
  type OpMap,
  type StepEventMetadata,
} from '@pulumi/pulumi/automation/index.js';
import { engineLine, logLine, opParam, type LogLine } from '../job-log.js';
import { driftOf, type ChangeOp, type EventLevel, type ObjectChange } from './driver.js';
import { shortenUrns, tailOf, type RunnerMessage, type RunnerRequest } from './pulumi-driver.js';
import { fileBackendDir, recoverInterruptedOperation } from './stale-lock.js';

function send(msg: RunnerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(msg, undefined, {}, () => resolve());
  });
}

function event(level: EventLevel, line: LogLine): void {
  void send({ type: 'event', level, line });
}

interface ObjectRef {
  kind: string;
  name: string;
  namespace?: string;
}

/** The Kubernetes object a step is about; undefined for the stack, providers and components. */
function objectOf(meta: StepEventMetadata): ObjectRef | undefined {
  if (!meta.type.startsWith('kubernetes:')) return undefined;
  const state = meta.new ?? meta.old;
  if (state?.custom === false) return undefined;
  const kind = meta.type.split(':').at(-1) ?? meta.type;
  const md = (state?.inputs?.metadata ?? state?.outputs?.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  const name = typeof md.name === 'string' ? md.name : (meta.urn.split('::').at(-1) ?? meta.urn);
  return typeof md.namespace === 'string' ? { kind, name, namespace: md.namespace } : { kind, name };
}

const CHANGE_OPS: Partial<Record<string, ChangeOp>> = {
  create: 'create',
  update: 'update',
  replace: 'replace',
  delete: 'delete',
};

/** Collects per-object changes from engine events, and relays them as structured progress. */
class EventCollector {
  readonly changes = new Map<string, ObjectChange>();
  /** the last error diagnostic per resource: what the API server answered (it arrives before the failure event) */
  private readonly reasons = new Map<string, string>();

  handle = (e: EngineEvent): void => {
    if (e.resourcePreEvent) this.step(e.resourcePreEvent.metadata, 'start');
    if (e.resOutputsEvent) this.step(e.resOutputsEvent.metadata, 'done');
    if (e.diagnosticEvent && (e.diagnosticEvent.severity === 'warning' || e.diagnosticEvent.severity === 'error')) {
      const message = e.diagnosticEvent.message.trim();
      if (e.diagnosticEvent.severity === 'error' && e.diagnosticEvent.urn) this.reasons.set(e.diagnosticEvent.urn, shortenUrns(message));
      event('debug', logLine('job.log.engineDiagnostic', undefined, { detail: message, data: { severity: e.diagnosticEvent.severity, urn: e.diagnosticEvent.urn } }));
    }
    if (e.resOpFailedEvent) {
      const meta = e.resOpFailedEvent.metadata;
      const ref = objectOf(meta);
      const reason = this.reasons.get(meta.urn);
      // the job log's error line names the object and carries the API server's own message
      event(
        'error',
        logLine('job.log.objectFailed', { op: opParam(meta.op), object: ref ? `${ref.kind}/${ref.name}` : meta.urn }, { detail: reason, data: { op: meta.op, ...ref, ...(reason ? { reason } : {}) } }),
      );
    }
  };

  private step(meta: StepEventMetadata, phase: 'start' | 'done'): void {
    const ref = objectOf(meta);
    if (!ref) return;
    // the top-level properties that differ; the Kubernetes provider often reports only the detailed diff (paths)
    const detailed = Object.keys(meta.detailedDiff ?? {});
    const fields = meta.diffs?.length ? meta.diffs : detailed.length ? detailed : undefined;
    const op = CHANGE_OPS[meta.op];
    if (op) {
      this.changes.set(meta.urn, { op, ...ref, ...(fields ? { fields } : {}) });
      event('debug', logLine(phase === 'start' ? 'job.log.stepBegin' : 'job.log.stepEnd', { op: opParam(op), object: `${ref.kind}/${ref.name}` }, { data: { phase, op, ...ref } }));
    }
  }
}

/** Splits CLI output chunks into whole lines. */
function lineRelay(): { onOutput: (chunk: string) => void; flush: () => void; all: () => string } {
  let partial = '';
  const kept: string[] = [];
  const emit = (line: string) => {
    if (!line.trim()) return;
    kept.push(line);
    if (kept.length > 400) kept.splice(0, kept.length - 200);
    event('info', engineLine(line));
  };
  return {
    onOutput: (chunk) => {
      const parts = (partial + chunk).split(/\r?\n/);
      partial = parts.pop() ?? '';
      parts.forEach(emit);
    },
    flush: () => {
      emit(partial);
      partial = '';
    },
    all: () => kept.join('\n'),
  };
}

/** The tenant program (and @pulumi/kubernetes with it) is loaded only by the operations that run it. */
async function loadProgram(objects: RunnerRequest['objects']) {
  const { tenantProgram } = await import('../pulumi/tenant-program.js');
  return tenantProgram(objects);
}

const counts = (m: OpMap | undefined): Record<string, number> =>
  Object.fromEntries(Object.entries(m ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number'));

async function run(req: RunnerRequest, signal: AbortSignal): Promise<RunnerMessage> {
  const passphrase = process.env.PULUMI_CONFIG_PASSPHRASE;
  const envVars: Record<string, string> = { PULUMI_SKIP_UPDATE_CHECK: 'true' };
  if (passphrase !== undefined) envVars.PULUMI_CONFIG_PASSPHRASE = passphrase;

  const backendDir = fileBackendDir(req.backendUrl);
  if (backendDir) fs.mkdirSync(backendDir, { recursive: true });
  // our own work directory, removed afterwards (the Automation API would leave one in the temp dir per run)
  // the driver's work directory when it gave one (it removes it even if this process is killed), else our own
  const workDir = req.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'zhengyun-pulumi-'));
  try {
    const wsOpts: LocalWorkspaceOptions = {
      workDir,
      envVars,
      projectSettings: { name: req.projectName, runtime: 'nodejs', backend: { url: req.backendUrl } },
    };
    const existingOnly = req.op === 'refresh';
    event('info', logLine(existingOnly ? 'job.log.stackSelecting' : 'job.log.stackSelectingOrCreating', { stack: req.stack }));
    const stack = existingOnly
      ? // a refresh works on what the stack has, so a stack that does not exist is a 404, not a new stack
        await LocalWorkspace.selectStack({ stackName: req.stack, projectName: req.projectName, program: await loadProgram(req.objects) }, wsOpts)
      : await LocalWorkspace.createOrSelectStack(
          { stackName: req.stack, projectName: req.projectName, program: await loadProgram(req.objects) },
          wsOpts,
        );
    if (req.kubeconfig) await stack.setConfig('kubernetes:kubeconfig', { value: req.kubeconfig });
    await recoverInterruptedOperation(stack, req, event);

    const lines = lineRelay();
    const collector = new EventCollector();
    const common = { onOutput: lines.onOutput, onEvent: collector.handle, signal };
    event('info', logLine('job.log.engineRun', { op: opParam(req.op), stack: req.stack }));
    const changes = () => [...collector.changes.values()];
    switch (req.op) {
      case 'preview': {
        const r = await stack.preview(common);
        lines.flush();
        return { type: 'result', result: { changes: changes(), summary: counts(r.changeSummary), raw: tailOf(r.stdout) } };
      }
      case 'up': {
        // read what runs first, so whatever was changed or deleted behind Pulumi's back is put right too
        const r = await stack.up({ ...common, refresh: true });
        lines.flush();
        return { type: 'result', result: { changes: changes(), summary: counts(r.summary.resourceChanges), raw: tailOf(r.stdout) } };
      }
      case 'refresh': {
        // a preview after reading what runs: what `up` would change back is the drift. Unlike `pulumi refresh`
        // it records nothing, so the drift is reported again at every check until it is repaired.
        const r = await stack.preview({ ...common, refresh: true });
        lines.flush();
        const drift = changes().map(driftOf);
        return { type: 'result', result: { drift, summary: counts(r.changeSummary), raw: tailOf(r.stdout) } };
      }
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** A CommandError's message holds the whole CLI output; keep its head and tail so it stays a sane IPC message. */
function bounded(text: string): string {
  return text.length <= 12_000 ? text : `${text.slice(0, 2000)}\n…\n${text.slice(-10_000)}`;
}

function main(): void {
  if (!process.send) {
    process.stderr.write('pulumi-runner is started by provisioners/drivers/pulumi-driver.ts over IPC, not by hand\n');
    process.exit(2);
  }
  const abort = new AbortController();
  // the driver's timeout (SIGTERM) or the driver's death (disconnect) cancels the Pulumi operation gracefully
  process.once('SIGTERM', () => abort.abort());
  process.once('disconnect', () => abort.abort());

  process.once('message', (req: RunnerRequest) => {
    run(req, abort.signal)
      .catch((err: unknown): RunnerMessage => {
        const e = err as { name?: unknown; message?: unknown };
        return {
          type: 'error',
          error: {
            name: typeof e?.name === 'string' ? e.name : 'Error',
            message: bounded(typeof e?.message === 'string' ? e.message : String(err)),
          },
        };
      })
      .then(send)
      // the Automation API can leave handles open (its language server); this process has done its one job
      .finally(() => process.exit(0));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
