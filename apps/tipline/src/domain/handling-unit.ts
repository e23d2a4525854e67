import type { TipPolicy } from './tip-policy';
import type { TipSubject } from './tip-subject';

export interface HandlingUnit {
  code: string;
  name: string;
  level: 'county' | 'township';
}

/**
 * The unit a tip goes to by its subject's level and place: the township commission of the village,
 * unless a subject holds a county-level post (书记, 主任, 一肩挑: cadres the county manages; exact post names, so 副书记 stays with the township) or the tip
 * is election-related, or no village is known: then the county commission.
 */
export function suggestHandlingUnit(
  subjects: readonly TipSubject[],
  electionRelated: boolean,
  places: { county: { code: string; name: string }; townshipOf(villageCode: string): { code: string; name: string } | null },
  policy: Pick<TipPolicy, 'countyLevelPosts'>,
): HandlingUnit {
  const county: HandlingUnit = { code: places.county.code, name: `${places.county.name}纪委监委`, level: 'county' };
  const seniorSubject = subjects.some((s) => s.kind === 'person' && s.post && policy.countyLevelPosts.includes(s.post.trim()));
  if (seniorSubject || electionRelated) return county;
  const village = subjects.find((s) => s.villageCode)?.villageCode;
  const township = village ? places.townshipOf(village) : null;
  return township ? { code: township.code, name: `${township.name}纪委`, level: 'township' } : county;
}
