import { DomainValidationError } from '../errors/domain-error';
import { Money } from './money';

const m = Money.parse;

describe('Money', () => {
  it('adds 0.1 + 0.2 to exactly 0.30', () => {
    expect(m('0.1').add(m('0.2')).toString()).toBe('0.30');
    expect(m('0.1').add(m('0.2')).equals(m('0.3'))).toBe(true);
  });

  it('parses up to two decimals into fen', () => {
    expect(m('1234.56').fen).toBe(123456n);
    expect(m('1234.5').fen).toBe(123450n);
    expect(m('12').fen).toBe(1200n);
    expect(m('0.05').fen).toBe(5n);
    expect(m('-0.05').fen).toBe(-5n);
    expect(m('-0').toString()).toBe('0.00');
    expect(m('90071992547409931.99').fen).toBe(9007199254740993199n);
  });

  it.each(['1.234', '1e3', '1E-2', 'NaN', 'Infinity', '', ' ', '.5', '5.', '01.00', '1,234.56', '+1', '0x10', '１２'])('rejects %p', (s) => {
    expect(() => m(s)).toThrow(DomainValidationError);
  });

  it('rejects JS numbers except safe-integer fen', () => {
    expect(() => m(0.3 as unknown as string)).toThrow(DomainValidationError);
    expect(() => Money.fromFen(0.5)).toThrow(DomainValidationError);
    expect(() => Money.fromFen(2 ** 53)).toThrow(DomainValidationError);
    expect(Money.fromFen(123).toString()).toBe('1.23');
    expect(Money.fromFen(-123n).toString()).toBe('-1.23');
  });

  it('sums many large amounts beyond 2^53 fen exactly', () => {
    const big = m('9999999999999.99'); // 999 999 999 999 999 fen ≈ 2^49.8
    const total = Money.sum(Array.from({ length: 1000 }, () => big));
    expect(total.fen).toBe(999_999_999_999_999_000n);
    expect(total.fen > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(total.toString()).toBe('9999999999999990.00');
    // The same through floats would have lost the fen.
    expect(Array.from({ length: 1000 }, () => 9999999999999.99).reduce((a, b) => a + b, 0).toFixed(2)).not.toBe('9999999999999990.00');
    expect(Money.sum([]).isZero()).toBe(true);
  });

  it('subtracts, multiplies by integers and compares', () => {
    expect(m('10.00').subtract(m('10.01')).toString()).toBe('-0.01');
    expect(m('19.99').multiply(3).toString()).toBe('59.97');
    expect(m('19.99').multiply(3n).toString()).toBe('59.97');
    expect(() => m('19.99').multiply(1.5)).toThrow(DomainValidationError);
    expect(m('1.00').compare(m('0.99'))).toBe(1);
    expect(m('0.99').compare(m('1'))).toBe(-1);
    expect(m('1').compare(m('1.00'))).toBe(0);
    expect(m('1').lessThan(m('1.01'))).toBe(true);
    expect(m('-1').isNegative()).toBe(true);
    expect(m('5').negate().toString()).toBe('-5.00');
  });

  it('serialises as a decimal string and formats with thousands separators', () => {
    expect(JSON.stringify({ amount: m('1234.5') })).toBe('{"amount":"1234.50"}');
    expect(m('1234.56').format()).toBe('¥1,234.56');
    expect(m('1234567.8').format()).toBe('¥1,234,567.80');
    expect(m('999').format()).toBe('¥999.00');
    expect(m('0').format()).toBe('¥0.00');
    expect(m('-1234.56').format()).toBe('-¥1,234.56');
  });
});
