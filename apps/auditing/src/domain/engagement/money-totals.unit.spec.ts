import { totalsByCategory } from './money-totals';

describe('amounts by category, summed exactly', () => {
  it('0.1 + 0.2 is 0.30, not 0.30000000000000004', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    const t = totalsByCategory([
      { category: 'misappropriation', amount: '0.1' },
      { category: 'misappropriation', amount: '0.2' },
    ]);
    expect(t.rows).toEqual([{ category: 'misappropriation', findings: 2, amount: '0.30' }]);
    expect(t.total).toBe('0.30');
  });

  it('adds amounts far beyond 2^53 fen without losing a fen', () => {
    const big = '9999999999999.99';
    const t = totalsByCategory([
      ...Array.from({ length: 7 }, () => ({ category: 'new_debt', amount: big })),
      { category: 'unreceipted_voucher', amount: '0.01' },
      { category: 'unreceipted_voucher', amount: null },
    ]);
    // As floats the same sum rounds to 69999999999999.95 at two decimals.
    let float = 0.01;
    for (let i = 0; i < 7; i++) float += Number(big);
    expect(float.toFixed(2)).not.toBe('69999999999999.94');
    expect(t.rows).toEqual([
      { category: 'new_debt', findings: 7, amount: '69999999999999.93' },
      { category: 'unreceipted_voucher', findings: 2, amount: '0.01' },
    ]);
    expect(t.total).toBe('69999999999999.94');
  });
});
