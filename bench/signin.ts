// POST /api/auth/login with the correct password, cycling through the demo accounts (so no throttling: every
// attempt succeeds). argon2id verification is deliberately expensive, so this is reported, not targeted, at a
// modest concurrency (BENCH_SIGNIN_CONNECTIONS, default 10).
import { DEMO_ACCOUNTS } from '../prisma/seed/accounts.js';
import type { Benchmark } from './harness.js';
import { makeRow } from './harness.js';
import { fetchOk, measure } from './http.js';
import { BENCH_PASSWORD, postgresPlatform } from './servers.js';

const LOGIN_PATH = '/api/auth/login';
const JSON_HEADERS = { 'content-type': 'application/json' };

function loginBody(username: string) {
  return JSON.stringify({ username, password: BENCH_PASSWORD });
}

async function signInEach(url: string, usernames: string[]) {
  for (const username of usernames) {
    await fetchOk(url + LOGIN_PATH, { method: 'POST', headers: JSON_HEADERS, body: loginBody(username) });
  }
}

const benchmark: Benchmark = {
  description: 'POST /api/auth/login (argon2id) on PostgreSQL with the demo accounts; reported, no target',
  async prepare(ctx) {
    await postgresPlatform(ctx);
  },
  async run(ctx) {
    const server = await postgresPlatform(ctx);
    const usernames = DEMO_ACCOUNTS.map((a) => a.username);
    const connections = Math.round(Number(process.env.BENCH_SIGNIN_CONNECTIONS ?? 10)) || 10;
    await signInEach(server.url, usernames); // the password is right before we start
    ctx.log(`measuring sign-in (${connections} connections, ${usernames.length} accounts)`);
    const m = await measure(
      {
        url: server.url,
        path: LOGIN_PATH,
        requests: usernames.map((u) => ({ path: LOGIN_PATH, method: 'POST', headers: JSON_HEADERS, body: loginBody(u) })),
        connections,
        serverPid: server.pid,
      },
      ctx.settings,
    );
    const notes: string[] = [];
    try {
      await signInEach(server.url, usernames); // and nobody got locked out on the way
    } catch (err) {
      notes.push(`sign-in after the run failed: ${err instanceof Error ? err.message.slice(0, 200) : String(err)}`);
    }
    const row = makeRow(`POST ${LOGIN_PATH} (postgresql, ${connections} conn)`, m, { notes });
    if (notes.length) row.pass = false;
    return [row];
  },
};
export default benchmark;
