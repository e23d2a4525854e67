import { DivisionLevel, VillageKind } from './division-types';

// Real names carry notes in full-width brackets (长丰村委会（藏鹤亭）); the kind is in what precedes them.
const TRAILING_NOTES = /(?:（[^（）]*）|\([^()]*\))+$/;
const COMMUNITY_SUFFIX = /(?:社区|居民管理委员会|居民委员会|居民委会|居委会|居委|家委会)$/;
const VILLAGE_SUFFIX = /(?:村民委员会|村民委会|村委会|村委|村|嘎查委员会|嘎查委会|嘎查|牧民委员会|牧委会)$/;

/** What a village-level name says it is; the statistics code may disagree (real data does). */
export function nameKindOf(name: string): VillageKind {
  const base = name.replace(TRAILING_NOTES, '');
  if (VILLAGE_SUFFIX.test(base)) return 'village';
  if (COMMUNITY_SUFFIX.test(base)) return 'community';
  return 'other';
}

const VILLAGE_COMMITTEE = /村?(?:村民委员会|村民委会|村委会|村委)$/;
const OTHER_COMMITTEE = /(?:居民管理委员会|居民委员会|牧民委员会|居民委会|居委会|牧委会|家委会|委员会|委会|居委)$/;

/**
 * The name people say. Villages drop the committee suffix (新安村委会 → 新安村, 银闸社区居委会 → 银闸社区)
 * and bracketed notes; higher levels drop their level word (灌南县 → 灌南, 新安镇 → 新安) when two
 * characters remain. Always a prefix of the full name, so its pinyin initials are a prefix of the
 * full initials and the search can rank "新安" as an exact hit on 新安镇.
 */
export function shortNameOf(name: string, level: DivisionLevel): string {
  if (level === 'village') return villageShortNameOf(name);
  if (name === '市辖区') return name; // the city slot of 直辖市 and some prefectures: not a place name
  const m = LEVEL_WORD.exec(name);
  return m && m.index >= 2 ? name.slice(0, m.index) : name;
}

const LEVEL_WORD = /(?:自治区|自治州|自治县|自治旗|特别行政区|地区|街道|林区|省|市|县|区|镇|乡|旗|盟)$/;

function villageShortNameOf(name: string): string {
  const base = name.replace(TRAILING_NOTES, '');
  let short = base;
  const village = VILLAGE_COMMITTEE.exec(base);
  if (village) short = base.slice(0, village.index) + '村';
  else short = base.replace(OTHER_COMMITTEE, '');
  return short.length > 0 && name.startsWith(short) ? short : name;
}
