import type { ReviewVerdict } from '../election/review-verdict';
import type { PolicyPack } from '../policy/policy-pack';
import type { PersonFacts } from './facts';
import type { Nomination } from './nomination';
import type { Slate } from './slate';

/** What breaking a rule means: refuse, tell, or allow only with an explicit recorded approval. */
export type RuleKind = 'block' | 'warn' | 'needs_approval';

/** The facts a rule used: records, dates, numbers; and, once approved, the approval. */
export type Evidence = Readonly<Record<string, unknown>>;

/**
 * One rule's finding. `pass` verdicts are kept too, with their evidence, so a review shows what was
 * checked and not only what failed. Person verdicts carry `personId`, slate verdicts `villageCode`.
 */
export interface Verdict extends ReviewVerdict {
  kind: RuleKind | 'pass' | 'approved';
  evidence: Evidence;
  personId?: string;
  villageCode?: string;
}

/** A rule on one nominee for one post; returns no verdict when it does not apply to that post. */
export interface PersonRule {
  id: string;
  /** Chinese, what the rule checks. */
  title: string;
  evaluate(pack: PolicyPack, facts: PersonFacts, nomination: Nomination): Verdict[];
}

/** A rule on a village's whole slate. */
export interface SlateRule {
  id: string;
  title: string;
  evaluate(pack: PolicyPack, slate: Slate): Verdict[];
}
