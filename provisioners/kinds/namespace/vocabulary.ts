// The namespace kind's words: a container tenant, sized by its plan (it only adds to the tenant's quota).
import type { KindVocabulary } from '../vocabulary.js';

export const namespaceVocabulary = {
  code: 'namespace',
  deliveryLabel: { 'zh-CN': '容器租户交付', en: 'Delivered as a container tenant' },
  formLabel: { 'zh-CN': '租户空间（容器）', en: 'Tenant namespace (containers)' },
  specFields: ['vcpu', 'memoryGiB', 'storageGiB', 'pvcCount'],
} as const satisfies KindVocabulary;
