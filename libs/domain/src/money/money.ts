import { DomainValidationError } from '../errors/domain-error';

/** "-1234.56", "0.1", "12": optional minus, no leading zeros, at most two decimals, no exponent. */
const DECIMAL = /^(-)?(0|[1-9]\d*)(?:\.(\d{1,2}))?$/;

/**
 * An amount of renminbi, exact to the fen (分), held as a bigint count of fen. There is no way in
 * from a JS number except `fromFen` with a safe integer: a float never becomes money.
 * Serialises as the decimal string "1234.56".
 */
export class Money {
  private constructor(readonly fen: bigint) {}

  static readonly ZERO = new Money(0n);

  /** "1234.56" → ¥1,234.56. Rejects 3+ decimals, exponents, separators, empty and non-strings. */
  static parse(input: string): Money {
    const s = typeof input === 'string' ? input.trim() : undefined;
    const m = s === undefined ? null : DECIMAL.exec(s);
    if (!m) {
      throw new DomainValidationError(
        'money.invalid',
        `金额格式不正确：${String(input)}（应为数字，最多两位小数，如 1234.56）`,
        `invalid money amount ${typeof input === 'string' ? JSON.stringify(input) : typeof input}: expected a decimal string with at most 2 decimals`,
      );
    }
    const fen = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
    return new Money(m[1] ? -fen : fen);
  }

  /** From a count of fen: a bigint, or a number only if it is a safe integer. */
  static fromFen(fen: bigint | number): Money {
    if (typeof fen === 'bigint') return new Money(fen);
    if (typeof fen === 'number' && Number.isSafeInteger(fen)) return new Money(BigInt(fen));
    throw new DomainValidationError('money.invalid_fen', '金额无效：分必须为整数', `fen must be a bigint or a safe integer, got ${String(fen)}`);
  }

  static sum(items: Iterable<Money>): Money {
    let fen = 0n;
    for (const m of items) fen += m.fen;
    return new Money(fen);
  }

  add(other: Money): Money {
    return new Money(this.fen + other.fen);
  }

  subtract(other: Money): Money {
    return new Money(this.fen - other.fen);
  }

  /** By a whole factor only (quantities); fractional rates need an explicit rounding rule first. */
  multiply(factor: bigint | number): Money {
    if (typeof factor === 'bigint') return new Money(this.fen * factor);
    if (typeof factor === 'number' && Number.isSafeInteger(factor)) return new Money(this.fen * BigInt(factor));
    throw new DomainValidationError('money.invalid_factor', '金额只能乘以整数', `multiply factor must be an integer, got ${String(factor)}`);
  }

  negate(): Money {
    return new Money(-this.fen);
  }

  compare(other: Money): -1 | 0 | 1 {
    return this.fen < other.fen ? -1 : this.fen > other.fen ? 1 : 0;
  }

  equals(other: Money): boolean {
    return this.fen === other.fen;
  }

  lessThan(other: Money): boolean {
    return this.fen < other.fen;
  }

  greaterThan(other: Money): boolean {
    return this.fen > other.fen;
  }

  isZero(): boolean {
    return this.fen === 0n;
  }

  isNegative(): boolean {
    return this.fen < 0n;
  }

  /** "1234.56", "-0.05", "0.00". */
  toString(): string {
    const [sign, yuan, cents] = this.parts();
    return `${sign}${yuan}.${cents}`;
  }

  toJSON(): string {
    return this.toString();
  }

  /** "¥1,234.56" with 千分位 separators; "-¥1,234.56" for negatives. */
  format(): string {
    const [sign, yuan, cents] = this.parts();
    return `${sign}¥${yuan.replace(/\B(?=(\d{3})+$)/g, ',')}.${cents}`;
  }

  private parts(): [sign: string, yuan: string, cents: string] {
    const abs = this.fen < 0n ? -this.fen : this.fen;
    return [this.fen < 0n ? '-' : '', (abs / 100n).toString(), (abs % 100n).toString().padStart(2, '0')];
  }
}
