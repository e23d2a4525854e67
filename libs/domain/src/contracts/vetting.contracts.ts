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

/**
 * An election (换届) opened for some villages: auditing plans one outgoing audit per village for the
 * heads it names (name and post only), over the period they held office.
 */
export const electionOpenedV1 = z.object({
  electionId: z.string().min(1),
  scope: divisionCode,
  name: z.string().min(1),
  policy: z.object({ id: z.string().min(1), version: z.number().int().min(1) }),
  openedAt: instant,
  /** The day voting may start at the earliest (the timeline's 投票日), when the plan sets one. */
  votingFrom: localDate.nullable(),
  villages: z
    .array(
      z.object({
        villageCode: divisionCode,
        outgoingHeads: z.array(z.object({ personId: z.string().min(1), name: z.string().min(1), post: z.string().min(1), since: localDate.nullable() })),
      }),
    )
    .min(1),
});
export type ElectionOpenedV1 = z.infer<typeof electionOpenedV1>;

/** A village's assessment (研判 / 民主测评) recorded; problems found go to grievance as cases. */
export const assessmentRecordedV1 = z.object({
  assessmentId: z.string().min(1),
  villageCode: divisionCode,
  period: z.string().min(1),
  teamGrade: z.string().min(1),
  classification: z.string().min(1),
  weak: z.boolean(),
  /**
   * Questionnaires handed out and returned, and (optional, so earlier v1 payloads stay valid) how many
   * of the returned 群众代表 answered: the assessment is valid on their share of the returned.
   */
  turnout: z.object({ invited: z.number().int().min(0), returned: z.number().int().min(0), representatives: z.number().int().min(0).optional() }),
  problems: z.array(z.object({ problemId: z.string().min(1), category: z.string().min(1), description: z.string().min(1).max(5000), severity: z.enum(['general', 'major', 'serious']) })),
  recordedAt: instant,
});
export type AssessmentRecordedV1 = z.infer<typeof assessmentRecordedV1>;

export const nomineeListedV1 = z.object({
  electionId: z.string().min(1),
  villageCode: divisionCode,
  nomineeId: z.string().min(1),
  name: z.string().min(1),
  post: z.string().min(1),
  listedAt: instant,
});
export type NomineeListedV1 = z.infer<typeof nomineeListedV1>;

/**
 * A campaign dossier's (一村一档) problems accepted into rectification with the village's 整改承诺书
 * (issue 16): grievance opens one case per problem. Only the responsible person's name and post
 * travel; no member grades, no talk notes. `villageCode` is the village, or the township for a
 * township team's problems.
 */
export const campaignProblemsAcceptedV1 = z.object({
  campaignId: z.string().min(1),
  kind: z.enum(['lookback', 'midterm', 'annual', 'special']),
  villageCode: divisionCode,
  subject: z.object({ kind: z.enum(['village', 'township']), code: divisionCode }),
  problems: z
    .array(
      z.object({
        problemId: z.string().min(1),
        category: z.string().min(1),
        description: z.string().min(1).max(5000),
        severity: z.enum(['general', 'major', 'serious']),
        measures: z.string().min(1).max(5000),
        responsible: z.object({ name: z.string().min(1), post: z.string().min(1) }),
        deadline: localDate,
      }),
    )
    .min(1),
  acceptedAt: instant,
});
export type CampaignProblemsAcceptedV1 = z.infer<typeof campaignProblemsAcceptedV1>;

export const VETTING_CONTRACTS: EventContract[] = [
  { type: 'vetting.ElectionOpened', version: 1, schema: electionOpenedV1 },
  { type: 'vetting.NomineeListed', version: 1, schema: nomineeListedV1 },
  { type: 'vetting.AssessmentRecorded', version: 1, schema: assessmentRecordedV1 },
  { type: 'vetting.PublicNoticeStarted', version: 1, schema: publicNoticeStartedV1 },
  { type: 'vetting.PublicNoticeEnded', version: 1, schema: publicNoticeEndedV1 },
  { type: 'vetting.NomineeDisqualified', version: 1, schema: nomineeDisqualifiedV1 },
  { type: 'vetting.CandidatesConfirmed', version: 1, schema: candidatesConfirmedV1 },
  { type: 'vetting.ResultRecorded', version: 1, schema: resultRecordedV1 },
  { type: 'vetting.VillageGateChanged', version: 1, schema: villageGateChangedV1 },
  { type: 'vetting.CampaignProblemsAccepted', version: 1, schema: campaignProblemsAcceptedV1 },
];
