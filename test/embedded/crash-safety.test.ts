// The embedded database survives kill -9 at any moment: during start-up (the very first one included), during
// writes, and during shutdown. Fifty rounds at random points; after each, the next start must succeed and every
// write that was confirmed (answered 201) must be there. The platform runs as `npm start` runs it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process.js';

const ROUNDS = 50;
const PASSWORD = 'Demo-Passw0rd!';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-crash-'));
const env = { DATA_DIR: dataDir, DEMO_PASSWORD: PASSWORD };
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const randomInt = (max: number) => crypto.randomInt(max);

async function signIn(url: string, username = 'dept'): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

function register(url: string, token: string, name: string) {
  return fetch(`${url}/api/migration/systems`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ name, purpose: '崩溃测试', hosting: 'OWN_ROOM', location: '机房', mlpsLevel: 2, os: 'Linux', database: 'PostgreSQL', xinchuang: 'NONE', dataVolumeGb: 1, userCount: 1, dependencies: [] }),
  });
}

/** Registers systems one after another until stopped; names answered 201 go into `confirmed`. */
function writeUntilKilled(url: string, token: string, confirmed: Set<string>, round: number) {
  let stop = false;
  const loop = (async () => {
    for (let i = 0; !stop; i++) {
      const name = `崩溃-${round}-${i}`;
      try {
        const res = await register(url, token, name);
        if (res.status === 201) confirmed.add(name);
        else if (!stop) throw new Error(`registration answered ${res.status}: ${await res.text()}`);
      } catch (err) {
        if (!stop && !(err instanceof TypeError)) throw err; // TypeError: the connection went with the process
        return;
      }
    }
  })();
  return { stopWriting: () => ((stop = true), loop) };
}

async function registeredNames(url: string, token: string): Promise<Set<string>> {
  const names = new Set<string>();
  for (let page = 1; ; page++) {
    const res = await fetch(`${url}/api/migration/systems?pageSize=200&page=${page}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number; items: { name: string }[] };
    for (const s of body.items) names.add(s.name);
    if (page * 200 >= body.total) return names;
  }
}

describe('the embedded database under kill -9', () => {
  it(`keeps every confirmed write through ${ROUNDS} kills at random moments of start-up, writing and shutdown`, { timeout: 900_000 }, async () => {
    const confirmed = new Set<string>();
    const phases: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const phase = (['start-up', 'writing', 'shutdown'] as const)[round % 3]!;
      phases.push(phase);
      server = startServer(env);
      if (phase === 'start-up') {
        // anywhere from the first instant to just after it listens (round 0: during the very first initialisation)
        await Promise.race([sleep(randomInt(round === 0 ? 2500 : 6000)), server.listening.catch(() => undefined)]);
        await server.kill('SIGKILL');
        continue;
      }
      const url = await server.listening;
      const token = await signIn(url);
      const writer = writeUntilKilled(url, token, confirmed, round);
      await sleep(100 + randomInt(900));
      if (phase === 'writing') {
        await server.kill('SIGKILL');
        await writer.stopWriting();
      } else {
        await writer.stopWriting();
        server.child.kill('SIGTERM');
        await Promise.race([sleep(randomInt(400)), server.exited]);
        await server.kill('SIGKILL');
      }
    }
    // the folder still starts, and everything confirmed is there
    server = startServer(env);
    const url = await server.listening;
    const names = await registeredNames(url, await signIn(url));
    const lost = [...confirmed].filter((n) => !names.has(n));
    expect(confirmed.size).toBeGreaterThan(ROUNDS); // the rounds did write
    expect(lost, `lost after ${phases.join(', ')}`).toEqual([]);
    // and the audit trail written alongside them is an unbroken chain
    const audit = await fetch(`${url}/api/audit/verify`, { method: 'POST', headers: { authorization: `Bearer ${await signIn(url, 'auditor')}` } });
    expect(await audit.json()).toMatchObject({ valid: true });
    await server.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });
});
