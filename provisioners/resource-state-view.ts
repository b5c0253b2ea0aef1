// A resource's state and detail as the API sends them: the state's code with its name in the reader's language
// (resource-states.ts), and the detail either in the reader's language (the platform's own note, stored as its
// code) or as the cluster said it (KubeVirt's printableStatus, CloudNativePG's phase), marked as the engine's words.
import { hasMessage, registerMessages, t, type Locale } from '../core/i18n.js';
import { stateKey } from '../core/workflow/machine.js';
import { RESOURCE_NOTES, RESOURCE_STATE_LABELS, RESOURCE_STATE_SUBJECT, type ResourceState } from './resource-states.js';

registerMessages({
  ...Object.fromEntries(Object.entries(RESOURCE_STATE_LABELS).map(([s, label]) => [stateKey(RESOURCE_STATE_SUBJECT, s), label])),
  ...RESOURCE_NOTES,
});

export const resourceStateLabel = (state: ResourceState, locale: Locale): string => t(stateKey(RESOURCE_STATE_SUBJECT, state), locale);

export function resourceDetail(detail: string | null, locale: Locale): { detail: string | null; detailFromEngine: boolean } {
  if (detail === null) return { detail: null, detailFromEngine: false };
  if (detail in RESOURCE_NOTES && hasMessage(detail)) return { detail: t(detail, locale), detailFromEngine: false };
  return { detail, detailFromEngine: true };
}
