// The production driver: Pulumi's Automation API, one stack per project namespace.
//
// Every operation runs in its own child process (pulumi-runner.ts). The Automation API allows one inline-program
// update per Node process and its workspace setup is not safe to run in parallel (pulumi/pulumi#5449, #8186,
// #10523), so the API server and the job worker never load it themselves: they fork a runner, hand it the
// operation over IPC, relay its progress lines and map its failure to the driver error vocabulary.
//
// This module deliberately does not import `@pulumi/pulumi`: errors are recognised by their `name` (the
// Automation API sets it on each class), so they can cross the process boundary as plain JSON.
import { execFile, fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InvalidInputError } from '../../core/errors.js';
import { logLine, opParam, type LogLine } from '../job-log.js';
import type { K8sObject } from '../tenant-input.js';
import {
  DriverFailedError,
  DriverUnavailableError,
  StackBusyError,
  StackNotFoundError,
  isDriverError,
  type DriverError,
  type DriverPreview,
  type DriverRefresh,
  type DriverResult,
  type EventLevel,
  type OnEvent,
  type ProvisioningDriver,
  type DriverRunOptions,
} from './driver.js';

export const PULUMI_PROJECT_NAME = 'zhengyun-tenants';

const INSTALL_HINT =
  'Install it with `curl -fsSL https://get.pulumi.com | sh` (see https://www.pulumi.com/docs/install/), put it on the PATH ' +
  'of the server and the worker, and add the Kubernetes provider with `pulumi plugin install resource kubernetes`; ' +
  'or run with the render driver, which writes the same objects as YAML';

export const PULUMI_CLI_MISSING = `The pulumi CLI is not installed (no \`pulumi\` on the PATH). ${INSTALL_HINT}.`;

/** The default state backend: a directory under DATA_DIR. Any Pulumi backend URL can be configured instead. */
export function defaultBackendUrl(dataDir: string): string {
  return `file://${path.resolve(dataDir, 'pulumi-state')}`;
}

// --- The IPC protocol between the driver and pulumi-runner.ts (JSON over the fork channel).

export type RunnerOp = 'preview' | 'up' | 'refresh';

export interface RunnerRequest {
  type: 'run';
  op: RunnerOp;
  stack: string;
  objects: K8sObject[];
  projectName: string;
  backendUrl: string;
  /** path of the kubeconfig of the target cluster; the provider's default when absent */
  kubeconfig?: string;
  /** the Automation API's work directory, made and removed by the driver (so a killed runner leaves none behind) */
  workDir?: string;
  /** the worker of the job's last attempt, which stopped beating: a lock it left on another host may be removed */
  deadWorker?: DriverRunOptions['deadWorker'];
}

export interface RunnerFailure {
  name: string;
  message: string;
}

export type RunnerMessage =
  | { type: 'event'; level: EventLevel; line: LogLine }
  | { type: 'result'; result: DriverPreview | DriverResult | DriverRefresh }
  | { type: 'error'; error: RunnerFailure };

// --- Error mapping.

const CONFLICT_TEXTS = ['[409] Conflict: Another update is currently in progress', 'the stack is currently locked by'];

/** The last `maxLines` non-empty lines of `text`, at most `maxChars` characters. */
export function tailOf(text: string, maxLines = 40, maxChars = 4000): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const tail = lines.slice(-maxLines).join('\n');
  return tail.length > maxChars ? tail.slice(tail.length - maxChars) : tail;
}

/** A resource's URN shortened to its logical name (namespace/kind/name), which is what an operator recognises. */
export function shortenUrns(text: string): string {
  return text.replace(/urn:pulumi:[^"\s]*::([^"\s:]+)/g, '$1');
}

/** Pulumi's closing line for the stack as a whole; it says that something failed, not what. */
const GENERIC_ERROR = /^error: (update|preview|refresh|destroy) failed$/i;
const HEADLINE_MAX = 600;

/**
 * The line that says what went wrong: Pulumi's last `error:` line about a resource (the order of its diagnostics
 * varies from run to run, and the stack's own "error: update failed" says nothing), URNs shortened, so that the
 * object and the API server's message fit; else the generic error line, else the first line of the message.
 */
function headline(message: string): string {
  const lines = message.split(/\r?\n/).map((l) => l.trim().replace(/^stderr:\s*/, '')).filter(Boolean);
  const errorLines = lines.filter((l) => /^error:/i.test(l)).reverse();
  const errorLine = errorLines.find((l) => !GENERIC_ERROR.test(l)) ?? errorLines[0];
  const line = shortenUrns(errorLine ?? lines.find((l) => !/^code: /.test(l)) ?? 'unknown error');
  return line.length > HEADLINE_MAX ? `${line.slice(0, HEADLINE_MAX)}…` : line;
}

