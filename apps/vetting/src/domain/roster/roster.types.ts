import type { Education } from '../rules/facts';

export type PoliticalStatus = '中共党员' | '预备党员' | '群众' | '民主党派' | '无党派';
export type Body = 'party' | 'committee' | 'supervision' | 'reserve';

/** A person of the roster (两委花名册), as much as the basic situation needs. */
export interface RosterPerson {
  id: string;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  education: Education;
  politicalStatus: PoliticalStatus;
  /** Disciplinary sanctions: when given, and when their effect period (影响期) ends. */
  sanctions: { date: string; effectEndsOn: string }[];
}

/** One person in one post of one village's body for a time (from inclusive, to exclusive). */
export interface Holding {
  personId: string;
  villageCode: string;
  body: Body;
  post: string;
  from: string;
  to: string | null;
}
