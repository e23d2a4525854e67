import type { z } from 'zod';
import { violationTransferredV1, auditPlannedV1, findingRecordedV1, auditConcludedV1, auditPublishedV1, findingRectifiedV1 } from './auditing.contracts';
import { caseClosedV1, caseOpenedV1, caseOverdueV1, caseEscalatedV1 } from './grievance.contracts';
import { tipReceivedV1, tipAcceptedV1, tipNotAcceptedV1, tipConcludedV1, tipClosedV1 } from './tipline.contracts';
import { electionOpenedV1, nomineeListedV1, assessmentRecordedV1, publicNoticeStartedV1, publicNoticeEndedV1, nomineeDisqualifiedV1, candidatesConfirmedV1, resultRecordedV1, villageGateChangedV1, campaignProblemsAcceptedV1 } from './vetting.contracts';

/**
 * The latest payload schema of every integration contract, by type: what a consumer's typed
 * reactions decode to (see the spec: it must name the latest version the registry holds).
 */
export const LATEST_PAYLOADS = {
  'auditing.ViolationTransferred': violationTransferredV1,
  'auditing.AuditPlanned': auditPlannedV1,
  'auditing.FindingRecorded': findingRecordedV1,
  'auditing.AuditConcluded': auditConcludedV1,
  'auditing.AuditPublished': auditPublishedV1,
  'auditing.FindingRectified': findingRectifiedV1,
  'grievance.CaseClosed': caseClosedV1,
  'grievance.CaseOpened': caseOpenedV1,
  'grievance.CaseOverdue': caseOverdueV1,
  'grievance.CaseEscalated': caseEscalatedV1,
  'tipline.TipReceived': tipReceivedV1,
  'tipline.TipAccepted': tipAcceptedV1,
  'tipline.TipNotAccepted': tipNotAcceptedV1,
  'tipline.TipConcluded': tipConcludedV1,
  'tipline.TipClosed': tipClosedV1,
  'vetting.ElectionOpened': electionOpenedV1,
  'vetting.NomineeListed': nomineeListedV1,
  'vetting.AssessmentRecorded': assessmentRecordedV1,
  'vetting.PublicNoticeStarted': publicNoticeStartedV1,
  'vetting.PublicNoticeEnded': publicNoticeEndedV1,
  'vetting.NomineeDisqualified': nomineeDisqualifiedV1,
  'vetting.CandidatesConfirmed': candidatesConfirmedV1,
  'vetting.ResultRecorded': resultRecordedV1,
  'vetting.VillageGateChanged': villageGateChangedV1,
  'vetting.CampaignProblemsAccepted': campaignProblemsAcceptedV1,
} as const;

export type IntegrationType = keyof typeof LATEST_PAYLOADS;
export type IntegrationPayload<T extends IntegrationType> = z.infer<(typeof LATEST_PAYLOADS)[T]>;
