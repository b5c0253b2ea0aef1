// Running the go command for engines/build.ts: output captured, a readable failure naming module@version.
import { spawn } from 'node:child_process';
import { goCommand } from './paths.js';

/** The environment for every go invocation: never download a toolchain, never touch go.mod, static binaries. */
export function goEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=readonly', CGO_ENABLED: '0' };
}

export interface GoResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runGo(args: string[], cwd: string): Promise<GoResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(goCommand(), args, { cwd, env: goEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

const FETCH_ERROR = /reading https?:\/\/|404 Not Found|403 Forbidden|410 Gone|not available|verifying .*: checksum mismatch|missing go\.sum entry|unknown revision|no matching versions|dial tcp|i\/o timeout/i;

/** Explains a failed `go build` of `upstream`: fetching or compiling, and which module@version go complained about. */
export function explainFailure(upstream: string, stderr: string): string {
  const lines = stderr.trim().split('\n');
  const fetching = FETCH_ERROR.test(stderr);
  const culprit = stderr.match(/([A-Za-z0-9.\-_~/]+@v[0-9][A-Za-z0-9.\-+]*)/)?.[1];
  const what = fetching ? 'could not be fetched' : 'could not be built';
  const named = culprit && culprit !== upstream ? ` (go names ${culprit})` : '';
  return `${upstream} ${what}${named}:\n  ${lines.slice(-15).join('\n  ')}`;
}
