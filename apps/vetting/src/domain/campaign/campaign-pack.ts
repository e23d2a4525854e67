/**
 * A campaign pack (检查方案): what one kind of inspection campaign grades, asks, counts and requires,
 * as versioned data like the policy packs. A county swaps a pack without code; a campaign names the
 * pack (id + version) it runs under and keeps it to the end.
 */
export type CampaignKind = 'lookback' | 'midterm' | 'annual' | 'special';

export const CAMPAIGN_KIND_LABELS: Readonly<Record<CampaignKind, string>> = {
  lookback: '换届“回头看”',
  midterm: '届中分析',
  annual: '年度研判',
  special: '专项整治',
};

/** Who a dossier is about: a village's 两委 or a township's leadership team (乡镇领导班子, seed 001). */
export type SubjectKind = 'village' | 'township';

export interface Grade {
  /** What the dossier stores, e.g. '好'. */
  code: string;
  label: string;
  /** 1 = best; counted and ordered by it in the board and the report. */
  rank: number;
  /** A member's grade that counts on vetting's negative list (e.g. 不称职 in a 民主测评). */
  negative?: boolean;
}

export interface GradeScale {
  id: string;
  name: string;
  grades: readonly Grade[];
}

/** One 研判 dimension (研判内容, seed 004 report 3) or one of township's 五查五看 (seed 001). */
export interface Dimension {
  id: string;
  label: string;
  /** What the work group looks at, as the plan words it. */
  hint: string;
}

/** A category of person talked to (走访谈话 / 谈心谈话), with how many a dossier must hold at least. */
export interface TalkCategory {
  id: string;
  label: string;
  /** Required talks per subject (0 = counted, not required). */
  minimum: number;
}

export interface SubjectRules {
  teamScale: GradeScale;
  memberScale: GradeScale;
  dimensions: readonly Dimension[];
  talkCategories: readonly TalkCategory[];
  /** Village classifications (平稳 / 调整充实 / 难点 …); empty for township teams. */
  classifications: readonly string[];
}

export interface CampaignPack {
  id: string;
  version: number;
  name: string;
  kind: CampaignKind;
  /** 走访谈话、查阅资料、民主评议、问卷调查、满意度测评 …: what a work group may record as done. */
  methods: readonly { id: string; label: string }[];
  village: SubjectRules;
  /** Present when the campaign also grades township leadership teams. */
  township?: SubjectRules;
  /** Opinion and problem categories (三资管理、党建工作 …). */
  problemCategories: readonly string[];
  thresholds: {
    /** Share of questionnaire respondents who must be 群众代表 (seed 004 report 1: "不少于60%"), 0–1. */
    representativeShareMin: number;
  };
  /** Where it comes from: the plan or seed it follows. */
  source: string;
}
