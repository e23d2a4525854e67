import { hasDivisionCodeShape, unpadDivisionCode } from '@lw/domain';

/**
 * Division codes a user can be bound to: the significant prefix of the 12-digit statistical code
 * at any level (lengths as @lw/domain defines them). Province and city exist so the same rules
 * scale past one county.
 */
export function isNodeCode(value: unknown): value is string {
  return hasDivisionCodeShape(value);
}

/**
 * Drops trailing all-zero levels, so the padded form '320724000000' and the short form '320724'
 * name the same county. Returns null for anything that is not a node code.
 */
export function significantPrefix(code: string): string | null {
  return isNodeCode(code) ? unpadDivisionCode(code) : null;
}
