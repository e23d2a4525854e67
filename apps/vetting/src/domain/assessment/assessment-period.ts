/**
 * An assessment period: a year (2026), a half-year (2026-H1), a quarter (2026-Q3) or a month (2026-07).
 * Annual 研判 is the usual one ("原则上每年开展一次"); the shorter ones cover pre-election and special rounds.
 */
const PERIOD = /^(\d{4})(?:-(?:H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/;

/** The period's year, or null when the text is not a period. */
export function periodYear(period: string): number | null {
  const m = PERIOD.exec(period);
  return m ? Number(m[1]) : null;
}
