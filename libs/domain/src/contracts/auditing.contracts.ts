import { z } from 'zod';
import type { EventContract } from '../events/event-contract';
import { divisionCodeSchema as divisionCode, instantSchema as instant, localDateSchema as localDate } from './shared.schemas';

/** An audit finding that looks like a discipline violation, sent to the tip-line as a case source (issue 5 publishes it). */
export const violationTransferredV1 = z.object({
  transferId: z.string().min(1),
  engagementId: z.string().min(1),
  findingId: z.string().min(1),
  villageCode: divisionCode,
  transferredAt: instant,
  category: z.string().min(1),
  description: z.string().min(1).max(5000),
  /** Yuan as an exact decimal string, never a float. */
  amount: z.string().regex(/^\d{1,15}(\.\d{1,2})?$/, 'yuan as a decimal string with at most 2 decimals').nullable(),
  responsiblePersons: z.array(z.object({ name: z.string().min(1), post: z.string().nullish() })),
});

export type ViolationTransferredV1 = z.infer<typeof violationTransferredV1>;

/** Yuan as an exact decimal string (never a float): up to 15 integer digits and 2 decimals. */
const yuan = z.string().regex(/^\d{1,15}(\.\d{1,2})?$/, 'yuan as a decimal string with at most 2 decimals');
const personRef = z.object({ name: z.string().min(1), post: z.string().nullish() });
/** 一般 / 较重 / 严重. */
export const findingSeverity = z.enum(['general', 'major', 'serious']);
/** An outgoing economic-responsibility audit (离任经济责任审计) or a 三资 audit. */
const engagementKind = z.enum(['outgoing', 'three_assets']);

/** An engagement planned: by vetting's ElectionOpened (outgoing audits) or by hand (三资). */
export const auditPlannedV1 = z.object({
  engagementId: z.string().min(1),
  kind: engagementKind,
  villageCode: divisionCode,
  electionId: z.string().min(1).nullable(),
  persons: z.array(personRef),
  periodFrom: localDate,
  periodTo: localDate,
  plannedAt: instant,
});
export type AuditPlannedV1 = z.infer<typeof auditPlannedV1>;

/** A finding, or its attributed amendment (amendedFrom names the finding it corrects on a published audit). */
export const findingRecordedV1 = z.object({
  engagementId: z.string().min(1),
  findingId: z.string().min(1),
  villageCode: divisionCode,
  electionId: z.string().min(1).nullable(),
  category: z.string().min(1),
  /** The category's Chinese name (audit policy data), so consumers need not know auditing's codes. */
  categoryName: z.string().min(1).optional(),
  severity: findingSeverity,
  amount: yuan.nullable(),
  rectificationRequired: z.boolean(),
  violationSuspected: z.boolean(),
  description: z.string().min(1).max(5000),
  responsiblePersons: z.array(personRef),
  recordedAt: instant,
  amendment: z.object({ reason: z.string().min(1), amendedBy: z.string().min(1) }).nullable(),
});
export type FindingRecordedV1 = z.infer<typeof findingRecordedV1>;

export const auditConcludedV1 = z.object({
  engagementId: z.string().min(1),
  villageCode: divisionCode,
  electionId: z.string().min(1).nullable(),
  concludedAt: instant,
  findings: z.number().int().min(0),
  /** Serious findings that need rectification and are not rectified yet. */
  seriousOpen: z.number().int().min(0),
});
export type AuditConcludedV1 = z.infer<typeof auditConcludedV1>;

/** Results published to the village (公示); the notice runs to noticeEndsOn (working days, per policy). */
export const auditPublishedV1 = z.object({
  engagementId: z.string().min(1),
  villageCode: divisionCode,
  electionId: z.string().min(1).nullable(),
  publishedAt: instant,
  noticeEndsOn: localDate,
  seriousOpen: z.number().int().min(0),
});
export type AuditPublishedV1 = z.infer<typeof auditPublishedV1>;

/** A finding rectified (its grievance case closed, caseId), so the village's gate may lift. */
export const findingRectifiedV1 = z.object({
  engagementId: z.string().min(1),
  findingId: z.string().min(1),
  villageCode: divisionCode,
  electionId: z.string().min(1).nullable(),
  severity: findingSeverity,
  rectifiedAt: instant,
  caseId: z.string().min(1).nullable(),
  /** Serious findings of the engagement still needing rectification after this one. */
  seriousOpen: z.number().int().min(0),
});
export type FindingRectifiedV1 = z.infer<typeof findingRectifiedV1>;

export const AUDITING_CONTRACTS: EventContract[] = [
  { type: 'auditing.ViolationTransferred', version: 1, schema: violationTransferredV1 },
  { type: 'auditing.AuditPlanned', version: 1, schema: auditPlannedV1 },
  { type: 'auditing.FindingRecorded', version: 1, schema: findingRecordedV1 },
  { type: 'auditing.AuditConcluded', version: 1, schema: auditConcludedV1 },
  { type: 'auditing.AuditPublished', version: 1, schema: auditPublishedV1 },
  { type: 'auditing.FindingRectified', version: 1, schema: findingRectifiedV1 },
];
