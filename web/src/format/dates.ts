// Dates and times as they are in Yuncheng: Asia/Shanghai, whatever the browser's own time zone.
export const TIME_ZONE = 'Asia/Shanghai';

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

const dateOnly = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** "2026-11-26 10:05" in Shanghai time, from an ISO instant. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const parts = Object.fromEntries(dateTime.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour === '24' ? '00' : parts.hour}:${parts.minute}`;
}

/** "10:05" in Shanghai time, from an ISO instant. */
export function formatTime(iso: string | null | undefined): string {
  return formatDateTime(iso).slice(11) || '—';
}

/** A calendar date (YYYY-MM-DD, already a Shanghai date) or the Shanghai date of an instant. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '—' : dateOnly.format(d);
}

/** Today's date in Shanghai, YYYY-MM-DD. */
export function shanghaiToday(now = new Date()): string {
  return dateOnly.format(now);
}

/** YYYY-MM-DD plus n calendar days. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A date as official documents write it: 2026年12月6日 (zh-CN) or 6 December 2026 (en), in Shanghai. */
export function formatLongDate(value: string | null | undefined, locale: 'zh-CN' | 'en'): string {
  const day = formatDate(value);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return '—';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (locale === 'zh-CN') return `${y}年${mo}月${d}日`;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, mo - 1, d));
}
