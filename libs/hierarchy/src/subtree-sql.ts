import { unpadDivisionCode } from '@lw/domain';
import { isDivisionCode } from './division-code';

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

const COLUMN = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

/**
 * `column LIKE '<code>%'` for reports over another table's division codes: a subtree is a code
 * prefix because codes never move (see Hierarchy). The column must hold significant-digit codes
 * (village codes are 12 digits in both forms), and collate "C" or carry a text_pattern_ops index
 * for the LIKE to use an index. firstParam numbers the placeholder ($1 by default).
 */
export function subtreeCondition(column: string, code: string, firstParam = 1): SqlFragment {
  if (!COLUMN.test(column)) throw new Error(`invalid column name: ${column}`);
  return { sql: `${column} LIKE $${firstParam}`, params: [subtreePattern(code)] };
}

/**
 * The LIKE pattern of a node's subtree (its significant digits, then %), for a query builder's
 * named parameter: `qb.where('t.villageCode LIKE :scope', { scope: subtreePattern(code) })`.
 */
export function subtreePattern(code: string): string {
  const c = unpadDivisionCode(code);
  if (!isDivisionCode(c)) throw new Error(`区划代码无效：${code}`);
  return `${c}%`;
}
