// The database kind's words: CloudNativePG PostgreSQL clusters.
import type { KindVocabulary } from '../vocabulary.js';

export const databaseVocabulary = {
  code: 'database',
  deliveryLabel: { 'zh-CN': '数据库交付', en: 'Delivered as a database' },
  formLabel: { 'zh-CN': '数据库（CloudNativePG）', en: 'Database (CloudNativePG)' },
  specFields: ['vcpu', 'memoryGiB', 'storageGiB', 'engine', 'engineVersion', 'instances', 'backupRetentionDays'],
} as const satisfies KindVocabulary;
