import { ageOn } from '../rules/dates';
import type { Holding, RosterPerson } from './roster.types';

export interface BasicSituation {
  date: string;
  /** Distinct persons on the party or the villagers' committee (两委干部). */
  cadres: number;
  partyCommittee: number;
  villagersCommittee: number;
  /** On both committees (交叉任职): cadres = party + villagers' − cross-appointed. */
  crossAppointed: number;
  /** Party secretary who is also committee chair of the same village (一肩挑). */
  oneShoulder: number;
  politicalStatus: { 正式党员: number; 预备党员: number; 群众: number; 无党派或民主党派: number };
  women: number;
  /** Full years at the date: under 45, 45 to 54, over 54 (the seeds' "45周岁以下 / 45—54周岁 / 54周岁以上"). */
  ageBands: { under45: number; from45to54: number; over54: number };
  averageAge: number;
  education: { 大专及以上: number; '高中·中专': number; 初中: number; 小学及以下: number };
  /** Sanctioned since the last election, and of those still inside the effect period at the date. */
  sanctionedSinceElection: number;
  sanctionStillInEffect: number;
  reserve: number;
}

const SECRETARY = new Set(['书记', '党组织书记']);
const CHAIR = new Set(['主任', '村委会主任', '居委会主任']);

/**
 * The figures every report opens with, for the holdings in force on `date` inside `scope` (a code
 * prefix). Exact and reproducible: the same roster and date give the same figures.
 */
export function basicSituation(
  holdings: readonly Holding[],
  persons: ReadonlyMap<string, RosterPerson>,
  opts: { date: string; lastElectionDate: string; scope?: string },
): BasicSituation {
  const current = holdings.filter((h) => h.from <= opts.date && (h.to === null || h.to > opts.date) && (!opts.scope || h.villageCode.startsWith(opts.scope)));
  const party = new Set(current.filter((h) => h.body === 'party').map((h) => h.personId));
  const committee = new Set(current.filter((h) => h.body === 'committee').map((h) => h.personId));
  const cadres = [...new Set([...party, ...committee])].map((id) => {
    const p = persons.get(id);
    if (!p) throw new Error(`holding names unknown person ${id}`);
    return p;
  });
  const oneShoulder = current.filter(
    (h) => h.body === 'party' && SECRETARY.has(h.post) && current.some((c) => c.personId === h.personId && c.villageCode === h.villageCode && c.body === 'committee' && CHAIR.has(c.post)),
  ).length;
  const ages = cadres.map((p) => ageOn(p.birthDate, opts.date));
  const count = (f: (p: RosterPerson) => boolean) => cadres.filter(f).length;
  const sanctioned = cadres.filter((p) => p.sanctions.some((s) => s.date >= opts.lastElectionDate && s.date <= opts.date));
  return {
    date: opts.date,
    cadres: cadres.length,
    partyCommittee: party.size,
    villagersCommittee: committee.size,
    crossAppointed: [...party].filter((id) => committee.has(id)).length,
    oneShoulder,
    politicalStatus: {
      正式党员: count((p) => p.politicalStatus === '中共党员'),
      预备党员: count((p) => p.politicalStatus === '预备党员'),
      群众: count((p) => p.politicalStatus === '群众'),
      无党派或民主党派: count((p) => p.politicalStatus === '无党派' || p.politicalStatus === '民主党派'),
    },
    women: count((p) => p.gender === 'female'),
    ageBands: { under45: ages.filter((a) => a < 45).length, from45to54: ages.filter((a) => a >= 45 && a <= 54).length, over54: ages.filter((a) => a > 54).length },
    averageAge: ages.length ? Math.round((ages.reduce((a, b) => a + b, 0) / ages.length) * 10) / 10 : 0,
    education: {
      大专及以上: count((p) => ['研究生', '本科', '大专'].includes(p.education)),
      '高中·中专': count((p) => p.education === '高中·中专'),
      初中: count((p) => p.education === '初中'),
      小学及以下: count((p) => p.education === '小学'),
    },
    sanctionedSinceElection: sanctioned.length,
    sanctionStillInEffect: sanctioned.filter((p) => p.sanctions.some((s) => s.date >= opts.lastElectionDate && s.effectEndsOn >= opts.date)).length,
    reserve: new Set(current.filter((h) => h.body === 'reserve').map((h) => h.personId)).size,
  };
}
