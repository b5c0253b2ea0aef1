// The none kind's words: shared services and what is delivered by hand; nothing runs in the tenant.
import type { KindVocabulary } from '../vocabulary.js';

export const noneVocabulary = {
  code: 'none',
  deliveryLabel: { 'zh-CN': '平台服务开通', en: 'Platform service' },
  formLabel: { 'zh-CN': '无需开通（共享服务或人工交付）', en: 'Nothing to provision (shared or delivered by hand)' },
  specFields: ['sla'],
} as const satisfies KindVocabulary;
