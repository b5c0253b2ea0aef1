// The migration table's own promises (what the runner then enforces through the API: test/api/migration-workflow.test.ts).
import { describe, expect, it } from 'vitest';
import { actionsOf } from '../core/workflow/machine.js';
import { MIGRATION_MACHINE, MIGRATION_STATES, MIGRATION_TRANSITION_ACTIONS } from './workflow.js';

const { actions } = MIGRATION_MACHINE;

describe('the migration machine', () => {
  it('walks a system from registration to decommissioning along the happy path', () => {
    let s: string = 'REGISTERED';
    for (const a of ['assess', 'plan', 'start', 'cut-over', 'verify', 'decommission'] as const) {
      expect(actions[a].from, `${a} from ${s}`).toContain(s);
      expect(actions[a].to).toHaveLength(1);
      s = actions[a].to[0]!;
    }
    expect(s).toBe('DECOMMISSIONED');
  });

  it('a decommissioned system is final: no action is taken from it', () => {
    expect(actionsOf(MIGRATION_MACHINE).filter((a) => (actions[a].from as readonly string[]).includes('DECOMMISSIONED'))).toEqual([]);
  });

  it('unblock leads back to exactly the states block may be taken from', () => {
    expect([...actions.unblock.to].sort()).toEqual([...actions.block.from].sort());
  });

  it('unplan undoes plan: from PLANNED back to ASSESSED', () => {
    expect(actions.unplan).toMatchObject({ from: ['PLANNED'], to: ['ASSESSED'], ability: 'plan' });
  });

  it('every state is reachable from REGISTERED, and every action names its article', () => {
    const reached = new Set<string>(['REGISTERED']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const a of actionsOf(MIGRATION_MACHINE)) {
        if (!actions[a].from.some((s) => reached.has(s))) continue;
        for (const s of actions[a].to) if (!reached.has(s)) grew = reached.add(s).size > 0;
      }
    }
    expect([...reached].sort()).toEqual([...MIGRATION_STATES].sort());
    for (const a of actionsOf(MIGRATION_MACHINE)) expect(actions[a].article, a).toMatch(/^第.+条$/);
  });

  it('the API offers every transition but the owner’s edit and withdrawal', () => {
    expect([...MIGRATION_TRANSITION_ACTIONS, 'update', 'withdraw'].sort()).toEqual(actionsOf(MIGRATION_MACHINE).sort());
  });
});
