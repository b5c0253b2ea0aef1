// Which events reach a person by e-mail and by their organisation's webhook, besides the inbox (which gets
// everything). A person who never chose has the defaults: every event by e-mail when they have an address, and the
// deadline events and "a project reaches my stage" by webhook.
import type { Tx } from '../core/db/database.js';
import type { Locale } from '../core/i18n.js';
import { NOTIFICATION_EVENTS, type NotificationEvent } from './events.js';

export const DEFAULT_WEBHOOK_EVENTS: readonly NotificationEvent[] = NOTIFICATION_EVENTS.filter((e) => e.startsWith('DEADLINE_') || e === 'PROJECT_AT_STAGE');

export interface Preferences {
  emailEvents: NotificationEvent[];
  webhookEvents: NotificationEvent[];
  emailDigest: boolean;
  locale: Locale;
  /** null: the defaults (no row) */
  version: number | null;
}

type Row = { emailEvents: string[]; webhookEvents: string[]; emailDigest: boolean; locale: string; version: number } | null;

const known = (events: string[]) => NOTIFICATION_EVENTS.filter((e) => events.includes(e));

/** A person's preferences: their row, or the defaults. */
export function effectivePreferences(user: { email: string | null }, row: Row): Preferences {
  if (!row) {
    return { emailEvents: user.email ? [...NOTIFICATION_EVENTS] : [], webhookEvents: [...DEFAULT_WEBHOOK_EVENTS], emailDigest: false, locale: 'zh-CN', version: null };
  }
  return { emailEvents: known(row.emailEvents), webhookEvents: known(row.webhookEvents), emailDigest: row.emailDigest, locale: row.locale === 'en' ? 'en' : 'zh-CN', version: row.version };
}

/** The recipients' addresses, organisations and preferences, by user id. */
export async function recipientsOf(tx: Tx, ids: string[]) {
  const users = await tx.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, email: true, orgId: true, notificationPreference: true },
  });
  return new Map(users.map((u) => [u.id, { ...u, preferences: effectivePreferences(u, u.notificationPreference) }]));
}
