import { DomainValidationError } from '../errors/domain-error';
import { dayOfMonth, isLeapYear, isLocalDate, monthOf, yearOf, type LocalDate } from '../time/local-date';

export type Gender = 'male' | 'female';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/**
 * A resident identity number per GB 11643-1999: 6-digit region (at issue), 8-digit birth date,
 * 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character. Sensitive: show `masked()`.
 */
export class CitizenId {
  private constructor(
    readonly value: string,
    readonly birthDate: LocalDate,
  ) {}

  /** @param opts.today reject birth dates after this day (pass the current Shanghai date). */
  static parse(input: string, opts: { today?: LocalDate } = {}): CitizenId {
    const s = typeof input === 'string' ? input.trim().toUpperCase() : '';
    if (/^\d{15}$/.test(s)) {
      throw invalid(input, 'legacy 15-digit id', '15 位旧身份证号请换算为 18 位后再录入', 'citizen_id.legacy_15');
    }
    if (!/^\d{17}[\dX]$/.test(s)) throw invalid(input, 'must be 17 digits and a digit or X', '应为 18 位，前 17 位为数字，末位为数字或 X');
    const expected = checkCharOf(s.slice(0, 17));
    if (s[17] !== expected) throw invalid(input, `check character mismatch (expected ${expected})`, '校验位不正确，请核对号码');
    const birth = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
    if (!isLocalDate(birth) || yearOf(birth) < 1800) throw invalid(input, `birth date ${birth} is not a real date`, '出生日期无效');
    if (opts.today && birth > opts.today) throw invalid(input, `birth date ${birth} is after ${opts.today}`, '出生日期晚于今天');
    return new CitizenId(s, birth);
  }

  static isValid(input: string, opts: { today?: LocalDate } = {}): boolean {
    try {
      CitizenId.parse(input, opts);
      return true;
    } catch {
      return false;
    }
  }

  /** A legacy 15-digit number (born 19xx) in its 18-digit form: insert "19", append the check character. */
  static convertLegacy(id15: string): string {
    const s = typeof id15 === 'string' ? id15.trim() : '';
    if (!/^\d{15}$/.test(s)) throw invalid(id15, 'not a 15-digit legacy id', '不是 15 位旧身份证号');
    const body = `${s.slice(0, 6)}19${s.slice(6)}`;
    return body + checkCharOf(body);
  }

  /** Region code at issue (6 digits); the person may live elsewhere now. */
  get regionCode(): string {
    return this.value.slice(0, 6);
  }

  get gender(): Gender {
    return Number(this.value[16]) % 2 === 1 ? 'male' : 'female';
  }

  /** "3207**********123X": first 4 and last 4 characters, for display. */
  masked(): string {
    return `${this.value.slice(0, 4)}${'*'.repeat(10)}${this.value.slice(14)}`;
  }

  /**
   * Full years of age on `date` (周岁). The age increases on the birthday itself. Someone born on
   * 29 February has the birthday on 28 February in common years: with no corresponding day, the
   * month's last day counts, as Civil Code art. 202 treats periods counted in years.
   */
  ageOn(date: LocalDate): number {
    if (date < this.birthDate) {
      throw new DomainValidationError('citizen_id.before_birth', '计算日期早于出生日期', `age asked for ${date}, before birth ${this.birthDate}`);
    }
    const y = yearOf(date);
    const bm = monthOf(this.birthDate);
    const leapDayInCommonYear = bm === 2 && dayOfMonth(this.birthDate) === 29 && !isLeapYear(y);
    const bd = leapDayInCommonYear ? 28 : dayOfMonth(this.birthDate);
    const [m, d] = [monthOf(date), dayOfMonth(date)];
    const hadBirthday = m > bm || (m === bm && d >= bd);
    return y - yearOf(this.birthDate) - (hadBirthday ? 0 : 1);
  }

  equals(other: CitizenId): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return this.value;
  }

  toJSON(): string {
    return this.value;
  }
}

/** The GB 11643-1999 check character of the first 17 digits. */
export function checkCharOf(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function invalid(input: unknown, why: string, whyZh: string, code = 'citizen_id.invalid'): DomainValidationError {
  // Never echo the full number into logs: it is personal data.
  const shown = typeof input === 'string' && input.length > 8 ? `${input.slice(0, 4)}…${input.slice(-2)}` : String(input);
  return new DomainValidationError(code, `身份证号无效：${whyZh}`, `invalid citizen id ${shown}: ${why}`);
}
