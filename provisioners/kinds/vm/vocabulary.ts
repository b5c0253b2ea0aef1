// The vm kind's words: KubeVirt virtual machines.
import type { KindVocabulary } from '../vocabulary.js';

export const vmVocabulary = {
  code: 'vm',
  deliveryLabel: { 'zh-CN': '云主机交付', en: 'Delivered as VMs' },
  formLabel: { 'zh-CN': '云主机（KubeVirt）', en: 'Virtual machine (KubeVirt)' },
  specFields: ['vcpu', 'memoryGiB', 'diskGiB', 'image'],
} as const satisfies KindVocabulary;