/**
 * Turns whatever the Automation API (or the runner) threw into the driver vocabulary. Accepts a real error or its
 * JSON form ({ name, message }) as sent over IPC.
 */
export function mapAutomationError(
  err: unknown,
  ctx: { stack: string; op?: RunnerOp | string; tail?: string } = { stack: '?' },
): DriverError {
  if (isDriverError(err)) return err;
  const name = typeof (err as { name?: unknown })?.name === 'string' ? (err as { name: string }).name : '';
  const message =
    typeof (err as { message?: unknown })?.message === 'string' ? (err as { message: string }).message : String(err);
  const tail = ctx.tail ?? tailOf(message);

  // The CLI itself: missing, or too old for this SDK.
  if (/spawn\s+\S*pulumi\S*\s+ENOENT/.test(message) || /Command failed with ENOENT:\s*\S*pulumi/.test(message)) {
    return new DriverUnavailableError(PULUMI_CLI_MISSING, 'pulumi CLI');
  }
  if (/Minimum version requirement failed|Major version mismatch|Failed to parse Pulumi CLI version/.test(message)) {
    return new DriverUnavailableError(`The installed pulumi CLI does not fit @pulumi/pulumi: ${headline(message)}`, 'pulumi CLI version');
  }
  if (name === 'ConcurrentUpdateError' || CONFLICT_TEXTS.some((t) => message.includes(t))) {
    // who holds it, as Pulumi's file backend says ("created by user@host (pid N) at time"): an operator needs it
    const holders = [...message.matchAll(/created by (\S+ \(pid \d+\) at \S+)/g)].map((m) => m[1]);
    return new StackBusyError(ctx.stack, `${headline(message)}${holders.length ? ` Held by ${holders.join('; ')}.` : ''}`);
  }
  if (name === 'StackNotFoundError' || /no stack named.*found/.test(message)) {
    return new StackNotFoundError(ctx.stack);
  }
  // Misconfiguration: plugin, secrets passphrase, backend login, kubeconfig.
  if (/no resource plugin '?(pulumi-resource-)?kubernetes|could not (find|load) plugin.*kubernetes|failed to (download|install) plugin/i.test(message)) {
    return new DriverUnavailableError(
      'The Pulumi Kubernetes provider plugin is not installed. Install it with `pulumi plugin install resource kubernetes ' +
        '<version of @pulumi/kubernetes>` on a machine that can reach get.pulumi.com, or copy ~/.pulumi/plugins over.',
      'pulumi-resource-kubernetes plugin',
    );
  }
  if (/passphrase must be set|incorrect passphrase|PULUMI_CONFIG_PASSPHRASE/i.test(message)) {
    return new DriverUnavailableError(
      'The state backend needs the secrets passphrase: set it in the driver configuration (passed to Pulumi as ' +
        'PULUMI_CONFIG_PASSPHRASE), the same one every time the stack is used.',
      'PULUMI_CONFIG_PASSPHRASE',
    );
  }
  if (/PULUMI_ACCESS_TOKEN|problem logging in|failed to log ?in|invalid access token/i.test(message)) {
    return new DriverUnavailableError(
      `Could not log in to the Pulumi state backend: ${headline(message)}. Check the backend URL and its credentials.`,
      'Pulumi backend login',
    );
  }
  if (/(unable to load|invalid|failed to parse|could not read) kubeconfig/i.test(message)) {
    return new DriverUnavailableError(`The kubeconfig of the target cluster cannot be used: ${headline(message)}`, 'kubeconfig');
  }
  return new DriverFailedError(`pulumi ${ctx.op ?? 'operation'} of stack ${ctx.stack} failed: ${headline(message)}`, tail);
}

// --- CLI check for the start-up warning.

export interface PulumiCliStatus {
  available: boolean;
  version?: string;
  reason?: string;
}

