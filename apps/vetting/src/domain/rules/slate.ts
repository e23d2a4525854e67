import type { PersonFacts } from './facts';
import type { Nomination } from './nomination';

export interface SlateNominee {
  facts: PersonFacts;
  nomination: Nomination;
}

/** `relativeId` is `personId`'s <kind> (配偶, 父母, 叔侄 …); the rules read a link in either direction. */
export interface RelativeLink {
  personId: string;
  relativeId: string;
  kind: string;
}

/**
 * One village's nominees at one stage. A cross-appointed nominee (交叉任职) appears once per body;
 * head counts (women, young, margin) count distinct persons.
 */
export interface Slate {
  villageCode: string;
  /** 初步人选 (preliminary) or 候选人预备人选 / 正式候选人 (final): the margin differs. */
  stage: 'preliminary' | 'final';
  /** 职数 per body for the new term. */
  seats: { party: number; committee: number; supervision?: number };
  nominees: readonly SlateNominee[];
  relatives: readonly RelativeLink[];
}
