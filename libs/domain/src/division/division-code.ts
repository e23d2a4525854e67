import { DomainValidationError } from '../errors/domain-error';

/** The five levels of the statistical division code, top down. */
export const DIVISION_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;
export type DivisionLevel = (typeof DIVISION_LEVELS)[number];

/** 'community' 社区/居委会 (village part 001–199), 'village' 行政村/村委会 (200–399), 'other' (400–999). */
export type VillageKind = 'community' | 'village' | 'other';

/**
 * The one definition of how long a code is at each level (DIVISION_LEVELS order): its significant
 * prefix, province 2 · city 4 · county 6 · township 9 · village 12 digits (groups of 2, 2, 2, 3, 3).
 */
export const DIVISION_CODE_LENGTHS = [2, 4, 6, 9, 12] as const;
const LEVELS = DIVISION_LEVELS;
const LENGTHS = DIVISION_CODE_LENGTHS;
/** The full statistical form: a village code, or any code padded with zeros to it. */
export const FULL_DIVISION_CODE_LENGTH = LENGTHS[LENGTHS.length - 1];

/** Digits, as many as some level's prefix: the shape of a code, not its validity (DivisionCode.parse). */
export function hasDivisionCodeShape(value: unknown): value is string {
  return typeof value === 'string' && /^\d+$/.test(value) && (LENGTHS as readonly number[]).includes(value.length);
}

/**
 * Drops trailing all-zero level groups, so '320724000000' and '320724' both read as the county
 * (no validation: a string of another length comes back as it is). On the scope-check path, so it
 * allocates only when there is padding to drop.
 */
export function unpadDivisionCode(code: string): string {
  let level = (LENGTHS as readonly number[]).indexOf(code.length);
  let end = code.length;
  while (level > 0 && isZeroRun(code, LENGTHS[level - 1], end)) end = LENGTHS[--level];
  return end === code.length ? code : code.slice(0, end);
}

function isZeroRun(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (s.charCodeAt(i) !== 48) return false;
  return true;
}

export const DIVISION_LEVEL_LABELS: Readonly<Record<DivisionLevel, string>> = {
  province: '省级',
  city: '地级',
  county: '县级',
  township: '乡级',
  village: '村级',
};

/**
 * A statistical division code (统计用区划代码), e.g. 320724101200. Accepts the significant prefix
 * (2, 4, 6, 9 or 12 digits) or a zero-padded form (320724000000 and 320724 both are the county
 * 320724; 320700 is the city 3207). Trailing all-zero groups are padding. An inner zero group is
 * kept only where real codes have one: a county group "00" under a city without counties
 * (东莞 441900003 is a township whose parent is the city 4419).
 */
export class DivisionCode {
  /** The significant prefix: 2, 4, 6, 9 or 12 digits. */
  readonly code: string;
  readonly level: DivisionLevel;

  private constructor(code: string, level: DivisionLevel) {
    this.code = code;
    this.level = level;
  }

  static parse(input: string): DivisionCode {
    const s = typeof input === 'string' ? input.trim() : '';
    if (!hasDivisionCodeShape(s)) {
      throw invalid(input, 'must be 2, 4, 6, 9 or 12 digits', '应为 2、4、6、9 或 12 位数字');
    }
    const code = unpadDivisionCode(s); // the one reading of significant digits
    const level = (LENGTHS as readonly number[]).indexOf(code.length);
    const zeroGroup = (i: number) => isZeroRun(code, i === 0 ? 0 : LENGTHS[i - 1], LENGTHS[i]);
    if (zeroGroup(0)) throw invalid(input, 'province part is zero', '省级代码不能为 00');
    // Inner zero groups: only the county group may be "00" (township directly under a city).
    for (let i = 1; i < level; i++) {
      if (zeroGroup(i) && i !== 2) throw invalid(input, `${LEVELS[i]} part is zero below a non-zero part`, '代码中间层级不能为 0');
    }
    return new DivisionCode(code, LEVELS[level]);
  }

  static isValid(input: string): boolean {
    try {
      DivisionCode.parse(input);
      return true;
    } catch {
      return false;
    }
  }

  /** All 12 digits, zero-padded. */
  get full(): string {
    return this.code.padEnd(FULL_DIVISION_CODE_LENGTH, '0');
  }

  /** The nearest existing higher level (a township under a city without counties → the city); null for a province. */
  parent(): DivisionCode | null {
    const i = LEVELS.indexOf(this.level);
    for (let j = i - 1; j >= 0; j--) {
      const prefix = this.code.slice(0, LENGTHS[j]);
      if (!/^0+$/.test(prefix.slice(j === 0 ? 0 : LENGTHS[j - 1]))) return new DivisionCode(prefix, LEVELS[j]);
    }
    return null;
  }

  /** From the province down to the parent (root first); empty for a province. */
  ancestors(): DivisionCode[] {
    const out: DivisionCode[] = [];
    for (let p = this.parent(); p; p = p.parent()) out.unshift(p);
    return out;
  }

  /** For village-level codes, what the village part's range says; null for other levels. */
  get villageKind(): VillageKind | null {
    if (this.level !== 'village') return null;
    const n = Number(this.code.slice(LENGTHS[LEVELS.indexOf('township')]));
    return n < 200 ? 'community' : n < 400 ? 'village' : 'other';
  }

  equals(other: DivisionCode): boolean {
    return this.code === other.code;
  }

  /** The significant prefix, as stored and shown. */
  toString(): string {
    return this.code;
  }

  toJSON(): string {
    return this.code;
  }
}

function invalid(input: unknown, why: string, whyZh: string): DomainValidationError {
  return new DomainValidationError('division_code.invalid', `行政区划代码无效：${String(input)}，${whyZh}`, `invalid division code ${JSON.stringify(input)}: ${why}`);
}
