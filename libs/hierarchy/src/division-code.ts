import { DIVISION_CODE_LENGTHS, DIVISION_LEVELS, FULL_DIVISION_CODE_LENGTH, hasDivisionCodeShape, unpadDivisionCode } from '@lw/domain';
import { DivisionLevel, VillageKind } from './division-types';

/**
 * Codes are kept with their significant digits only (32, 3207, 320724, 320724101, 320724101200):
 * the parent of a code is then exactly its prefix, one string per node, and "320724" means the
 * county whether the caller thinks in the 6-digit or the padded 12-digit form. The lengths are
 * @lw/domain's.
 */
const LEVEL_INDEX = new Map<number, number>(DIVISION_CODE_LENGTHS.map((length, i) => [length, i]));
const TOWNSHIP_LENGTH = DIVISION_CODE_LENGTHS[DIVISION_LEVELS.indexOf('township')];

export function isDivisionCode(code: string): boolean {
  return hasDivisionCodeShape(code);
}

export function levelOfCode(code: string): DivisionLevel {
  if (!hasDivisionCodeShape(code)) throw new Error(`区划代码无效：${code}`);
  return DIVISION_LEVELS[LEVEL_INDEX.get(code.length)!];
}

export function codeLength(level: DivisionLevel): number {
  return DIVISION_CODE_LENGTHS[DIVISION_LEVELS.indexOf(level)];
}

export function parentCodeOf(code: string): string | null {
  const i = DIVISION_LEVELS.indexOf(levelOfCode(code));
  return i === 0 ? null : code.slice(0, DIVISION_CODE_LENGTHS[i - 1]);
}

/** All proper ancestors, province first. */
export function ancestorCodesOf(code: string): string[] {
  const out: string[] = [];
  for (let p = parentCodeOf(code); p !== null; p = parentCodeOf(p)) out.unshift(p);
  return out;
}

/**
 * The significant digits (320724000000 → 320724): @lw/domain's unpadDivisionCode, the one
 * implementation, under the name some callers still import (new code imports unpadDivisionCode).
 */
export const normalizeCode: (code: string) => string = unpadDivisionCode;

export function toCode12(code: string): string {
  return code.padEnd(FULL_DIVISION_CODE_LENGTH, '0');
}

/** 统计用区划代码编制规则: village part 001–199 居委会, 200–399 村委会, the rest other units. */
export function villageKindOfCode(code: string): VillageKind {
  if (code.length !== FULL_DIVISION_CODE_LENGTH) throw new Error(`不是村级区划代码：${code}`);
  const part = Number(code.slice(TOWNSHIP_LENGTH));
  if (part >= 1 && part <= 199) return 'community';
  if (part >= 200 && part <= 399) return 'village';
  return 'other';
}
