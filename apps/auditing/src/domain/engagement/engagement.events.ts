import type { LocalDate, Period } from '@lw/domain';
import type { FindingContent, PersonRef } from './finding';

/** 离任经济责任审计 (outgoing heads, planned by an election) or 三资 audit (opened by hand). */
export type EngagementKind = 'outgoing' | 'three_assets';

export interface AuditedPerson extends PersonRef {
  /** Vetting's person id, when the audit was planned from an election. */
  personId: string | null;
}

export interface EngagementScope {
  engagementId: string;
  kind: EngagementKind;
  villageCode: string;
  electionId: string | null;
  persons: AuditedPerson[];
  periodFrom: LocalDate;
  periodTo: LocalDate;
  auditors: string[];
}

/** One audit engagement of one village, from planning to publication (DOMAIN.md §3). */
export type EngagementEvent =
  | { type: 'EngagementPlanned'; data: EngagementScope & { at: string } }
  | { type: 'FieldworkStarted'; data: { auditors: string[]; at: string } }
  | { type: 'DraftSubmitted'; data: { at: string } }
  | { type: 'AuditConcluded'; data: { summary: string | null; at: string } }
  | { type: 'AuditPublished'; data: { notice: Period; noticeEndsOn: LocalDate; noticeEndsAt: string; beyondHorizon: boolean; at: string } }
  | { type: 'FindingRecorded'; data: FindingContent & { findingId: string; by: string | null; at: string } }
  | { type: 'FindingAmended'; data: FindingContent & { findingId: string; reason: string; amendedBy: string; at: string } }
  | { type: 'ViolationTransferred'; data: { findingId: string; transferId: string; at: string } }
  | { type: 'FindingRectified'; data: { findingId: string; caseId: string | null; at: string } };
