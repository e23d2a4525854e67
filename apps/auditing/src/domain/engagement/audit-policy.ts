import type { Period } from '@lw/domain';
import { FINDING_CATEGORIES, type FindingCategory } from './finding-categories';

/**
 * The auditing rules that are policy, not code (DOMAIN.md §3; seed 004: 审计结果公开公示).
 * A province loads its own values; these are the defaults.
 */
export interface AuditPolicy {
  /** How long audit results stay on public notice in the village (公示), e.g. 5 工作日. */
  publicationNotice: Period;
  /** Findings categories the auditors choose from. */
  categories: readonly FindingCategory[];
  /** Policy switch: a serious finding not yet rectified keeps the village's election gated. */
  seriousUnrectifiedBlocksElection: boolean;
  /** Audited period of an outgoing head whose start of office is unknown: this many years back. */
  defaultTermYears: number;
}

export const DEFAULT_AUDIT_POLICY: AuditPolicy = {
  publicationNotice: { amount: 5, unit: 'working_days' },
  categories: FINDING_CATEGORIES,
  seriousUnrectifiedBlocksElection: true,
  defaultTermYears: 5,
};
