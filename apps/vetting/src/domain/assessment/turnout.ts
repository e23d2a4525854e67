/** Questionnaires handed out (invited) and returned. */
export interface Turnout {
  invited: number;
  returned: number;
}

/**
 * Met when returned / invited ≥ minPercent / 100, compared in integers so that exactly the minimum
 * passes (30 of 50 at 60 %) and one questionnaire fewer fails (29 of 50): no float rounding either way.
 */
export function turnoutMeets(t: Turnout, minPercent: number): boolean {
  return t.returned * 100 >= t.invited * minPercent;
}

/** The turnout as a percent with one decimal, rounded half-up (for messages and reports). */
export function turnoutText(t: Turnout): string {
  if (t.invited === 0) return '—';
  const tenths = Math.floor((2 * 1000 * t.returned + t.invited) / (2 * t.invited));
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}
