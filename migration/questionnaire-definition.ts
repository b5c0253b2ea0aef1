// What an assessment questionnaire is (the sub-center publishes versions of it): single-choice questions whose
// options each add risk points and vote for or veto 6R strategies, and the thresholds that turn the points into a
// risk level. The zod schema checks the shape (400); checkDefinition the rules between fields (422).
import { z } from 'zod';

import type { FieldIssue } from '../core/errors.js';
import { registerMessages } from '../core/i18n.js';
import { LEVELS, STRATEGIES, type Level, type Strategy } from './vocabulary.js';

/** Strategies a questionnaire may propose: retain-exempt follows from the system being classified (Art. 1), not from answers. */
export const PROPOSABLE = STRATEGIES.filter((s) => s !== 'RETAIN_EXEMPT') as Exclude<Strategy, 'RETAIN_EXEMPT'>[];
export type Proposable = (typeof PROPOSABLE)[number];

const id = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'lower-case letters, digits and -');
const text = (max: number) => z.string().trim().min(1).max(max);

export const optionSchema = z.strictObject({
  id,
  label: text(200).describe('the option as the form shows it (zh-CN)'),
  labelEn: text(200),
  riskPoints: z.number().int().min(0).max(100).describe('risk points the option adds'),
  votes: z
    .array(z.strictObject({ strategy: z.enum(PROPOSABLE), weight: z.number().int().min(1).max(10) }))
    .max(PROPOSABLE.length)
    .default([])
    .describe('strategies the option speaks for, each with a weight'),
  vetoes: z.array(z.enum(PROPOSABLE)).max(PROPOSABLE.length).default([]).describe('strategies the option rules out'),
});

export const questionSchema = z.strictObject({
  id,
  prompt: text(500).describe('the question (zh-CN)'),
  promptEn: text(500),
  kind: z.literal('single').describe('single-choice'),
  options: z.array(optionSchema).min(2).max(12),
});

export const definitionSchema = z.strictObject({
  questions: z.array(questionSchema).min(1).max(40),
  riskThresholds: z
    .strictObject({
      medium: z.number().int().min(1).max(4000).describe('from this many points the risk is MEDIUM'),
      high: z.number().int().min(1).max(4000).describe('from this many points the risk is HIGH'),
    })
    .describe('risk points → LOW / MEDIUM / HIGH'),
  defaultStrategy: z.enum(PROPOSABLE).describe('proposed when no answer votes for a strategy, and on a tie it is part of'),
});

export type QuestionnaireOption = z.output<typeof optionSchema>;
export type QuestionnaireQuestion = z.output<typeof questionSchema>;
export type QuestionnaireDefinition = z.output<typeof definitionSchema>;
export type { Level, Strategy };
export { LEVELS };

registerMessages({
  'questionnaire.duplicate_question': { 'zh-CN': '问题编号 {id} 重复', en: 'Question id {id} is used twice' },
  'questionnaire.duplicate_option': { 'zh-CN': '选项编号 {id} 在本问题中重复', en: 'Option id {id} is used twice in this question' },
  'questionnaire.duplicate_vote': { 'zh-CN': '同一选项对策略 {strategy} 投票多次', en: 'The option votes for {strategy} more than once' },
  'questionnaire.vote_vetoed': { 'zh-CN': '同一选项既支持又否决策略 {strategy}', en: 'The option both votes for and vetoes {strategy}' },
  'questionnaire.thresholds_order': { 'zh-CN': '高风险阈值须大于中风险阈值（{medium}）', en: 'The HIGH threshold must be above the MEDIUM one ({medium})' },
  'questionnaire.unknown_question': { 'zh-CN': '问卷中没有问题 {id}', en: 'The questionnaire has no question {id}' },
  'questionnaire.unknown_option': { 'zh-CN': '该问题没有选项 {id}', en: 'The question has no option {id}' },
  'questionnaire.answered_twice': { 'zh-CN': '问题 {id} 回答了多次', en: 'Question {id} is answered more than once' },
  'questionnaire.unanswered': { 'zh-CN': '尚未回答：{questions}', en: 'Not answered: {questions}' },
  QUESTIONNAIRE_INVALID: { 'zh-CN': '问卷定义不符合规则', en: 'The questionnaire definition breaks its rules' },
});

/** The rules between fields zod does not check: unique ids, a vote and a veto never on the same strategy, ordered thresholds. */
export function checkDefinition(def: QuestionnaireDefinition): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const questions = new Set<string>();
  def.questions.forEach((q, qi) => {
    if (questions.has(q.id)) issues.push({ path: `questions.${qi}.id`, code: 'questionnaire.duplicate_question', params: { id: q.id } });
    questions.add(q.id);
    const options = new Set<string>();
    q.options.forEach((o, oi) => {
      const at = `questions.${qi}.options.${oi}`;
      if (options.has(o.id)) issues.push({ path: `${at}.id`, code: 'questionnaire.duplicate_option', params: { id: o.id } });
      options.add(o.id);
      const voted = new Set<string>();
      o.votes.forEach((v, vi) => {
        if (voted.has(v.strategy)) issues.push({ path: `${at}.votes.${vi}.strategy`, code: 'questionnaire.duplicate_vote', params: { strategy: v.strategy } });
        voted.add(v.strategy);
        if (o.vetoes.includes(v.strategy)) issues.push({ path: `${at}.votes.${vi}.strategy`, code: 'questionnaire.vote_vetoed', params: { strategy: v.strategy } });
      });
    });
  });
  if (def.riskThresholds.high <= def.riskThresholds.medium) {
    issues.push({ path: 'riskThresholds.high', code: 'questionnaire.thresholds_order', params: { medium: def.riskThresholds.medium } });
  }
  return issues;
}

/** One answer: the option chosen for a question. */
export interface Answer {
  questionId: string;
  optionId: string;
}

/** Every problem with a set of answers to `def`: unknown questions or options, a question answered twice or not at all. */
export function checkAnswers(def: QuestionnaireDefinition, answers: readonly Answer[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  answers.forEach((a, i) => {
    const q = def.questions.find((x) => x.id === a.questionId);
    if (!q) return void issues.push({ path: `answers.${i}.questionId`, code: 'questionnaire.unknown_question', params: { id: a.questionId } });
    if (seen.has(q.id)) issues.push({ path: `answers.${i}.questionId`, code: 'questionnaire.answered_twice', params: { id: q.id } });
    seen.add(q.id);
    if (!q.options.some((o) => o.id === a.optionId)) issues.push({ path: `answers.${i}.optionId`, code: 'questionnaire.unknown_option', params: { id: a.optionId } });
  });
  const missing = def.questions.filter((q) => !seen.has(q.id)).map((q) => q.id);
  if (missing.length) issues.push({ path: 'answers', code: 'questionnaire.unanswered', params: { questions: missing.join(', ') } });
  return issues;
}
