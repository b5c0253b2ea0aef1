// A drift item as the API sends it with a project's resources: its code and the reason in the reader's language,
// and what the cluster holds where that says more (not translated). Items kept before drift had codes show their
// stored reason.
import { hasMessage, registerMessages, t, type Locale } from '../core/i18n.js';
import { DRIFT_MESSAGES } from './drift-reasons.js';
import type { DriftItem } from './drivers/driver.js';
import type { DriftView } from './view-schema.js';

registerMessages(DRIFT_MESSAGES);

/** The code of a drift item kept before drift had codes. */
export const LEGACY_DRIFT_CODE = 'drift.legacy';

export function driftView(d: DriftItem, locale: Locale): DriftView {
  const where = { kind: d.kind, name: d.name, ...(d.namespace ? { namespace: d.namespace } : {}) };
  if (!d.code) return { ...where, code: LEGACY_DRIFT_CODE, reason: d.reason, detail: null };
  const params = Object.fromEntries(Object.entries(d.params ?? {}).map(([k, v]) => [k, hasMessage(v) ? t(v, locale) : v]));
  return { ...where, code: d.code, reason: t(d.code, locale, params), detail: d.detail ?? null };
}
