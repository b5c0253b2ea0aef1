// The provisioner kinds' words: codes, labels and the plan spec fields each one reads. Free of node-only imports,
// so the web console imports this file (through its @provisioners alias) and names a kind as the server does.
// Each kind declares its words in <kind>/vocabulary.ts and its behaviour in <kind>/index.ts (see index.ts).
import type { PlanSpec } from '../../catalog/seed-schema.js';
import type { Locale } from '../../core/i18n.js';
import { databaseVocabulary } from './database/vocabulary.js';
import { namespaceVocabulary } from './namespace/vocabulary.js';
import { noneVocabulary } from './none/vocabulary.js';
import { vmVocabulary } from './vm/vocabulary.js';

export type KindLabel = Record<Locale, string>;

export interface KindVocabulary {
  /** what an offering's `provisioner` holds */
  code: string;
  /** how the public catalog says the service is delivered */
  deliveryLabel: KindLabel;
  /** what the catalog drafting form calls the kind (operators choose it there) */
  formLabel: KindLabel;
  /** the plan spec fields the kind reads; the plan form shows them first */
  specFields: readonly (keyof PlanSpec)[];
}

/** Every kind, in the order the API's enum and the console's choices list them. */
const VOCABULARIES = [namespaceVocabulary, vmVocabulary, databaseVocabulary, noneVocabulary] as const;

type Codes<T extends readonly KindVocabulary[]> = { -readonly [I in keyof T]: T[I]['code'] };

export const PROVISIONER_KINDS = VOCABULARIES.map((v) => v.code) as Codes<typeof VOCABULARIES>;
export type ProvisionerKindCode = (typeof PROVISIONER_KINDS)[number];

function byCode<T>(pick: (v: KindVocabulary) => T): Record<ProvisionerKindCode, T> {
  return Object.fromEntries(VOCABULARIES.map((v) => [v.code, pick(v)])) as Record<ProvisionerKindCode, T>;
}

export const DELIVERY_LABELS = byCode((v) => v.deliveryLabel);
export const FORM_LABELS = byCode((v) => v.formLabel);
export const SPEC_FIELDS = byCode((v) => v.specFields);
