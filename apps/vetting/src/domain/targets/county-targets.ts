import type { LocalDate } from '@lw/domain';
import type { PolicyPack } from '../policy/policy-pack';
import { oneShoulder } from '../roster/derived-roles';
import { holdingsInForce, type Holding } from '../roster/holding';
import { ageOf, type Person } from '../roster/person';
import { isPartySecretary } from '../roster/post';
import { compareRatio, meanText, percentText, type Ratio } from './ratio';

export type TargetId = 'secretaryCollege' | 'secretaryWealthLeader' | 'secretaryAverageAge' | 'memberAverageAge' | 'women' | 'young' | 'oneShoulder';

/** 'no_data' when there is nobody to measure (no secretary in scope): a share of nothing is neither met nor missed. */
export type TargetStatus = 'met' | 'not_met' | 'no_target' | 'no_data';

export interface TargetLine {
  id: TargetId;
  label: string;
  /** 'share': numerator of denominator; 'mean': sum of full-year ages over persons. */
  kind: 'share' | 'mean';
  value: Ratio;
  /** "66.7%" or "46.5" (half-up, one decimal); null without data. */
  display: string | null;
  target: { comparison: 'atLeast' | 'atMost'; value: number; display: string } | null;
  status: TargetStatus;
}

export interface CountyTargetsReport {
  date: LocalDate;
  scopePrefix: string | null;
  packId: string;
  /** Distinct party secretaries (书记) in force. */
  secretaries: number;
  /** Distinct members of the two committees (两委干部). */
  members: number;
  /** Villages with anyone on the two committees: the 一肩挑 rate's denominator (a vacant secretary counts as not 一肩挑). */
  villages: number;
  lines: TargetLine[];
}

const COLLEGE = new Set(['研究生', '本科', '大专']);
export const WEALTH_LEADER_TAG = '致富能手';

type Targets = Pick<PolicyPack, 'id' | 'countyTargets'> & { slateRules: { young: { maxAge: number } } };

function line(id: TargetId, label: string, kind: 'share' | 'mean', value: Ratio, target: { comparison: 'atLeast' | 'atMost'; value: number } | null): TargetLine {
  const display = kind === 'share' ? percentText(value) : meanText(value);
  const targetDisplay = (t: { comparison: 'atLeast' | 'atMost'; value: number }) => {
    const v = kind === 'share' ? (percentText({ numerator: Math.round(t.value * 1e6), denominator: 1e6 }) ?? '') : `${t.value} 岁`;
    return t.comparison === 'atLeast' ? `≥ ${v}` : `≤ ${v}`;
  };
  let status: TargetStatus;
  if (!target) status = 'no_target';
  else if (value.denominator === 0) status = 'no_data';
  else {
    const c = compareRatio(value, target.value);
    status = (target.comparison === 'atLeast' ? c >= 0 : c <= 0) ? 'met' : 'not_met';
  }
  return { id, label, kind, value, display, target: target ? { ...target, display: targetDisplay(target) } : null, status };
}

const atLeast = (v: number | null) => (v === null ? null : { comparison: 'atLeast' as const, value: v });
const atMost = (v: number | null) => (v === null ? null : { comparison: 'atMost' as const, value: v });

/**
 * The county's structural targets (reported against, never blocking) for one subtree on one date,
 * from the roster alone: same input, same figures. Ages are full years (周岁) at the date; "35 岁以下"
 * includes 35, as the pack's young-member rule reads it. A holding naming an unknown person is a data error.
 */
export function countyTargets(persons: ReadonlyMap<string, Person> | readonly Person[], holdings: readonly Holding[], opts: { date: LocalDate; scopePrefix?: string; pack: Targets }): CountyTargetsReport {
  const byId = Array.isArray(persons) ? new Map(persons.map((p) => [p.id, p])) : (persons as ReadonlyMap<string, Person>);
  const inForce = holdingsInForce(holdings, opts.date, opts.scopePrefix).filter((h) => h.body === 'party' || h.body === 'committee');
  const person = (id: string) => {
    const p = byId.get(id);
    if (!p) throw new Error(`county targets: holding names unknown person ${id}`);
    return p;
  };
  const secretaries = [...new Set(inForce.filter(isPartySecretary).map((h) => h.personId))].map(person);
  const members = [...new Set(inForce.map((h) => h.personId))].map(person);
  const villages = new Set(inForce.map((h) => h.villageCode));
  const oneShoulderVillages = new Set(oneShoulder(inForce).map((o) => o.villageCode));
  const share = (xs: readonly Person[], f: (p: Person) => boolean): Ratio => ({ numerator: xs.filter(f).length, denominator: xs.length });
  const ageSum = (xs: readonly Person[]): Ratio => ({ numerator: xs.reduce((s, p) => s + ageOf(p, opts.date), 0), denominator: xs.length });
  const t = opts.pack.countyTargets;
  const youngMax = opts.pack.slateRules.young.maxAge;
  return {
    date: opts.date,
    scopePrefix: opts.scopePrefix ?? null,
    packId: opts.pack.id,
    secretaries: secretaries.length,
    members: members.length,
    villages: villages.size,
    lines: [
      line('secretaryCollege', '党组织书记大专及以上学历占比', 'share', share(secretaries, (p) => COLLEGE.has(p.education)), atLeast(t.secretaryCollegeShareMin)),
      line('secretaryWealthLeader', '党组织书记中致富能手占比', 'share', share(secretaries, (p) => p.tags.includes(WEALTH_LEADER_TAG)), atLeast(t.secretaryWealthLeaderShareMin)),
      line('secretaryAverageAge', '党组织书记平均年龄', 'mean', ageSum(secretaries), atMost(t.secretaryAverageAgeMax)),
      line('memberAverageAge', '“两委”成员平均年龄', 'mean', ageSum(members), atMost(t.memberAverageAgeMax)),
      line('women', '“两委”成员中女性占比', 'share', share(members, (p) => p.gender === 'female'), atLeast(t.womenShareMin)),
      line('young', `“两委”成员中 ${youngMax} 周岁以下占比`, 'share', share(members, (p) => ageOf(p, opts.date) <= youngMax), null),
      line('oneShoulder', '书记、主任“一肩挑”比例', 'share', { numerator: oneShoulderVillages.size, denominator: villages.size }, atLeast(t.oneShoulderShareMin)),
    ],
  };
}