export function checkPulumiCli(opts: { command?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<PulumiCliStatus> {
  const command = opts.command ?? 'pulumi';
  const timeout = opts.timeoutMs ?? 5000;
  return new Promise((resolve) => {
    execFile(
      command,
      ['version'],
      { timeout, env: { ...process.env, ...opts.env, PULUMI_SKIP_UPDATE_CHECK: 'true' } },
      (err, stdout, stderr) => {
        if (!err) return resolve({ available: true, version: String(stdout).trim() });
        const e = err as NodeJS.ErrnoException & { killed?: boolean };
        if (e.code === 'ENOENT') return resolve({ available: false, reason: PULUMI_CLI_MISSING });
        if (e.killed) return resolve({ available: false, reason: `\`${command} version\` did not answer within ${timeout} ms` });
        resolve({ available: false, reason: `\`${command} version\` failed: ${tailOf(String(stderr) || e.message, 3, 300)}` });
      },
    );
  });
}

// --- The driver.

export interface PulumiDriverOptions {
  /** DATA_DIR; the default file backend lives in <dataDir>/pulumi-state (./data when neither is given) */
  dataDir?: string;
  /** any Pulumi backend URL (file://, s3://, postgres://, https://api.pulumi.com …); default file://<dataDir>/pulumi-state */
  backendUrl?: string;
  /** secrets passphrase for self-managed backends; handed to Pulumi as PULUMI_CONFIG_PASSPHRASE, never logged */
  passphrase?: string;
  /** kubeconfig path of the target cluster, or one per stack */
  kubeconfig?: string | ((stack: string) => string | undefined);
  /** more environment for the runner (e.g. PULUMI_ACCESS_TOKEN, object-store credentials) */
  env?: Record<string, string>;
  /** an operation taking longer is cancelled; default 30 minutes */
  timeoutMs?: number;
  /** what to fork instead of pulumi-runner (tests) */
  runner?: { file: string; execArgv?: string[] };
}

const STACK_NAME = /^[a-z0-9]([a-z0-9._-]{0,98}[a-z0-9])?$/i;
const TAIL_LINES = 60;
/** Stacks with an operation in flight in this process; Pulumi's own lock covers other processes. */
const inFlight = new Set<string>();

/** The runner that matches how we run: pulumi-runner.ts through tsx from source, pulumi-runner.js from dist/. */
export function defaultRunner(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  const file = path.join(path.dirname(here), fromSource ? 'pulumi-runner.ts' : 'pulumi-runner.js');
  if (!fromSource) return { file, execArgv: [] };
  let loader: string;
  try {
    loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  } catch {
    throw new DriverUnavailableError(
      'Running from source needs tsx to start the Pulumi runner (npm install); or build with `npm run build` and run dist/.',
      'tsx',
    );
  }
  return { file, execArgv: ['--import', loader] };
}

export class PulumiDriver implements ProvisioningDriver {
  readonly name = 'pulumi';
  readonly backendUrl: string;

  constructor(private readonly opts: PulumiDriverOptions) {
    this.backendUrl = opts.backendUrl ?? defaultBackendUrl(opts.dataDir ?? 'data');
  }

  preview(stack: string, objects: K8sObject[], onEvent?: OnEvent, opts?: DriverRunOptions): Promise<DriverPreview> {
    return this.run('preview', stack, objects, onEvent, opts) as Promise<DriverPreview>;
  }

  up(stack: string, objects: K8sObject[], onEvent?: OnEvent, opts?: DriverRunOptions): Promise<DriverResult> {
    return this.run('up', stack, objects, onEvent, opts) as Promise<DriverResult>;
  }

  refresh(stack: string, objects: K8sObject[], onEvent?: OnEvent, opts?: DriverRunOptions): Promise<DriverRefresh> {
    return this.run('refresh', stack, objects, onEvent, opts) as Promise<DriverRefresh>;
  }

  private async run(
    op: RunnerOp,
    stack: string,
    objects: K8sObject[],
    onEvent?: OnEvent,
    runOpts: DriverRunOptions = {},
  ): Promise<DriverPreview | DriverResult | DriverRefresh> {
    if (!STACK_NAME.test(stack)) throw new InvalidInputError([{ path: 'stack', code: 'field.invalid' }]);
    const selfManaged = !/^https?:\/\//.test(this.backendUrl);
    if (selfManaged && !this.opts.passphrase) {
      throw new DriverUnavailableError(
        `The Pulumi state backend ${this.backendUrl} keeps stack secrets encrypted with a passphrase, and none is ` +
          'configured (it is handed to Pulumi as PULUMI_CONFIG_PASSPHRASE).',
        'PULUMI_CONFIG_PASSPHRASE',
      );
    }
    const key = `${this.backendUrl}#${stack}`;
    if (inFlight.has(key)) throw new StackBusyError(stack, `a ${op} was asked for while another operation runs`);
    inFlight.add(key);
    try {
      return await this.fork(op, stack, objects, onEvent, runOpts);
    } finally {
      inFlight.delete(key);
    }
  }

  private fork(
    op: RunnerOp,
    stack: string,
    objects: K8sObject[],
    onEvent: OnEvent | undefined,
    runOpts: DriverRunOptions,
  ): Promise<DriverPreview | DriverResult | DriverRefresh> {
    const runner = this.opts.runner ?? defaultRunner();
    const passphrase = this.opts.passphrase;
    // Pulumi never prints the passphrase; this guards against a program that would. (Too short a value would
    // mangle every line, and is no secret worth the name.)
    const redact = (s: string) => (passphrase && passphrase.length >= 6 ? s.split(passphrase).join('[redacted]') : s);
    const kubeconfig =
      typeof this.opts.kubeconfig === 'function' ? this.opts.kubeconfig(stack) : this.opts.kubeconfig;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...this.opts.env,
      PULUMI_SKIP_UPDATE_CHECK: 'true',
      PULUMI_CONFIG_PASSPHRASE: passphrase,
    };
    if (passphrase === undefined) delete env.PULUMI_CONFIG_PASSPHRASE;
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhengyun-pulumi-'));
    const request: RunnerRequest = {
      type: 'run',
      workDir,
      op,
      stack,
      objects,
      projectName: PULUMI_PROJECT_NAME,
      backendUrl: this.backendUrl,
      ...(kubeconfig ? { kubeconfig } : {}),
      ...(runOpts.deadWorker ? { deadWorker: runOpts.deadWorker } : {}),
    };

    return new Promise((resolve, reject) => {
      const lines: string[] = [];
      const remember = (text: string) => {
        for (const l of text.split(/\r?\n/)) if (l.trim()) lines.push(redact(l));
        if (lines.length > TAIL_LINES * 2) lines.splice(0, lines.length - TAIL_LINES);
      };
      const tail = () => tailOf(lines.join('\n'), TAIL_LINES, 6000);
      const relay = (level: EventLevel, line: LogLine) => {
        const params = line.params && Object.fromEntries(Object.entries(line.params).map(([k, v]) => [k, typeof v === 'string' ? redact(v) : v]));
        try {
          onEvent?.(level, { ...line, ...(params ? { params } : {}), ...(line.detail !== undefined ? { detail: redact(line.detail) } : {}) });
        } catch {
          // a failing listener must not break the operation
        }
      };

      let outcome: { ok: true; value: DriverPreview | DriverResult | DriverRefresh } | { ok: false; error: DriverError } | undefined;
      let timedOut = false;
      let child: ChildProcess;
      try {
        child = fork(runner.file, [], {
          execArgv: runner.execArgv ?? [],
          env,
          stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
          serialization: 'json',
        });
      } catch (err) {
        fs.rmSync(workDir, { recursive: true, force: true });
        reject(new DriverFailedError(`could not start the Pulumi runner: ${(err as Error).message}`));
        return;
      }

      child.stdout?.setEncoding('utf8').on('data', (d: string) => remember(d));
      child.stderr?.setEncoding('utf8').on('data', (d: string) => remember(d));
      child.on('message', (raw: RunnerMessage) => {
        if (raw?.type === 'event') {
          // the engine's own words make the tail kept with a failure
          if (raw.level !== 'debug' && raw.line.detail) remember(raw.line.detail);
          relay(raw.level, raw.line);
        } else if (raw?.type === 'result') {
          outcome = { ok: true, value: raw.result };
        } else if (raw?.type === 'error') {
          remember(raw.error.message);
          outcome = { ok: false, error: mapAutomationError(raw.error, { stack, op, tail: tail() }) };
        }
      });

      const timer = setTimeout(() => {
        timedOut = true;
        relay('error', logLine('job.log.engineTimeout', { op: opParam(op), stack, ms: this.timeoutMs }));
        child.kill('SIGTERM'); // the runner cancels the Pulumi operation gracefully (SIGINT to the CLI)
        setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), 60_000).unref();
      }, this.timeoutMs);
      timer.unref();

      let settled = false;
      const settle = (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fs.rmSync(workDir, { recursive: true, force: true });
        if (timedOut) {
          reject(new DriverFailedError(`pulumi ${op} of stack ${stack} timed out after ${this.timeoutMs} ms`, tail()));
        } else if (outcome?.ok) {
          resolve(outcome.value);
        } else if (outcome) {
          reject(outcome.error);
        } else if (spawnError) {
          reject(new DriverFailedError(`could not start the Pulumi runner: ${spawnError.message}`, tail()));
        } else {
          const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
          reject(new DriverFailedError(`the Pulumi runner for ${op} of stack ${stack} ${how} without an answer`, tail()));
        }
      };
      child.on('error', (err) => settle(null, null, err));
      child.on('close', (code, signal) => settle(code, signal));

      child.send(request, (err) => {
        if (err) remember(`could not hand the operation to the runner: ${err.message}`);
      });
    });
  }

  private get timeoutMs(): number {
    return this.opts.timeoutMs ?? 30 * 60_000;
  }
}

export function createPulumiDriver(opts: PulumiDriverOptions): PulumiDriver {
  return new PulumiDriver(opts);
}
