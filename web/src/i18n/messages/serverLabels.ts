// Message keys made from the server's own label tables (zh-CN and English), so the console names a state, a
// strategy or a hosting type exactly as the spreadsheets and the server's messages do.
import type { Labels } from '@migration/labels';

export function keyed<P extends string, K extends string>(prefix: P, labels: Labels<K>, locale: 'zh-CN' | 'en'): Record<`${P}.${K}`, string> {
  return Object.fromEntries(Object.entries<Record<'zh-CN' | 'en', string>>(labels).map(([k, v]) => [`${prefix}.${k}`, v[locale]])) as Record<`${P}.${K}`, string>;
}
