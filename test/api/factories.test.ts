// The test factories themselves (test/support/*-factories.ts): each brings its object to the state it promises,
// through the API only; a factory that drifted from its machine fails here first, not in the tests that use it.
import { describe, expect, it } from 'vitest';
import { PROJECT_STATES } from '../../projects/workflow.js';
import { projectIn, reread, type ProjectFactoryState } from '../support/project-factories.js';
import { readRequest, requestIn, type RequestFactoryState } from '../support/request-factories.js';
import { readRevision, revisionIn, type RevisionFactoryState } from '../support/revision-factories.js';
import { useScene } from '../support/scene.js';

const scene = useScene({ WORKER_CONCURRENCY: '1' });

describe('project factories', () => {
  const states: ProjectFactoryState[] = [...PROJECT_STATES, 'FINANCE_RETURNED'];
  for (const state of states) {
    it(`brings a project to ${state}`, async () => {
      const p = await projectIn(scene, state);
      const now = await reread(scene, p);
      expect(now.body.status).toBe(state === 'FINANCE_RETURNED' ? 'RETURNED' : state);
      // the ETag the factory hands on is the project's current one
      expect(now.etag).toBe(p.etag);
      if (state === 'FINANCE_RETURNED') expect(now.body.reviews.map((r: { stage: string; decision: string }) => [r.stage, r.decision])).toEqual([['GIA_REVIEW', 'APPROVE'], ['BUDGET_REVIEW', 'RETURN']]);
      if (state === 'RETURNED') expect(now.body.reviews.map((r: { stage: string; decision: string }) => [r.stage, r.decision])).toEqual([['GIA_REVIEW', 'RETURN']]);
    }, 60_000);
  }
});

describe('revision factories', () => {
  const expected: Record<RevisionFactoryState, string> = { DRAFT: 'DRAFT', SUBMITTED: 'SUBMITTED', GIA_APPROVED: 'SUBMITTED', RETURNED: 'DRAFT', APPROVED: 'APPROVED', PUBLISHED: 'PUBLISHED' };
  for (const [state, status] of Object.entries(expected) as [RevisionFactoryState, string][]) {
    it(`brings a catalog revision to ${state}`, async () => {
      const r = await revisionIn(scene, state);
      const detail = await readRevision(scene, r.number);
      expect(detail.revision.status).toBe(status);
      expect(`"v${detail.revision.version}"`).toBe(r.etag);
      if (state === 'PUBLISHED') expect((await scene.call('GET', '/api/catalog')).body.revision.number).toBe(r.number);
    });
  }
});

describe('request factories', () => {
  for (const state of ['SUBMITTED', 'RETURNED', 'APPROVED', 'PROVISIONED', 'DEPROVISIONED'] as RequestFactoryState[]) {
    it(`brings a resource request to ${state}`, async () => {
      const r = await requestIn(scene, state);
      const now = await readRequest(scene, r);
      expect(now.body.status).toBe(state);
      expect(now.etag).toBe(r.etag);
    }, 90_000);
  }
});
