import { describe, expect, it } from 'vitest';
import { checkAnswers, checkDefinition, definitionSchema, type Answer, type QuestionnaireDefinition } from './questionnaire-definition.js';
import { DEFAULT_QUESTIONNAIRE } from './questionnaire-default.js';
import { propose, riskOf } from './questionnaire-proposal.js';

const answersOf = (map: Record<string, string>): Answer[] => Object.entries(map).map(([questionId, optionId]) => ({ questionId, optionId }));

/** the default questionnaire's mildest answers: a small, recent, domestic, supported system that tolerates downtime */
const MILD = {
  interfaces: 'none',
  'data-volume': 'small',
  xinchuang: 'full',
  downtime: 'day-or-more',
  mlps: 'none-or-1',
  'stack-age': 'recent',
  vendor: 'with-source',
  business: 'needed',
};

const TWO_QUESTIONS: QuestionnaireDefinition = definitionSchema.parse({
  questions: [
    {
      id: 'a',
      prompt: '甲',
      promptEn: 'A',
      kind: 'single',
      options: [
        { id: 'x', label: 'x', labelEn: 'x', riskPoints: 30, votes: [{ strategy: 'REPLATFORM', weight: 2 }] },
        { id: 'y', label: 'y', labelEn: 'y', riskPoints: 0, votes: [{ strategy: 'REFACTOR', weight: 2 }] },
      ],
    },
    {
      id: 'b',
      prompt: '乙',
      promptEn: 'B',
      kind: 'single',
      options: [
        { id: 'x', label: 'x', labelEn: 'x', riskPoints: 30, votes: [{ strategy: 'REFACTOR', weight: 2 }], vetoes: ['REPLATFORM'] },
        { id: 'y', label: 'y', labelEn: 'y', riskPoints: 0 },
      ],
    },
  ],
  riskThresholds: { medium: 30, high: 60 },
  defaultStrategy: 'REHOST',
});

