// The IDOR sweep (issue 19, part 10): every route of the OpenAPI document that takes an id in its path, aimed at a
// real object of department A (市教育局) by callers who have no business with it: another department (dept2,
// 市卫健委), a county (盐湖区), the public (no token), and on every write the audit administrator (who reads
// everything and changes nothing) and the security administrator (who changes accounts only: 三员分立). Each must be refused (401, 403 or 404), never served (2xx) and never make the
// server fail (≥ 500). The route list comes from the document, so a route added without an object check is caught
// here the day it is added; the only routes a stranger may use are listed in PUBLIC with the reason.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { fillPath, readDocument, routesOf, type ApiDocument, type SweptRoute } from './support/openapi-routes.js';
import { send } from './support/send.js';
import { Tally } from './support/tally.js';
import { aimAt, buildVictimWorld, type VictimWorld } from './support/victim-world.js';

type Attacker = 'other department' | 'county' | 'anonymous' | 'auditor (writes)' | 'security admin (writes)';
const USER: Record<Attacker, string | undefined> = {
  'other department': 'dept2',
  county: 'county',
  anonymous: undefined,
  'auditor (writes)': 'auditor',
  'security admin (writes)': 'secadmin',
};
/** the classes that only send writes (the roles may read some of these objects, but never change them) */
const WRITES_ONLY: Attacker[] = ['auditor (writes)', 'security admin (writes)'];

/** Routes a stranger to the object may use, by design, with who and why. Everything else must refuse. */
const PUBLIC: Record<string, { who: Attacker[]; why: string }> = {
  'GET /api/orgs/{id}/aliases': {
    who: ['other department', 'county'],
    why: 'organisations, their short names and aliases are the directory every signed-in user reads (defineAbilitiesFor: read Organisation)',
  },
  'POST /api/projects/{id}/validate': {
    who: ['auditor (writes)'],
    why: 'a dry run of the validator on a project the auditor may read: it changes nothing and records nothing',
  },
  'PATCH /api/users/{id}': { who: ['security admin (writes)'], why: 'the security administrator changes accounts’ roles and disables them (三员分立)' },
  'POST /api/users/{id}/unlock': { who: ['security admin (writes)'], why: 'the security administrator unlocks accounts (三员分立)' },
  'POST /api/users/{id}/reset-password': { who: ['security admin (writes)'], why: 'the security administrator resets passwords (三员分立)' },
  'POST /api/notices/{id}/objections': {
    who: ['other department', 'county', 'anonymous', 'auditor (writes)', 'security admin (writes)'],
    why: 'anyone may object to a project on public notice (公示, Art. 13); the objection is recorded with the caller, not an action on the project',
  },
};

let t: TestPlatform;
let doc: ApiDocument;
let world: VictimWorld;
const tally = new Tally('IDOR sweep: routes with an id in the path, aimed at department A’s objects');
const breaches: string[] = [];
const failures: string[] = [];
const unexpected: string[] = [];
const unaimed: string[] = [];
/** refusals other than 401/403/404 that a made-up id gets too: they tell nothing about the object */
const sameAsMadeUp: string[] = [];
let sweepStarted: Date;

beforeAll(async () => {
  t = await startTestPlatform({ ZY_WEBHOOK_ALLOW_PRIVATE: 'false' });
  doc = await readDocument(t);
  world = await buildVictimWorld(t);
}, 240_000);
afterAll(() => t?.stop());

const idRoutes = () => routesOf(doc).filter((r) => r.pathParams.length > 0);

