import { z } from 'zod';
import type { EventContract } from '../events/event-contract';
import { divisionCodeSchema as divisionCode, instantSchema as instant, localDateSchema as localDate } from './shared.schemas';

/** Candidates of a village put under public notice (公示) before the election (issue 4 publishes it). */
export const publicNoticeStartedV1 = z.object({
  noticeId: z.string().min(1),
  electionId: z.string().min(1).optional(),
  villageCode: divisionCode,
  startsOn: localDate,
  endsOn: localDate,
  candidates: z
    .array(z.object({ candidateId: z.string().min(1), name: z.string().min(1), citizenId: z.string().length(18).optional(), post: z.string().min(1) }))
    .min(1),
});
export type PublicNoticeStartedV1 = z.infer<typeof publicNoticeStartedV1>;

export const publicNoticeEndedV1 = z.object({ noticeId: z.string().min(1), villageCode: divisionCode, endedOn: localDate });
export type PublicNoticeEndedV1 = z.infer<typeof publicNoticeEndedV1>;

/** A nominee out of the election, with why (a rule's verdicts, or a substantiated tip). No private data. */
export const nomineeDisqualifiedV1 = z.object({
  electionId: z.string().min(1),
  villageCode: divisionCode,
  nomineeId: z.string().min(1),
  name: z.string().min(1),
  post: z.string().min(1),
  reason: z.string().min(1),
  tipId: z.uuid().nullable(),
  disqualifiedAt: instant,
});
export type NomineeDisqualifiedV1 = z.infer<typeof nomineeDisqualifiedV1>;

export const candidatesConfirmedV1 = z.object({
  electionId: z.string().min(1),
  villageCode: divisionCode,
  candidates: z.array(z.object({ nomineeId: z.string().min(1), name: z.string().min(1), post: z.string().min(1) })),
  confirmedAt: instant,
});
export type CandidatesConfirmedV1 = z.infer<typeof candidatesConfirmedV1>;

export const resultRecordedV1 = z.object({
  electionId: z.string().min(1),
  villageCode: divisionCode,
  elected: z.array(z.object({ nomineeId: z.string().min(1), name: z.string().min(1), post: z.string().min(1) })),
  recordedAt: instant,
});
export type ResultRecordedV1 = z.infer<typeof resultRecordedV1>;

export const villageGateChangedV1 = z.object({
  electionId: z.string().min(1),
  villageCode: divisionCode,
  open: z.boolean(),
  reasons: z.array(z.string()),
  changedAt: instant,
});
export type VillageGateChangedV1 = z.infer<typeof villageGateChangedV1>;

export const VETTING_CONTRACTS: EventContract[] = [
  { type: 'vetting.PublicNoticeStarted', version: 1, schema: publicNoticeStartedV1 },
  { type: 'vetting.PublicNoticeEnded', version: 1, schema: publicNoticeEndedV1 },
  { type: 'vetting.NomineeDisqualified', version: 1, schema: nomineeDisqualifiedV1 },
  { type: 'vetting.CandidatesConfirmed', version: 1, schema: candidatesConfirmedV1 },
  { type: 'vetting.ResultRecorded', version: 1, schema: resultRecordedV1 },
  { type: 'vetting.VillageGateChanged', version: 1, schema: villageGateChangedV1 },
];
