// The catalog revision state machine: one table of transitions, who may take each (the CASL action), what each needs.
import type { Action } from '../core/access/abilities.js';
import { ConflictError } from '../core/errors.js';
import type { RevisionState } from './view.js';

export type RevisionAction = 'submit' | 'approve' | 'return' | 'publish' | 'discard';

interface Transition {
  from: RevisionState;
  /** where it leads; approve leads to APPROVED only once both GIA and Finance have approved */
  to: RevisionState | 'SUBMITTED|APPROVED' | null;
  /** the ability action that decides who may take it (core/access/abilities.ts) */
  ability: Action;
  requiresComment?: boolean;
}

export const REVISION_TRANSITIONS: Record<RevisionAction, Transition> = {
  submit: { from: 'DRAFT', to: 'SUBMITTED', ability: 'submit' },
  approve: { from: 'SUBMITTED', to: 'SUBMITTED|APPROVED', ability: 'approve' },
  return: { from: 'SUBMITTED', to: 'DRAFT', ability: 'return', requiresComment: true },
  publish: { from: 'APPROVED', to: 'PUBLISHED', ability: 'publish' },
  // a discarded draft is deleted; its audit record keeps what it was
  discard: { from: 'DRAFT', to: null, ability: 'discard' },
};

/** The two bodies whose approvals a revision needs before it can be published (Art. 28). */
export const APPROVING_BODIES = ['GIA', 'FINANCE'] as const;
export type ApprovingBody = (typeof APPROVING_BODIES)[number];

export function assertTransition(action: RevisionAction, current: RevisionState): Transition {
  const t = REVISION_TRANSITIONS[action];
  if (t.from !== current) throw new ConflictError('INVALID_TRANSITION', { action, from: current });
  return t;
}

/** Approvals of the current round decide whether the revision is approved. */
export function isFullyApproved(approvedBodies: Iterable<string>): boolean {
  const set = new Set(approvedBodies);
  return APPROVING_BODIES.every((b) => set.has(b));
}
