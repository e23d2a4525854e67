import type { CountyTargetsReport, TargetId, TargetLine } from './county-targets';
import { ratioDifference, roundedScaled } from './ratio';

export interface TargetChange {
  id: TargetId;
  label: string;
  before: TargetLine;
  after: TargetLine;
  /** "+5.3 个百分点" / "-1.5 岁" / "持平"; null when either side has no data. */
  change: string | null;
  /** Count change for shares (e.g. +2 secretaries with 大专+); null for means. */
  countChange: number | null;
}

export interface TargetsComparison {
  before: CountyTargetsReport;
  after: CountyTargetsReport;
  changes: TargetChange[];
}

/** Before vs after (e.g. the day before the election and after hand-over): the "一降一升" of a report. */
export function compareCountyTargets(before: CountyTargetsReport, after: CountyTargetsReport): TargetsComparison {
  const changes = after.lines.map((a): TargetChange => {
    const b = before.lines.find((l) => l.id === a.id)!;
    let change: string | null = null;
    if (a.value.denominator > 0 && b.value.denominator > 0) {
      const d = ratioDifference(a.value, b.value);
      const tenths = roundedScaled(d.numerator, d.denominator, a.kind === 'share' ? 1000n : 10n);
      const abs = tenths < 0n ? -tenths : tenths;
      const text = `${tenths < 0n ? '-' : '+'}${abs / 10n}.${abs % 10n}`;
      change = tenths === 0n ? '持平' : `${text} ${a.kind === 'share' ? '个百分点' : '岁'}`;
    }
    return { id: a.id, label: a.label, before: b, after: a, change, countChange: a.kind === 'share' ? a.value.numerator - b.value.numerator : null };
  });
  return { before, after, changes };
}
