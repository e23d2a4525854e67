import type { Gender, LocalDate } from '@lw/domain';
import type { AppraisalGrade, PoliticalStatus } from '../roster/person';

/** Education levels as the roster records them (DOMAIN.md §"The people"), highest first. */
export type Education = '研究生' | '本科' | '大专' | '高中·中专' | '初中' | '小学';

/** Higher is more: "大专+" means rank ≥ EDUCATION_RANK['大专']. */
export const EDUCATION_RANK: Readonly<Record<Education, number>> = { 研究生: 6, 本科: 5, 大专: 4, '高中·中专': 3, 初中: 2, 小学: 1 };

export function hasAtLeast(education: Education, minimum: Education): boolean {
  return EDUCATION_RANK[education] >= EDUCATION_RANK[minimum];
}

/**
 * A penal, disciplinary or administrative record, or a standing situation (investigation, illegal
 * land use not rectified). `kind` is a code the pack's negative list matches (`recordKinds`).
 * `endsOn` is the LAST day the record is in effect (影响期 / until rectified or concluded), inclusive,
 * as the roster keeps it; absent or null while it has no end.
 */
export interface RecordFact {
  kind: string;
  date: LocalDate;
  endsOn?: LocalDate | null;
  /** Where it came from (department, document number), kept as evidence. */
  source?: string;
}

export interface AppraisalFact {
  year: number;
  grade: AppraisalGrade;
}

/**
 * A member's grade in a 民主测评 (an inspection campaign's dossier, once approved) that the campaign's
 * pack marks negative, e.g. 不称职. Not a yearly appraisal (年度考核): it has a day, not a year, and
 * says which campaign and dossier graded it; the negative list matches it as 'evaluation_incompetent'.
 */
export interface EvaluationFact {
  /** The day the dossier was approved (Asia/Shanghai): the result stands from then. */
  date: LocalDate;
  /** The grade's label in the pack (不称职 …). */
  grade: string;
  campaignId: string;
  campaignName: string;
  /** The dossier's subject: a 12-digit village or 9-digit township code. */
  subjectCode: string;
}

/** A tip concluded as substantiated against this person (from the tip-line). */
export interface SubstantiatedTipFact {
  tipId: string;
  concludedOn: LocalDate;
  summary: string;
}

/**
 * Everything the person rules need to know of one person, as plain data. The roster supplies it:
 * birth date and gender come from the citizen id number (CitizenId), never typed in separately.
 */
export interface PersonFacts {
  personId: string;
  name: string;
  /** The day these facts describe (the evaluation day): "current" items of the negative list are judged on it. */
  asOf: LocalDate;
  birthDate: LocalDate;
  gender: Gender;
  education: Education;
  politicalStatus: PoliticalStatus;
  /** 入党时间: admission as a probationary member. */
  partyJoinDate?: LocalDate | null;
  /** 转正时间: full membership, from which party standing (党龄) counts (党章第七条). */
  fullMembershipDate?: LocalDate | null;
  records: readonly RecordFact[];
  appraisals: readonly AppraisalFact[];
  /** Negative 民主测评 grades of approved campaign dossiers, apart from the yearly appraisals. */
  evaluations: readonly EvaluationFact[];
  /** A case opened and not yet closed (立案审查调查); the negative list sees it as a record of kind 'investigation'. */
  underInvestigation?: { since: LocalDate; source?: string } | null;
  substantiatedTips: readonly SubstantiatedTipFact[];
  /** Village roles outside the two committees that bar the supervision committee (会计, 报账员, 文书, 集体经济组织负责人 …). */
  roles: readonly string[];
}
