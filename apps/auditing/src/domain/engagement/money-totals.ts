import { Money } from '@lw/domain';
import type { FindingContent } from './finding';

export interface CategoryTotal {
  category: string;
  findings: number;
  /** Exact yuan as a decimal string. */
  amount: string;
}

/** Amounts summed exactly (in fen, as bigints) per category, in first-seen order, and in all. */
export function totalsByCategory(findings: Iterable<Pick<FindingContent, 'category' | 'amount'>>): { rows: CategoryTotal[]; total: string } {
  const sums = new Map<string, { n: number; sum: Money }>();
  let total = Money.ZERO;
  for (const f of findings) {
    const amount = f.amount === null ? Money.ZERO : Money.parse(f.amount);
    const cur = sums.get(f.category) ?? { n: 0, sum: Money.ZERO };
    sums.set(f.category, { n: cur.n + 1, sum: cur.sum.add(amount) });
    total = total.add(amount);
  }
  return { rows: [...sums].map(([category, v]) => ({ category, findings: v.n, amount: v.sum.toString() })), total: total.toString() };
}