describe('the proposal', () => {
  it('rehosts a simple system at low risk, with no reason but the votes for rehosting', () => {
    const p = propose(DEFAULT_QUESTIONNAIRE, answersOf(MILD), { classified: false });
    expect(p).toMatchObject({ strategy: 'REHOST', risk: 'LOW', riskPoints: 0 });
    expect(p.reasons.every((r) => r.riskPoints === 0 && (r.forProposed > 0 || r.vetoes.length > 0))).toBe(true);
    expect(p.reasons.map((r) => r.questionId)).toContain('interfaces');
  });

  it('adds up the risk points and maps them through the thresholds', () => {
    const p = propose(DEFAULT_QUESTIONNAIRE, answersOf({ ...MILD, interfaces: 'many', mlps: 'level-3' }), { classified: false });
    expect(p.riskPoints).toBe(65);
    expect(p.risk).toBe('MEDIUM');
    const heavy = propose(DEFAULT_QUESTIONNAIRE, answersOf({ ...MILD, interfaces: 'many', mlps: 'level-4', downtime: 'none' }), { classified: false });
    expect(heavy).toMatchObject({ riskPoints: 120, risk: 'HIGH' });
    expect(riskOf(DEFAULT_QUESTIONNAIRE, 59)).toBe('LOW');
    expect(riskOf(DEFAULT_QUESTIONNAIRE, 60)).toBe('MEDIUM');
    expect(riskOf(DEFAULT_QUESTIONNAIRE, 119)).toBe('MEDIUM');
  });

  it('names the answers that drove it: those adding risk, voting for the proposed strategy or vetoing one', () => {
    const p = propose(DEFAULT_QUESTIONNAIRE, answersOf({ ...MILD, xinchuang: 'not-adaptable', vendor: 'unsupported' }), { classified: false });
    // REHOST is vetoed twice; REPURCHASE gets 2 + 2 against REFACTOR's 2
    expect(p.strategy).toBe('REPURCHASE');
    expect(p.scores.find((s) => s.strategy === 'REHOST')).toMatchObject({ vetoed: true });
    expect(p.reasons).toEqual(
      expect.arrayContaining([
        { questionId: 'xinchuang', optionId: 'not-adaptable', riskPoints: 40, forProposed: 2, vetoes: ['REHOST'] },
        { questionId: 'vendor', optionId: 'unsupported', riskPoints: 30, forProposed: 2, vetoes: ['REHOST'] },
      ]),
    );
    // the mild answers voting for the vetoed REHOST drove nothing
    expect(p.reasons.find((r) => r.questionId === 'interfaces')).toBeUndefined();
  });

  it('proposes retiring a system the service no longer needs, unless another answer vetoes it', () => {
    expect(propose(DEFAULT_QUESTIONNAIRE, answersOf({ ...MILD, business: 'obsolete' }), { classified: false }).strategy).toBe('RETIRE');
    expect(propose(DEFAULT_QUESTIONNAIRE, answersOf({ ...MILD, business: 'needed' }), { classified: false }).scores.find((s) => s.strategy === 'RETIRE')?.vetoed).toBe(true);
  });

  it('keeps a classified system where it is whatever the answers (Art. 1), still with its risk', () => {
    const p = propose(DEFAULT_QUESTIONNAIRE, answersOf({ ...MILD, mlps: 'level-4', interfaces: 'many' }), { classified: true });
    expect(p).toMatchObject({ strategy: 'RETAIN_EXEMPT', risk: 'MEDIUM', riskPoints: 80, classified: true });
  });

  it('breaks a tie with the default strategy when it is tied, else in 6R order; a veto removes a strategy', () => {
    // a:y votes REFACTOR 2, b:y nothing → REFACTOR
    expect(propose(TWO_QUESTIONS, answersOf({ a: 'y', b: 'y' }), { classified: false }).strategy).toBe('REFACTOR');
    // a:x REPLATFORM 2, b:x REFACTOR 2 and vetoes REPLATFORM → REFACTOR, 60 points HIGH
    expect(propose(TWO_QUESTIONS, answersOf({ a: 'x', b: 'x' }), { classified: false })).toMatchObject({ strategy: 'REFACTOR', risk: 'HIGH', riskPoints: 60 });
    // a:y REFACTOR 2, b:x REFACTOR 2 → REFACTOR 4
    expect(propose(TWO_QUESTIONS, answersOf({ a: 'y', b: 'x' }), { classified: false }).scores.find((s) => s.strategy === 'REFACTOR')?.score).toBe(4);
    // a tie between REPLATFORM and REFACTOR without the default among them: 6R order
    const tie = definitionSchema.parse({ ...TWO_QUESTIONS, questions: [TWO_QUESTIONS.questions[0], { ...TWO_QUESTIONS.questions[1], options: [{ id: 'x', label: 'x', labelEn: 'x', riskPoints: 0, votes: [{ strategy: 'REFACTOR', weight: 2 }] }, { id: 'y', label: 'y', labelEn: 'y', riskPoints: 0 }] }] });
    expect(propose(tie, answersOf({ a: 'x', b: 'x' }), { classified: false }).strategy).toBe('REPLATFORM');
    // no votes at all: the default strategy
    const silent = definitionSchema.parse({ ...TWO_QUESTIONS, defaultStrategy: 'REPLATFORM', questions: [{ ...TWO_QUESTIONS.questions[1] }] });
    expect(propose(silent, answersOf({ b: 'y' }), { classified: false }).strategy).toBe('REPLATFORM');
  });
});

describe('the definition rules', () => {
  it('accept the default questionnaire', () => {
    expect(definitionSchema.safeParse(DEFAULT_QUESTIONNAIRE).success).toBe(true);
    expect(checkDefinition(DEFAULT_QUESTIONNAIRE)).toEqual([]);
  });

  it('refuse duplicate ids, a vote on a vetoed strategy and thresholds out of order, naming each field', () => {
    const bad = structuredClone(TWO_QUESTIONS);
    bad.questions[1]!.id = 'a';
    bad.questions[0]!.options[1]!.id = 'x';
    bad.questions[1]!.options[0]!.votes.push({ strategy: 'REPLATFORM', weight: 1 });
    bad.riskThresholds = { medium: 50, high: 50 };
    expect(checkDefinition(bad).map((i) => [i.path, i.code])).toEqual([
      ['questions.0.options.1.id', 'questionnaire.duplicate_option'],
      ['questions.1.id', 'questionnaire.duplicate_question'],
      ['questions.1.options.0.votes.1.strategy', 'questionnaire.vote_vetoed'],
      ['riskThresholds.high', 'questionnaire.thresholds_order'],
    ]);
  });

  it('refuse answers to unknown questions or options, twice-answered and unanswered questions', () => {
    const issues = checkAnswers(TWO_QUESTIONS, [
      { questionId: 'a', optionId: 'z' },
      { questionId: 'a', optionId: 'x' },
      { questionId: 'c', optionId: 'x' },
    ]);
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['answers.0.optionId', 'questionnaire.unknown_option'],
      ['answers.1.questionId', 'questionnaire.answered_twice'],
      ['answers.2.questionId', 'questionnaire.unknown_question'],
      ['answers', 'questionnaire.unanswered'],
    ]);
    expect(checkAnswers(TWO_QUESTIONS, answersOf({ a: 'x', b: 'y' }))).toEqual([]);
  });
});
