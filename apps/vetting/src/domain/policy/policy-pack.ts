import type { LocalDate, Period } from '@lw/domain';
import type { Education } from '../rules/facts';
import type { RuleKind } from '../rules/verdict';

/**
 * How far back a negative-list item looks: N years before the cut-off, for ever, or only while the
 * situation lasts on the evaluation day (under investigation, not yet rectified).
 */
export type LookBack = { years: number } | 'ever' | 'current';

/** One item of the negative list (负面清单 / "十不选"). */
export interface NegativeListItem {
  id: string;
  /** Chinese, as the local plan words it. */
  label: string;
  /**
   * Record kinds (RecordFact.kind) it matches; 'appraisal_incompetent' matches a 不称职 yearly appraisal,
   * 'evaluation_incompetent' a negative 民主测评 grade of an approved campaign dossier (PersonFacts.evaluations).
   */
  recordKinds: readonly string[];
  lookBack: LookBack;
}

/** 职数 bounds of one body. */
export interface SeatRange {
  min: number;
  max: number;
}

/** 差额 of one body: preliminary ≥ ⌈seats × ratio⌉, final ≥ seats + extra; null = not checked at that stage. */
export interface MarginRule {
  preliminaryRatio: number | null;
  finalExtra: number | null;
}

/** A preference for new people: ages and education the plan says to favour. */
export interface Preference {
  maxAge: number;
  minEducation: Education;
  kind: RuleKind;
}

export interface PostRules {
  /** 新任书记 "重点选拔 45 周岁以下、大专以上". */
  newSecretary: Preference;
  /** 连任书记 up to maxAge; above it up to approvalMaxAge only with county approval; approvalMaxAge null = no ceiling. */
  continuingSecretary: { maxAge: number; approvalMaxAge: number | null };
  /** 书记 "一般应当具有 1 年以上党龄", counted from full membership at the cut-off. */
  secretaryPartyStanding: { years: number; kind: RuleKind };
  /** 新进两委 (not on the two committees now); null = no such preference. */
  newMember: Preference | null;
}

export interface SlateRules {
  /** ≥1 woman among the two committees' nominees, or among the villagers' committee's only. */
  woman: { required: boolean; scope: 'two_committees' | 'committee'; kind: RuleKind };
  /** ≥1 nominee aged maxAge or less (35 岁以下 includes 35: 以下 counts the number itself), optionally with minEducation+. */
  young: { required: boolean; maxAge: number; minEducation: Education | null; kind: RuleKind };
  /** 近亲属回避: kinds that may not both be nominees of the two committees. */
  nearRelatives: { required: boolean; kinds: readonly string[]; kind: RuleKind };
  /** Who may not sit on the supervision committee. */
  supervision: { excludeCommitteeMembers: boolean; excludeCommitteeRelatives: boolean; excludedRoles: readonly string[] };
}

/** County targets (reported against, never blocking); null = no target. Shares are fractions (0.5 = 50%). */
export interface CountyTargets {
  secretaryCollegeShareMin: number | null;
  secretaryWealthLeaderShareMin: number | null;
  secretaryAverageAgeMax: number | null;
  memberAverageAgeMax: number | null;
  womenShareMin: number | null;
  oneShoulderShareMin: number | null;
}

export interface JointReviewDepartment {
  id: string;
  name: string;
}

/**
 * A versioned policy pack: every number of DOMAIN.md §1 as data, so another province's rules load
 * without code. An election names its pack by id and version; a released version never changes.
 */
export interface PolicyPack {
  id: string;
  version: number;
  name: string;
  /** Ages, party standing and look-back windows are measured at this date (e.g. 2020-12-31). */
  cutOffDate: LocalDate;
  seats: { party: SeatRange; committee: SeatRange; supervision: SeatRange };
  margin: { party: MarginRule; committee: MarginRule };
  negativeList: readonly NegativeListItem[];
  postRules: PostRules;
  slateRules: SlateRules;
  countyTargets: CountyTargets;
  /** 公示 periods by post; appointment filing (任职备案) has its own. */
  notice: { member: Period; secretary: Period; appointmentFiling: Period };
  jointReview: { departments: readonly JointReviewDepartment[]; answerWithin: Period };
  /**
   * When a village may move to voting (DOMAIN.md §1, last paragraph): its outgoing audit concluded
   * and published, and, if the switch is on, no serious finding left unrectified.
   */
  gate: { requireAuditPublished: boolean; requireSeriousRectified: boolean };
  /**
   * The villagers' committee election's own clock (村民委员会选举规程), counted back from the vote in
   * calendar days: voter list published, objections to it closed, formal candidates published; and
   * the hand-over after the result.
   */
  committeeClock: { voterListDaysBefore: number; voterObjectionDaysBefore: number; candidatesDaysBefore: number; handOverWithin: Period };
}
