/**
 * Builds a job id from its parts, e.g. deadlineJobId('tip', 123, 'acceptance-overdue') ⇒
 * "tip:123:acceptance-overdue". The same parts always give the same id, which is what makes
 * scheduling from a replayed event idempotent. Parts may not contain ':' so ids stay unambiguous.
 */
export function deadlineJobId(...parts: Array<string | number>): string {
  if (parts.length === 0) throw new Error('deadlineJobId needs at least one part');
  return parts
    .map((p) => {
      const s = String(p);
      if (s === '' || s.includes(':')) throw new Error(`invalid job id part ${JSON.stringify(s)}`);
      return s;
    })
    .join(':');
}
