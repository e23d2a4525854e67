import type { DivisionLevel, VillageKind } from '@lw/domain';

// The levels and village kinds are the domain's: one definition, next to the code lengths.
export { DIVISION_LEVELS, type DivisionLevel, type VillageKind } from '@lw/domain';

export type SuccessionKind = 'merge' | 'split' | 'rename';

/** One version of one division, as the queries hand it out. Dates are yyyy-mm-dd (China). */
export interface DivisionNode {
  /** Significant digits only: 2 province, 4 city, 6 county, 9 township, 12 village. */
  code: string;
  /** The same code padded to the 12-digit statistical form. */
  code12: string;
  name: string;
  /** The name without its committee suffix (新安村委会 → 新安村); equal to name when there is none. */
  shortName: string;
  level: DivisionLevel;
  parentCode: string | null;
  /** From the code (village part 001–199 / 200–399 / other); null above village level. */
  villageKind: VillageKind | null;
  /** What the name says (…居委会 / …村委会); null above village level. */
  nameKind: VillageKind | null;
  /** Pinyin initials of the name, lower case (灌南县 → gnx). */
  initials: string;
  validFrom: string;
  /** Exclusive end; null while the version is current. */
  validTo: string | null;
  dataYear: number;
}

export interface Succession {
  fromCode: string;
  toCode: string;
  kind: SuccessionKind;
  effective: string;
}
