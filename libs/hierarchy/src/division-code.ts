import { DivisionLevel, VillageKind } from './division-types';

/**
 * Codes are kept with their significant digits only (32, 3207, 320724, 320724101, 320724101200):
 * the parent of a code is then exactly its prefix, one string per node, and "320724" means the
 * county whether the caller thinks in the 6-digit or the padded 12-digit form.
 */
const LENGTHS: Record<number, DivisionLevel> = { 2: 'province', 4: 'city', 6: 'county', 9: 'township', 12: 'village' };
const PARENT_LENGTH: Record<number, number> = { 4: 2, 6: 4, 9: 6, 12: 9 };
const LEVEL_LENGTH: Record<DivisionLevel, number> = { province: 2, city: 4, county: 6, township: 9, village: 12 };

export function isDivisionCode(code: string): boolean {
  return /^[0-9]+$/.test(code) && LENGTHS[code.length] !== undefined;
}

export function levelOfCode(code: string): DivisionLevel {
  const level = LENGTHS[code.length];
  if (level === undefined || !/^[0-9]+$/.test(code)) throw new Error(`区划代码无效：${code}`);
  return level;
}

export function codeLength(level: DivisionLevel): number {
  return LEVEL_LENGTH[level];
}

export function parentCodeOf(code: string): string | null {
  levelOfCode(code);
  const len = PARENT_LENGTH[code.length];
  return len === undefined ? null : code.slice(0, len);
}

/** All proper ancestors, province first. */
export function ancestorCodesOf(code: string): string[] {
  const out: string[] = [];
  for (let p = parentCodeOf(code); p !== null; p = parentCodeOf(p)) out.unshift(p);
  return out;
}

/**
 * Accepts the significant form or the padded 12-digit form (320724000000 → 320724).
 * A village part is never 000 and a township part never 000, so trailing zero groups are padding.
 */
export function normalizeCode(code: string): string {
  if (code.length !== 12) return code;
  if (!code.endsWith('000')) return code;
  if (!code.endsWith('000000')) return code.slice(0, 9);
  if (!code.endsWith('00000000')) return code.slice(0, 6);
  if (!code.endsWith('0000000000')) return code.slice(0, 4);
  return code.slice(0, 2);
}

export function toCode12(code: string): string {
  return code.padEnd(12, '0');
}

/** 统计用区划代码编制规则: village part 001–199 居委会, 200–399 村委会, the rest other units. */
export function villageKindOfCode(code: string): VillageKind {
  if (code.length !== 12) throw new Error(`不是村级区划代码：${code}`);
  const part = Number(code.slice(9));
  if (part >= 1 && part <= 199) return 'community';
  if (part >= 200 && part <= 399) return 'village';
  return 'other';
}
