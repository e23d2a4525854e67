import type { ReviewVerdict } from '../election/review-verdict';

export type Education = '研究生' | '本科' | '大专' | '高中·中专' | '初中' | '小学';
export const EDUCATION_RANK: Readonly<Record<Education, number>> = { 研究生: 6, 本科: 5, 大专: 4, '高中·中专': 3, 初中: 2, 小学: 1 };

/** What the rules need to know of one person, as plain data (the roster supplies it). */
export interface PersonFacts {
  personId: string;
  name: string;
  birthDate: string;
  gender: 'male' | 'female';
  education: Education;
  politicalStatus: '中共党员' | '预备党员' | '群众' | '民主党派' | '无党派';
  partyJoinDate: string | null;
  /** Penal, disciplinary and other records: kind (as the negative list names them), date, end of effect. */
  records: { kind: string; date: string; endsOn?: string | null; source?: string }[];
  /** Yearly appraisals; 不称职 feeds the negative list. */
  appraisals: { year: number; grade: '优秀' | '称职' | '基本称职' | '不称职' }[];
  /** Roles outside the committees that matter to the supervision committee (会计, 集体经济组织负责人…). */
  roles: string[];
}

export interface Nomination {
  post: string;
  body: 'party' | 'committee' | 'supervision';
  /** Re-standing for the post held now (continuing secretary) vs new to it. */
  continuing: boolean;
}

/** An explicit, recorded exception by an authorised user: turns one needs-approval verdict into approved. */
export interface Approval {
  ruleId: string;
  personId: string;
  approvedBy: string;
  reason: string;
  at: string;
}

export type Verdict = ReviewVerdict & { personId?: string };

export function isSecretary(post: string): boolean {
  return post === '书记' || post === '党组织书记';
}
