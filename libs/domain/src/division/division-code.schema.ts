import { z } from 'zod';
import { DIVISION_CODE_LENGTHS, DIVISION_LEVELS, FULL_DIVISION_CODE_LENGTH, type DivisionLevel } from './division-code';

/**
 * A division code a request carries, at one of `levels`: its significant digits or the padded
 * 12-digit form (both name the same node), by the lengths of DIVISION_CODE_LENGTHS. The check is a
 * regex so the OpenAPI document shows it as a pattern; whether the node exists is the handler's
 * question (Jurisdiction). Every request schema builds its codes with this, each with its own
 * Chinese wording.
 */
export function requestDivisionCodeSchema(levels: readonly DivisionLevel[], invalidZh: string) {
  const lengths = new Set([...levels.map((l) => DIVISION_CODE_LENGTHS[DIVISION_LEVELS.indexOf(l)]), FULL_DIVISION_CODE_LENGTH]);
  return z.string().regex(new RegExp(`^(?:${[...lengths].map((n) => `\\d{${n}}`).join('|')})$`), invalidZh);
}
