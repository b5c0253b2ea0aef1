// The menu's badges: what waits behind each entry, counted with the reader's own rights, only for the areas they
// may open, and moving as the work moves.
import { describe, expect, it } from 'vitest';
import { projectIn, step } from '../support/project-factories.js';
import { ALL_PASS } from '../support/projects.js';
import { useScene } from '../support/scene.js';

const scene = useScene();
const counts = async (user: string) => {
  const res = await scene.as(user).get('/api/console/counts');
  expect(res.status).toBe(200);
  return res.body.counts as Record<string, number>;
};

describe('what waits behind the menu', () => {
  it('names only the entries of the areas the reader opens', async () => {
    expect(Object.keys(await counts('dept')).sort()).toEqual(['openDeadlines', 'returnedProjects']);
    expect(Object.keys(await counts('gia')).sort()).toEqual(['overdueDeadlines', 'reviewQueue', 'revisionApproval']);
    // Finance approves catalog revisions too (Art. 4)
    expect(Object.keys(await counts('finance')).sort()).toEqual(['reviewQueue', 'revisionApproval']);
    expect(Object.keys(await counts('bdc'))).toEqual(['operatorQueue']);
    expect(await counts('admin')).toEqual({});
    expect((await scene.call('GET', '/api/console/counts')).status).toBe(401);
  });

  it("counts a submitted project in GIA's queue until it is decided, then in Finance's; a return counts for the unit", async () => {
    const before = { gia: (await counts('gia')).reviewQueue!, finance: (await counts('finance')).reviewQueue!, dept: (await counts('dept')).returnedProjects! };
    const p = await projectIn(scene, 'GIA_REVIEW');
    expect((await counts('gia')).reviewQueue).toBe(before.gia + 1);
    await step(scene, p, 'gia', 'review', { decision: 'APPROVE', dimensions: ALL_PASS, comment: '同意' });
    expect((await counts('gia')).reviewQueue).toBe(before.gia);
    expect((await counts('finance')).reviewQueue).toBe(before.finance + 1);
    const other = await projectIn(scene, 'RETURNED');
    expect((await counts('dept')).returnedProjects).toBe(before.dept + 1);
    // another department's returned project is not dept's to count
    expect((await counts('dept2')).returnedProjects).toBe((await scene.as('dept2').get('/api/projects', { status: 'RETURNED' })).body.total);
    expect(other.body.status).toBe('RETURNED');
  });
});
