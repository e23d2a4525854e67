/**
 * Exact arithmetic for report figures: a share keeps its numerator and denominator, and comparisons
 * with a target are made in integers, so 38 of 50 meets a 76 % target exactly and 37 of 50 misses it.
 * Displayed values are rounded half-up to one decimal (of a percent, or of a year).
 */
export interface Ratio {
  numerator: number;
  denominator: number;
}

/** A decimal given as data (0.76, 46, 0.3) as an exact fraction: its written digits, over a power of ten. */
export function decimalAsRatio(x: number): { numerator: bigint; denominator: bigint } {
  const [int, frac = ''] = String(x).split('.');
  if (/e/i.test(String(x))) throw new Error(`decimalAsRatio: ${x} in exponent form`);
  return { numerator: BigInt(int + frac), denominator: 10n ** BigInt(frac.length) };
}

/** Sign of a/b − x, for b > 0: −1, 0 or 1. */
export function compareRatio(r: Ratio, x: number): number {
  const t = decimalAsRatio(x);
  const left = BigInt(r.numerator) * t.denominator;
  const right = t.numerator * BigInt(r.denominator);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** round(a/b × scale) half away from zero, in integers (b > 0). */
export function roundedScaled(a: bigint, b: bigint, scale: bigint): bigint {
  const n = a * scale;
  const sign = n < 0n ? -1n : 1n;
  const abs = n < 0n ? -n : n;
  return sign * ((2n * abs + b) / (2n * b));
}

function tenthsText(tenths: bigint): string {
  const sign = tenths < 0n ? '-' : '';
  const abs = tenths < 0n ? -tenths : tenths;
  return `${sign}${abs / 10n}.${abs % 10n}`;
}

/** "66.7%"; null when there is no denominator. */
export function percentText(r: Ratio): string | null {
  return r.denominator === 0 ? null : `${tenthsText(roundedScaled(BigInt(r.numerator), BigInt(r.denominator), 1000n))}%`;
}

/** A mean (sum / count) shown with one decimal, e.g. "46.5"; null when count is 0. */
export function meanText(r: Ratio): string | null {
  return r.denominator === 0 ? null : tenthsText(roundedScaled(BigInt(r.numerator), BigInt(r.denominator), 10n));
}

/** a/b − c/d as a fraction (denominators > 0). */
export function ratioDifference(after: Ratio, before: Ratio): { numerator: bigint; denominator: bigint } {
  return {
    numerator: BigInt(after.numerator) * BigInt(before.denominator) - BigInt(before.numerator) * BigInt(after.denominator),
    denominator: BigInt(after.denominator) * BigInt(before.denominator),
  };
}
