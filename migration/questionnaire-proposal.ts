// The proposal a questionnaire's answers make: one pure function, no I/O. The rule model is meant to be explained
// to a department in one sentence each:
//   - risk: the chosen options' risk points are added up; from riskThresholds.medium points the risk is MEDIUM,
//     from riskThresholds.high HIGH, below LOW;
//   - strategy: each chosen option's votes add their weight to a strategy; a strategy any chosen option vetoes is out;
//     the highest score wins; on a tie the default strategy if it is one of the tied, else the first in 6R order
//     (REHOST, REPLATFORM, REFACTOR, REPURCHASE, RETIRE); with no vote at all, the default strategy (if not vetoed);
//   - a classified system is retain-exempt whatever the answers (Art. 1).
// The reasons are the answers that drove the proposal: every chosen option that added risk points, voted for the
// proposed strategy or vetoed one.
import { PROPOSABLE, type Answer, type Proposable, type QuestionnaireDefinition } from './questionnaire-definition.js';
import type { Level, Strategy } from './vocabulary.js';

export interface ProposalReason {
  questionId: string;
  optionId: string;
  riskPoints: number;
  /** the weight it gave the proposed strategy (0: none) */
  forProposed: number;
  vetoes: Proposable[];
}

export interface StrategyScore {
  strategy: Proposable;
  score: number;
  vetoed: boolean;
}

export interface Proposal {
  strategy: Strategy;
  risk: Level;
  riskPoints: number;
  /** every proposable strategy's score, in 6R order */
  scores: StrategyScore[];
  reasons: ProposalReason[];
  /** the system is classified: retain-exempt whatever the answers */
  classified: boolean;
}

/** The risk level `points` reach under the definition's thresholds. */
export function riskOf(def: Pick<QuestionnaireDefinition, 'riskThresholds'>, points: number): Level {
  if (points >= def.riskThresholds.high) return 'HIGH';
  if (points >= def.riskThresholds.medium) return 'MEDIUM';
  return 'LOW';
}

/**
 * The strategy and risk the answers propose, with the answers that drove them. `answers` must be complete and valid
 * (checkAnswers); an answer to an unknown question or option is ignored.
 */
export function propose(def: QuestionnaireDefinition, answers: readonly Answer[], system: { classified: boolean }): Proposal {
  const chosen = answers.flatMap((a) => {
    const q = def.questions.find((x) => x.id === a.questionId);
    const o = q?.options.find((x) => x.id === a.optionId);
    return q && o ? [{ q, o }] : [];
  });
  const riskPoints = chosen.reduce((sum, { o }) => sum + o.riskPoints, 0);
  const vetoed = new Set(chosen.flatMap(({ o }) => o.vetoes));
  const scores: StrategyScore[] = PROPOSABLE.map((strategy) => ({
    strategy,
    score: chosen.reduce((sum, { o }) => sum + (o.votes.find((v) => v.strategy === strategy)?.weight ?? 0), 0),
    vetoed: vetoed.has(strategy),
  }));

  const open = scores.filter((s) => !s.vetoed);
  // vetoes cannot rule out everything: then the scores alone decide
  const candidates = open.length ? open : scores;
  const best = Math.max(...candidates.map((s) => s.score));
  const tied = candidates.filter((s) => s.score === best).map((s) => s.strategy);
  const byVotes: Proposable = tied.includes(def.defaultStrategy) ? def.defaultStrategy : tied[0]!;
  const strategy: Strategy = system.classified ? 'RETAIN_EXEMPT' : byVotes;

  const reasons: ProposalReason[] = chosen
    .map(({ q, o }) => ({
      questionId: q.id,
      optionId: o.id,
      riskPoints: o.riskPoints,
      forProposed: o.votes.find((v) => v.strategy === strategy)?.weight ?? 0,
      vetoes: [...o.vetoes],
    }))
    .filter((r) => r.riskPoints > 0 || r.forProposed > 0 || r.vetoes.length > 0);

  return { strategy, risk: riskOf(def, riskPoints), riskPoints, scores, reasons, classified: system.classified };
}
