// All messages, by language. Each area keeps its own file with zh-CN and English side by side.
import * as catalog from './catalog';
import * as common from './common';
import * as portal from './portal';
import * as review from './review';

const zhCN = { ...common.zh, ...catalog.zh, ...portal.zh, ...review.zh };
export type MessageKey = keyof typeof zhCN;
const en: Record<MessageKey, string> = { ...common.en, ...catalog.en, ...portal.en, ...review.en };

export const messages: Record<'zh-CN' | 'en', Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
