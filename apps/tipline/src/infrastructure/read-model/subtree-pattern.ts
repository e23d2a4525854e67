import { subtreeCondition } from '@lw/hierarchy';

/**
 * The LIKE pattern of a node's subtree on a village_code column, as @lw/hierarchy's subtreeCondition
 * builds it (significant digits, then %), for a query builder's named parameter.
 */
export function subtreePattern(code: string): string {
  return subtreeCondition('village_code', code).params[0] as string;
}
