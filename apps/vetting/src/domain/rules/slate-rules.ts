import type { PolicyPack } from '../policy/policy-pack';
import { ageOn } from './dates';
import { EDUCATION_RANK, type Nomination, type PersonFacts, type Verdict } from './facts';

export interface SlateNominee {
  facts: PersonFacts;
  nomination: Nomination;
}

export interface Slate {
  villageCode: string;
  stage: 'preliminary' | 'final';
  seats: { party: number; committee: number; supervision: number };
  nominees: SlateNominee[];
  /** Family links between persons (either direction), e.g. { a, b, kind: '配偶' }. */
  relatives: { a: string; b: string; kind: string }[];
}

/**
 * 差额: preliminary candidates ≥ seats × ratio, rounded UP (3 seats × 1.2 = 3.6 → 4: a fraction of a
 * person cannot stand); final candidates ≥ seats + extra.
 */
export function marginRule(pack: PolicyPack, s: Slate, body: 'party' | 'committee'): Verdict {
  const seats = s.seats[body];
  const needed = s.stage === 'preliminary' ? Math.ceil(Math.round(seats * pack.margin.preliminaryRatio * 1e9) / 1e9) : seats + pack.margin.finalExtra;
  const have = s.nominees.filter((n) => n.nomination.body === body).length;
  const label = body === 'party' ? '党组织' : '村（居）民委员会';
  const evidence = { seats, needed, have, stage: s.stage, ratio: pack.margin.preliminaryRatio };
  return have >= needed
    ? { ruleId: `margin.${body}`, kind: 'pass', message: `${label}人选 ${have} 名，差额要求 ${needed} 名`, evidence }
    : { ruleId: `margin.${body}`, kind: 'block', message: `${label}职数 ${seats} 名，人选应不少于 ${needed} 名，现有 ${have} 名`, evidence };
}

const committees = (s: Slate) => s.nominees.filter((n) => n.nomination.body !== 'supervision');

export function womanRule(pack: PolicyPack, s: Slate): Verdict {
  if (!pack.slate.requireWoman) return { ruleId: 'slate.woman', kind: 'pass', message: '不要求' };
  const women = committees(s).filter((n) => n.facts.gender === 'female');
  return women.length
    ? { ruleId: 'slate.woman', kind: 'pass', message: `女性人选 ${women.length} 名`, evidence: women.map((w) => w.facts.personId) }
    : { ruleId: 'slate.woman', kind: 'block', message: '“两委”人选中至少应有 1 名女性' };
}

export function youngRule(pack: PolicyPack, s: Slate): Verdict {
  if (!pack.slate.requireYoung) return { ruleId: 'slate.young', kind: 'pass', message: '不要求' };
  const young = committees(s).filter(
    (n) => ageOn(n.facts.birthDate, pack.cutOffDate) < pack.age.under && (!pack.slate.youngNeedsCollege || EDUCATION_RANK[n.facts.education] >= EDUCATION_RANK['大专']),
  );
  const need = pack.slate.youngNeedsCollege ? `${pack.age.under} 周岁以下、大专以上学历` : `${pack.age.under} 周岁以下`;
  return young.length
    ? { ruleId: 'slate.young', kind: 'pass', message: `${need}人选 ${young.length} 名`, evidence: young.map((y) => y.facts.personId) }
    : { ruleId: 'slate.young', kind: 'block', message: `“两委”人选中至少应有 1 名${need}的成员` };
}

/** 近亲属回避: two nominees who are near relatives may not both stand. */
export function nearRelativeRule(pack: PolicyPack, s: Slate): Verdict {
  const ids = new Set(s.nominees.map((n) => n.facts.personId));
  const pairs = s.relatives.filter((r) => ids.has(r.a) && ids.has(r.b) && pack.slate.nearRelativeKinds.includes(r.kind));
  const name = (id: string) => s.nominees.find((n) => n.facts.personId === id)!.facts.name;
  return pairs.length
    ? { ruleId: 'slate.near_relatives', kind: 'block', message: pairs.map((p) => `${name(p.a)}与${name(p.b)}系${p.kind}关系，须回避`).join('；'), evidence: pairs }
    : { ruleId: 'slate.near_relatives', kind: 'pass', message: '无近亲属同时为人选' };
}

/**
 * 村务监督委员会: no member of the villagers' committee, none of their near relatives, and not the
 * accountant or the head of the collective economy.
 */
export function supervisionRule(pack: PolicyPack, s: Slate): Verdict {
  const committeeIds = new Set(s.nominees.filter((n) => n.nomination.body === 'committee').map((n) => n.facts.personId));
  const problems: string[] = [];
  for (const n of s.nominees.filter((x) => x.nomination.body === 'supervision')) {
    const f = n.facts;
    if (committeeIds.has(f.personId)) problems.push(`${f.name}同时为村（居）民委员会人选`);
    const role = f.roles.find((r) => pack.slate.supervisionExcludedRoles.includes(r));
    if (role) problems.push(`${f.name}担任${role}`);
    const rel = s.relatives.find(
      (r) => pack.slate.nearRelativeKinds.includes(r.kind) && ((r.a === f.personId && committeeIds.has(r.b)) || (r.b === f.personId && committeeIds.has(r.a))),
    );
    if (rel) problems.push(`${f.name}是村（居）民委员会人选的${rel.kind}`);
  }
  return problems.length
    ? { ruleId: 'slate.supervision', kind: 'block', message: `村务监督委员会人选不符合规定：${problems.join('；')}`, evidence: problems }
    : { ruleId: 'slate.supervision', kind: 'pass', message: '村务监督委员会人选符合规定' };
}
