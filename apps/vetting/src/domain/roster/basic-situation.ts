import type { LocalDate } from '@lw/domain';
import { crossAppointed, oneShoulder } from './derived-roles';
import { holdingsInForce, type Holding } from './holding';
import { ageOf, isInEffect, type Person } from './person';

/** The figures a report's 基本情况 opens with, for one subtree on one date. */
export interface BasicSituation {
  date: LocalDate;
  scopePrefix: string | null;
  /** Distinct persons on the party organisation or the villagers' committee (两委干部). */
  cadres: number;
  partyCommittee: number;
  villagersCommittee: number;
  /** On both (交叉任职), so cadres = partyCommittee + villagersCommittee − crossAppointed always. */
  crossAppointed: number;
  /** Party secretary and committee chair of the same village (一肩挑). */
  oneShoulder: number;
  partyStatus: { 正式党员: number; 预备党员: number; 群众: number; 无党派或民主党派: number };
  women: number;
  /**
   * Full years (周岁) at the date. The seeds write "45周岁以下 / 45—54周岁 / 54周岁以上"; the middle
   * band claims both 45 and 54, so the outer bands exclude them: under 45 (≤44), 45 to 54
   * inclusive, 55 and over.
   */
  ageBands: { under45: number; from45to54: number; from55: number };
  /** Mean of the full-year ages, rounded half-up to one decimal; 0 when there is nobody. */
  averageAge: number;
  education: { 大专及以上: number; '高中·中专': number; 初中: number; 小学: number };
  /** Cadres with a sanction dated on or after the last election day and not after the date. */
  disciplinedSinceElection: number;
  /** Of those, cadres with such a sanction whose effect period (影响期) has not ended at the date. */
  disciplinedInEffect: number;
  /** Distinct persons in the reserve pool (后备干部); they need not be cadres. */
  reserve: number;
}

/**
 * Computes the basic situation from the roster alone. Reproducible: no clock, no randomness, no
 * dependence on input order. A holding that names a person missing from `persons` is a data error.
 */
export function basicSituation(
  holdings: readonly Holding[],
  persons: ReadonlyMap<string, Person> | readonly Person[],
  opts: { date: LocalDate; lastElectionDate: LocalDate; scopePrefix?: string },
): BasicSituation {
  const byId = Array.isArray(persons) ? new Map(persons.map((p) => [p.id, p])) : (persons as ReadonlyMap<string, Person>);
  const inForce = holdingsInForce(holdings, opts.date, opts.scopePrefix);
  const distinct = (body: Holding['body']) => new Set(inForce.filter((h) => h.body === body).map((h) => h.personId));
  const party = distinct('party');
  const committee = distinct('committee');
  const cadres = [...new Set([...party, ...committee])].map((id) => {
    const p = byId.get(id);
    if (!p) throw new Error(`basic situation: holding names unknown person ${id}`);
    return p;
  });
  const count = (f: (p: Person) => boolean) => cadres.filter(f).length;
  const ages = cadres.map((p) => ageOf(p, opts.date));
  const ageSum = ages.reduce((a, b) => a + b, 0);
  const sinceElection = (p: Person) => p.disciplinaryRecords.filter((r) => r.date >= opts.lastElectionDate && r.date <= opts.date);
  return {
    date: opts.date,
    scopePrefix: opts.scopePrefix ?? null,
    cadres: cadres.length,
    partyCommittee: party.size,
    villagersCommittee: committee.size,
    crossAppointed: crossAppointed(inForce).size,
    oneShoulder: oneShoulder(inForce).length,
    partyStatus: {
      正式党员: count((p) => p.politicalStatus === '中共党员'),
      预备党员: count((p) => p.politicalStatus === '预备党员'),
      群众: count((p) => p.politicalStatus === '群众'),
      无党派或民主党派: count((p) => p.politicalStatus === '无党派' || p.politicalStatus === '民主党派'),
    },
    women: count((p) => p.gender === 'female'),
    ageBands: {
      under45: ages.filter((a) => a < 45).length,
      from45to54: ages.filter((a) => a >= 45 && a <= 54).length,
      from55: ages.filter((a) => a >= 55).length,
    },
    // Integer sum over integer count: the float quotient is exact at every .x5 tie, so rounding is too.
    averageAge: ages.length ? Math.round((ageSum * 10) / ages.length) / 10 : 0,
    education: {
      大专及以上: count((p) => p.education === '研究生' || p.education === '本科' || p.education === '大专'),
      '高中·中专': count((p) => p.education === '高中·中专'),
      初中: count((p) => p.education === '初中'),
      小学: count((p) => p.education === '小学'),
    },
    disciplinedSinceElection: count((p) => sinceElection(p).length > 0),
    disciplinedInEffect: count((p) => sinceElection(p).some((r) => isInEffect(r, opts.date))),
    reserve: distinct('reserve').size,
  };
}