describe('IDOR sweep over every id-taking route of the OpenAPI document', () => {
  it('finds the id-taking routes in the document (the sweep is not empty)', () => {
    const routes = idRoutes();
    expect(routes.length).toBeGreaterThan(100);
    for (const key of Object.keys(PUBLIC)) expect(routes.map((r) => r.key), `PUBLIC lists ${key}, which the document no longer has`).toContain(key);
  });

  it('refuses every stranger on every route: 0 cross-organisation successes, 0 answers ≥ 500', async () => {
    sweepStarted = new Date();
    const attackers = Object.keys(USER) as Attacker[];
    for (const route of idRoutes()) {
      const values = aimAt(world, route.path);
      if (!values) {
        unaimed.push(route.key);
        continue;
      }
      const path = fillPath(route.path, values);
      for (const who of attackers) {
        if (WRITES_ONLY.includes(who) && route.method === 'GET') continue;
        const allowed = PUBLIC[route.key]?.who.includes(who) ?? false;
        const res = await send(t, doc, route, path, { as: USER[who] });
        tally.add({ cls: who, route: route.key, status: res.status, code: res.code });
        const line = `${who} → ${route.method} ${path} (${route.path}): ${res.status} ${res.text}`;
        if (res.status === 0 || res.status >= 500) failures.push(line);
        else if (res.status < 300 && !allowed) breaches.push(line);
        else if (!allowed && !expectedRefusal(route, who, res.status)) {
          // refused for another reason (the body, a date): harmless only if a made-up id gets the very same answer
          const decoy = await send(t, doc, route, fillPath(route.path, madeUp(values)), { as: USER[who] });
          if (decoy.status !== res.status || decoy.code !== res.code) unexpected.push(`${line} — a made-up id gets ${decoy.status} ${decoy.code ?? ''}`);
          else sameAsMadeUp.push(`${route.key} ${res.status} ${res.code ?? ''}`);
        }
      }
    }
    tally.print(
      [
        `id-taking routes: ${idRoutes().length}; allowed by design: ${Object.keys(PUBLIC).join(', ')}`,
        `cross-organisation successes: ${breaches.length}; answers ≥ 500 or none: ${failures.length}; successes on routes allowed by design: ${tally.where((x) => x.status >= 200 && x.status < 300).length - breaches.length}`,
        sameAsMadeUp.length ? `other 4xx, the same for a made-up id (refused before the object was looked at): ${[...new Set(sameAsMadeUp)].join('; ')}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
    expect(unaimed, 'routes the sweep has no object of department A for: add one in test/security/support/victim-world.ts').toEqual([]);
    expect(breaches, 'cross-organisation successes').toEqual([]);
    expect(failures, 'answers ≥ 500 (or no answer)').toEqual([]);
    expect(unexpected, 'refusals other than 401/403/404 that differ for a made-up id (they tell the object exists)').toEqual([]);
  }, 300_000);

  it('changed nothing of department A: no attacker has a successful audit record since the sweep began', async () => {
    expect(sweepStarted).toBeDefined();
    const ids = await t.platform.db.prisma.user.findMany({ where: { username: { in: ['dept2', 'county', 'auditor', 'secadmin'] } }, select: { id: true } });
    const done = await t.platform.db.prisma.auditEvent.findMany({
      where: { at: { gte: sweepStarted }, outcome: 'SUCCESS', actorId: { in: ids.map((u) => u.id) }, action: { notIn: ['auth.login'] } },
      select: { action: true, actorName: true, targetType: true, targetId: true },
    });
    // the allowed exceptions (PUBLIC): objections raised on a notice, the security administrator's account actions
    const allowed = (e: { action: string; actorName: string | null }) => e.action === 'notice.objection' || (e.actorName === 'secadmin' && e.action.startsWith('user.'));
    expect(done.filter((e) => !allowed(e))).toEqual([]);
  });
});

/**
 * 401 for the public on signed-in routes (401, 403 or 404 on public ones); 403 or 404 for a signed-in stranger.
 * Anything else is looked at again with a made-up id (madeUp) before it counts against the route.
 */
function expectedRefusal(route: SweptRoute, who: Attacker, status: number): boolean {
  if (who === 'anonymous') return route.auth ? status === 401 : [401, 403, 404].includes(status);
  return [403, 404].includes(status);
}

/** The same parameters with every id replaced by one that names nothing. */
function madeUp(values: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, typeof v === 'number' ? 2_000_000_000 : /^[0-9a-f-]{36}$/.test(v) ? randomUUID() : v]),
  );
}
