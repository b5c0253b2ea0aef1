// The scheduled reminder sweep (notifications/reminder-sweep.ts) over 5,000 open deadlines, timed in this process
// against the platform's scratch PostgreSQL database (the platform child runs with ZY_REMINDER_CRON=off so that its
// own schedule does not sweep meanwhile). The database holds the review-queue benchmark's 5,000 projects of the 5
// demo departments and 13 demo counties (bench/review-queue.ts), two more people in each of those organisations,
// and one open rectification deadline per project, due so that on the sweep's day (Wednesday 2026-11-18) every
// deadline is due for a step, a fifth each: BEFORE_3 (due Mon 11-23), BEFORE_1 (Thu 11-19), DUE_TODAY, OVERDUE
// (due Mon 11-16) and ESCALATED (due Tue 11-10: 6 working days overdue, so the city's GIA is told too). Two rows,
// no target:
//   - the first sweep, every step due: deadlines/s, and the sweep's time as p50/p99 (one sweep);
//   - the next sweeps of the same day, nothing new (the morning run's catch-up): 5 sweeps, p50/p99 of their times.
// Before the sweeps, on the same platform and data, the to-do centre (GET /api/todo, the first page) at
// BENCH_TODO_CONNECTIONS (default 50) connections, as the city's GIA (every unit's overdue deadlines to supervise,
// and the projects waiting for its review) and as a department (its unit's open deadlines), each in interleaved
// slices with GET /api/auth/me (issue 20: ≥ 70% of it) and open-loop at 1,000 req/s (p99 ≤ 25 ms).
import os from 'node:os';
import pg from 'pg';
import type { LocalDate } from '../core/calendar/working-days.js';
import { loadConfig } from '../core/config.js';
import { bindAuditKeys, newAuditKey } from '../core/audit/keys.js';
import { openDatabase } from '../core/db/database.js';
import { createReminderSweep, type SweepResult } from '../notifications/reminder-sweep.js';
import type { BenchContext, Benchmark, Row } from './harness.js';
import { makeRow } from './harness.js';
import { CpuWindow, fmt, inProcessMeasurement } from './in-process.js';
import { BROWSER_HEADERS, fetchOk } from './http.js';
import { openLoopRow, versusAuthMe } from './read-rows.js';
import { SEED_SQL as PROJECTS_SQL, signIn } from './review-queue.js';
import { dedicatedPostgresPlatform, type ChildServer } from './servers.js';

const DEADLINES = 5000;
const DAY: LocalDate = '2026-11-18';
const REPEATS = 5;

const SEED_SQL = `
INSERT INTO app_user (id, username, "displayName", role, "orgId", "passwordHash", "updatedAt")
SELECT gen_random_uuid(), 'bench-' || lower(o.code) || '-' || n, o.name || '联络员' || n,
  (CASE WHEN o.kind = 'COUNTY' THEN 'COUNTY_USER' ELSE 'DEPT_USER' END)::"Role", o.id, 'not-a-password-hash', now()
FROM organisation o, generate_series(1, 2) n WHERE o.kind IN ('DEPARTMENT', 'COUNTY');
INSERT INTO deadline (id, "projectId", "orgId", "ruleCode", "workingDays", article, "startDate", "dueDate", title)
SELECT gen_random_uuid(), p.id, p."orgId", 'RECTIFICATION_REPORT', 10, '第二十四条', '2026-10-27',
  (ARRAY['2026-11-23', '2026-11-19', '2026-11-18', '2026-11-16', '2026-11-10'])[1 + (row_number() OVER (ORDER BY p.code))::int % 5],
  '整改结果报送：资源使用率偏低（' || p.code || '）'
FROM project p;
ANALYZE;
`;

interface Setup {
  server: ChildServer;
  databaseUrl: string;
  counts: { deadlines: number; users: number };
}

