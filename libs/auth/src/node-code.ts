/**
 * Division codes a user can be bound to, as the significant prefix of the 12-digit statistical code:
 * province 2, city 4, county 6, township 9, village 12 digits. Province and city exist so the same
 * rules scale past one county.
 */
export const NODE_CODE_LENGTHS = [2, 4, 6, 9, 12] as const;

const SEGMENTS = [2, 2, 2, 3, 3];

export function isNodeCode(value: unknown): value is string {
  return typeof value === 'string' && /^\d+$/.test(value) && (NODE_CODE_LENGTHS as readonly number[]).includes(value.length);
}

/**
 * Drops trailing all-zero levels, so the padded form '320724000000' and the short form '320724'
 * name the same county. Returns null for anything that is not a node code.
 */
export function significantPrefix(code: string): string | null {
  if (!isNodeCode(code)) return null;
  let end = code.length;
  let cut = 0;
  const bounds: number[] = [];
  for (const len of SEGMENTS) {
    cut += len;
    if (cut > code.length) break;
    bounds.push(cut);
  }
  for (let i = bounds.length - 1; i > 0; i--) {
    const start = bounds[i - 1];
    if (/^0+$/.test(code.slice(start, bounds[i]))) end = start;
    else break;
  }
  return code.slice(0, end);
}
