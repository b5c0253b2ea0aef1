// The migration machine (migration/workflow.ts) as the runner enforces it: actions taken through the API on real
// systems, each brought to its state by the factories (test/support/migration-factories.ts). What the table allows
// moves a system to the table's state; what it does not is refused with 409 INVALID_TRANSITION naming the action's
// article and changes nothing; a caller without the ability gets 403; every transition needs a current If-Match
// (428 without, 412 when stale). The whole journey with its side effects: test/api/migration-workflow.test.ts.
import { describe, expect, it } from 'vitest';
import { ASSESSMENT, createWave, registerSystem, systemIn, type Sys } from '../test/support/migration-factories.js';
import { requestIn } from '../test/support/request-factories.js';
import { useScene } from '../test/support/scene.js';
import { MIGRATION_MACHINE, MIGRATION_STATES, MIGRATION_TRANSITION_ACTIONS, type MigrationState, type MigrationTransitionAction } from './workflow.js';

const scene = useScene({ WORKER_CONCURRENCY: '1' });
const { actions } = MIGRATION_MACHINE;

/** A body each transition accepts (so that a refusal can only be the state's). */
async function bodyFor(action: MigrationTransitionAction): Promise<object> {
  switch (action) {
    case 'assess':
      return ASSESSMENT;
    case 'plan':
      return { waveId: (await createWave(scene)).id };
    case 'verify':
      return { projectId: '00000000-0000-4000-8000-000000000000' };
    case 'block':
      return { reason: '受阻' };
    default:
      return {};
  }
}

const read = async (s: Sys) => (await scene.as('bdc').get(`/api/migration/systems/${s.id}`)).body;

/** Every transition the table does not allow from the system's state is refused by the runner, changing nothing. */
async function refusesAllBut(s: Sys, state: MigrationState) {
  const before = await scene.as('bdc').get(`/api/migration/systems/${s.id}`);
  expect(before.body.status).toBe(state);
  const refused = MIGRATION_TRANSITION_ACTIONS.filter((a) => !(actions[a].from as readonly string[]).includes(state));
  for (const action of refused) {
    const res = await s.act(action, await bodyFor(action));
    expect([res.status, res.body.code, res.body.article], `${action} from ${state}`).toEqual([409, 'INVALID_TRANSITION', actions[action].article]);
    expect(actions[action].article, action).toMatch(/^第.+条$/);
  }
  const after = await scene.as('bdc').get(`/api/migration/systems/${s.id}`);
  expect([after.body.status, after.etag]).toEqual([state, before.etag]);
  return refused;
}