function setup(ctx: BenchContext): Promise<Setup> {
  return ctx.shared('reminder-sweep:setup', async () => {
    const { server, databaseUrl } = await dedicatedPostgresPlatform(ctx, 'reminder-sweep', { ZY_REMINDER_CRON: 'off' });
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const started = performance.now();
      await client.query(PROJECTS_SQL);
      await client.query(SEED_SQL);
      const { rows } = await client.query<Setup['counts']>(`SELECT (SELECT count(*) FROM deadline WHERE "metAt" IS NULL)::int AS deadlines, (SELECT count(*) FROM app_user)::int AS users`);
      const counts = rows[0]!;
      ctx.log(`reminder-sweep: seeded ${JSON.stringify(counts)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      if (counts.deadlines !== DEADLINES) throw new Error(`unexpected seed: ${JSON.stringify(counts)}`);
      return { server, databaseUrl, counts };
    } finally {
      await client.end();
    }
  });
}

/** GET /api/todo as the city's GIA and as a department, on the platform with the 5,000 open deadlines. */
async function todoRows(ctx: BenchContext, server: ChildServer): Promise<Row[]> {
  const connections = Math.round(Number(process.env.BENCH_TODO_CONNECTIONS ?? 50)) || 50;
  const rows: Row[] = [];
  for (const user of ['gia', 'dept']) {
    const headers = { ...BROWSER_HEADERS, authorization: `Bearer ${await signIn(server.url, user)}` };
    // checked once before loading it: the deadlines are there
    const res = await fetchOk(server.url + '/api/todo', { headers });
    const bytes = Number(res.headers.get('content-length') ?? 0);
    const body = (await res.json()) as { total: number; items: unknown[]; counts: Record<string, number> };
    const deadlines = (body.counts.deadline ?? 0) + (body.counts.overdueDeadline ?? 0);
    if (!deadlines || !body.items.length) throw new Error(`unexpected to-do of ${user}: ${JSON.stringify(body).slice(0, 300)}`);
    const notes = [`${fmt(DEADLINES)} open deadlines; ${user}'s to-do: ${fmt(body.total)} items (${Object.entries(body.counts).map(([k, n]) => `${k} ${fmt(n)}`).join(', ')}); first page ${body.items.length} items, ${fmt(bytes)} bytes`];
    rows.push(...(await versusAuthMe(ctx, server, user, '/api/todo', headers, connections, notes)));
    rows.push(await openLoopRow(ctx, server, user, '/api/todo', headers, notes));
  }
  return rows;
}

const benchmark: Benchmark = {
  description: `the reminder sweep (notifications/reminder-sweep.ts) over ${fmt(DEADLINES)} open deadlines on scratch PostgreSQL: every step due, then the same day again with nothing new; and GET /api/todo at 50 connections over them (≥ 70% of /api/auth/me; p99 ≤ 25 ms at 1,000 req/s open loop)`,
  async prepare(ctx) {
    await setup(ctx);
  },
  async run(ctx) {
    const { server, databaseUrl, counts } = await setup(ctx);
    const rows: Row[] = await todoRows(ctx, server);
    const db = await openDatabase({ databaseUrl, dataDir: os.tmpdir() });
    bindRunKey(); // what this process records is hashed with a key of this run (core/audit/keys.ts)
    try {
      const sweep = createReminderSweep({ db, settings: loadConfig({}).reminders, today: () => DAY });

      ctx.log(`sweeping ${fmt(DEADLINES)} deadlines, every step due`);
      const win = new CpuWindow();
      const t0 = performance.now();
      const first = await sweep.run();
      const ms = performance.now() - t0;
      const w = win.close();
      if (first.steps !== DEADLINES) throw new Error(`the first sweep took ${first.steps} steps, expected ${DEADLINES}: ${JSON.stringify(first)}`);
      const n = await db.prisma.notification.count();
      const m = inProcessMeasurement([ms], w, { operations: DEADLINES, seconds: ms / 1000 });
      rows.push(
        makeRow(`reminder sweep: ${fmt(DEADLINES)} open deadlines, every step due`, m, {
          notes: [
            `req/s = deadlines/s; p50/p99 = the sweep: ${(ms / 1000).toFixed(2)} s for ${fmt(first.steps)} steps and ${fmt(first.notifications)} notifications (${fmt(n)} in the table; ${counts.users} users), ${((ms * 1000) / DEADLINES).toFixed(0)} µs per deadline`,
            `batches of 200 deadlines, one transaction each; this process ${m.loaderCpu.toFixed(0)}% of a core, PostgreSQL and everything else ${m.otherCpu === null ? '?' : m.otherCpu.toFixed(0) + '%'}`,
          ],
        }),
      );

      ctx.log(`sweeping the same day ${REPEATS} more times (nothing new)`);
      const times: number[] = [];
      const again: SweepResult[] = [];
      const win2 = new CpuWindow();
      for (let i = 0; i < REPEATS; i++) {
        const t = performance.now();
        again.push(await sweep.run());
        times.push(performance.now() - t);
      }
      const w2 = win2.close();
      if (again.some((r) => r.steps || r.notifications)) throw new Error(`a repeated sweep sent something: ${JSON.stringify(again)}`);
      const m2 = inProcessMeasurement(times, w2, { operations: DEADLINES * REPEATS });
      rows.push(
        makeRow(`reminder sweep: ${fmt(DEADLINES)} open deadlines, nothing new (same day)`, m2, {
          notes: [`req/s = deadlines/s; p50/p99 over ${REPEATS} sweeps: ${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s; 0 steps, 0 notifications each`],
        }),
      );
      return rows;
    } finally {
      await db.close();
    }
  },
};
export default benchmark;

function bindRunKey() {
  const { id, key } = newAuditKey();
  bindAuditKeys({ currentId: id, keys: new Map([[id, key]]) });
}
