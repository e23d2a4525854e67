/** The five levels of the statistical division code, top down. */
export const DIVISION_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;
export type DivisionLevel = (typeof DIVISION_LEVELS)[number];

/**
 * What a village-level unit is: 社区 (居民委员会) or 行政村 (村民委员会), or neither
 * (生活区, 管理区, 农场队… which the statistics code with village parts 400 and up).
 */
export type VillageKind = 'community' | 'village' | 'other';

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