describe('the migration machine, through the runner', () => {
  it('walks a system from registration to decommissioning along the happy path, each step to the table’s state', async () => {
    const s = await registerSystem(scene);
    expect(s.body.status).toBe('REGISTERED');
    const wave = await createWave(scene);
    const req = await requestIn(scene, 'PROVISIONED');
    const bodies: Record<string, object> = { assess: ASSESSMENT, plan: { waveId: wave.id }, verify: { projectId: req.projectId } };
    let state: string = 'REGISTERED';
    for (const a of ['assess', 'plan', 'start', 'cut-over', 'verify', 'decommission'] as const) {
      expect(actions[a].from as readonly string[], `${a} from ${state}`).toContain(state);
      const res = await s.act(a, bodies[a] ?? {});
      expect(res.status, `${a}: ${res.text}`).toBe(200);
      expect(actions[a].to).toHaveLength(1);
      expect(res.body.status, a).toBe(actions[a].to[0]);
      state = res.body.status;
    }
    expect(state).toBe('DECOMMISSIONED');
    expect((await read(s)).status).toBe('DECOMMISSIONED');
  }, 90_000);

  it('a decommissioned system is final: every action is refused with its article, and its entry can no longer be changed or withdrawn', async () => {
    const s = await registerSystem(scene);
    expect((await s.act('assess', { strategy: 'RETIRE', effort: 'LOW', risk: 'LOW' })).status).toBe(200);
    expect((await s.act('decommission', { note: '功能已并入门户' })).status).toBe(200);
    const refused = await refusesAllBut(s, 'DECOMMISSIONED');
    expect([...refused].sort()).toEqual([...MIGRATION_TRANSITION_ACTIONS].sort());
    const patched = await s.patch({ userCount: 1 }, 'dept');
    expect([patched.status, patched.body.code, patched.body.article]).toEqual([409, 'INVALID_TRANSITION', actions.update.article]);
    const withdrawn = await scene.as('dept').delete(`/api/migration/systems/${s.id}`, s.etag);
    expect([withdrawn.status, withdrawn.body.code, withdrawn.body.article]).toEqual([409, 'INVALID_TRANSITION', actions.withdraw.article]);
  });

  it('refuses, in a registered system, every transition but assess and block, naming the article', async () => {
    const s = await registerSystem(scene);
    const refused = await refusesAllBut(s, 'REGISTERED');
    expect([...refused].sort()).toEqual(['cut-over', 'decommission', 'plan', 'start', 'unblock', 'unplan', 'verify']);
  });

  it('refuses, in a blocked system, everything but unblock', async () => {
    const s = await systemIn(scene, 'BLOCKED', { blockedFrom: 'ASSESSED' });
    expect(await refusesAllBut(s, 'BLOCKED')).toEqual(MIGRATION_TRANSITION_ACTIONS.filter((a) => a !== 'unblock'));
  });

  for (const from of actions.block.from) {
    it(`unblock leads back to ${from}, the state block was taken from`, async () => {
      const s = await systemIn(scene, 'BLOCKED', { blockedFrom: from });
      expect(s.body).toMatchObject({ status: 'BLOCKED', blockedFrom: from });
      expect(actions.unblock.to as readonly string[]).toContain(from);
      const res = await s.act('unblock', { note: '已解决' });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({ status: from, blockedFrom: null, blockedReason: null });
    }, 60_000);
  }

  it('block is refused outside the states it may be taken from, so unblock has nowhere else to lead', async () => {
    const blocked = await systemIn(scene, 'BLOCKED');
    const retired = await registerSystem(scene);
    expect((await retired.act('assess', { strategy: 'RETIRE', effort: 'LOW', risk: 'LOW' })).status).toBe(200);
    expect((await retired.act('decommission')).status).toBe(200);
    for (const s of [blocked, retired]) {
      const res = await s.act('block', { reason: '受阻' });
      expect([res.status, res.body.code, res.body.article]).toEqual([409, 'INVALID_TRANSITION', actions.block.article]);
    }
    const notBlockable = MIGRATION_STATES.filter((x) => !(actions.block.from as readonly string[]).includes(x));
    expect([...notBlockable].sort()).toEqual(['BLOCKED', 'DECOMMISSIONED', 'MIGRATED']);
    expect([...actions.unblock.to].sort()).toEqual([...actions.block.from].sort());
  });

  it('unplan undoes plan: from PLANNED back to ASSESSED, out of its wave; only from PLANNED, only with the ability to plan', async () => {
    const s = await systemIn(scene, 'PLANNED');
    expect(s.body.wave).not.toBeNull();
    expect((await s.act('unplan', {}, 'dept')).status).toBe(403);
    const res = await s.act('unplan');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'ASSESSED', wave: null });
    const again = await s.act('unplan');
    expect([again.status, again.body.code, again.body.article]).toEqual([409, 'INVALID_TRANSITION', actions.unplan.article]);
    expect(actions.unplan).toMatchObject({ from: ['PLANNED'], to: ['ASSESSED'], ability: 'plan' });
  });

  it('every state can be reached from REGISTERED through the API', async () => {
    const wave = await createWave(scene);
    const reached: string[] = [];
    for (const state of MIGRATION_STATES) {
      const s = await systemIn(scene, state, { waveId: wave.id });
      const now = await read(s);
      expect(now.status, state).toBe(state);
      reached.push(now.status);
    }
    expect(reached.sort()).toEqual([...MIGRATION_STATES].sort());
  }, 120_000);

  it('answers 403 to a caller without the ability, and changes nothing', async () => {
    const s = await registerSystem(scene);
    for (const who of ['dept', 'gia']) {
      const res = await s.act('assess', ASSESSMENT, who);
      expect(res.status, who).toBe(403);
    }
    const planned = await systemIn(scene, 'PLANNED');
    expect((await planned.act('start', {}, 'dept')).status).toBe(403);
    expect((await read(s)).status).toBe('REGISTERED');
    expect((await read(planned)).status).toBe('PLANNED');
  });

  it('answers 428 to a transition without If-Match and 412 to a stale one, changing nothing', async () => {
    const s = await registerSystem(scene);
    expect((await s.act('assess', ASSESSMENT, 'bdc', null)).status).toBe(428);
    const v1 = s.etag;
    const patched = await s.patch({ userCount: 10 }, 'dept');
    expect(patched.status).toBe(200);
    const stale = await s.act('assess', ASSESSMENT, 'bdc', v1);
    expect([stale.status, stale.body.code]).toEqual([412, 'STALE_VERSION']);
    const now = await scene.as('bdc').get(`/api/migration/systems/${s.id}`);
    expect([now.body.status, now.etag]).toEqual(['REGISTERED', s.etag]);
  });

  it('the API offers every transition as POST …/<action>, and the owner’s edit and withdrawal as PATCH and DELETE only', async () => {
    const s = await registerSystem(scene);
    for (const action of MIGRATION_TRANSITION_ACTIONS) {
      const res = await s.act(action, await bodyFor(action));
      // a route that takes the action answers with the runner's decision, never "no such route"
      expect([200, 409, 422], `${action}: ${res.status} ${res.text}`).toContain(res.status);
    }
    for (const action of ['update', 'withdraw']) {
      const res = await s.act(action, {});
      expect(res.status, action).toBe(404);
    }
    expect([...MIGRATION_TRANSITION_ACTIONS, 'update', 'withdraw'].sort()).toEqual(Object.keys(actions).sort());
  });
});
