// Times are stored in UTC and shown in Asia/Shanghai, whatever the browser's own zone.
const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const dateOnly = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

/** A calendar date (YYYY-MM-DD, already a Chinese local date) or an instant, as a date in Shanghai. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return dateOnly.format(new Date(value)).replace(/\//g, '-');
}

/** Today in Shanghai as YYYY-MM-DD. */
export function todayInShanghai(): string {
  return formatDate(new Date().toISOString());
}
