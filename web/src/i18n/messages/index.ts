// All messages, by language. Each area keeps its own file with zh-CN and English side by side.
import * as admin from './admin';
import * as assessments from './assessments';
import * as audit from './audit';
import * as board from './board';
import * as calendar from './calendar';
import * as catalog from './catalog';
import * as common from './common';
import * as drafting from './drafting';
import * as evaluations from './evaluations';
import * as lists from './lists';
import * as migration from './migration';
import * as notificationSettings from './notificationSettings';
import * as operator from './operator';
import * as portal from './portal';
import * as print from './print';
import * as questionnaire from './questionnaire';
import * as review from './review';
import * as security from './security';
import * as todo from './todo';

const zhCN = { ...common.zh, ...catalog.zh, ...drafting.zh, ...portal.zh, ...review.zh, ...operator.zh, ...board.zh, ...migration.zh, ...audit.zh, ...admin.zh, ...calendar.zh, ...lists.zh, ...print.zh, ...security.zh, ...assessments.zh, ...evaluations.zh, ...todo.zh, ...notificationSettings.zh, ...questionnaire.zh };
export type MessageKey = keyof typeof zhCN;
const en: Record<MessageKey, string> = { ...common.en, ...catalog.en, ...drafting.en, ...portal.en, ...review.en, ...operator.en, ...board.en, ...migration.en, ...audit.en, ...admin.en, ...calendar.en, ...lists.en, ...print.en, ...security.en, ...assessments.en, ...evaluations.en, ...todo.en, ...notificationSettings.en, ...questionnaire.en };

export const messages: Record<'zh-CN' | 'en', Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
