import { z } from 'zod';
import type { EventContract } from '../events/event-contract';
import { divisionCodeSchema as divisionCode, localDateSchema as localDate } from './shared.schemas';

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

export const VETTING_CONTRACTS: EventContract[] = [
  { type: 'vetting.PublicNoticeStarted', version: 1, schema: publicNoticeStartedV1 },
  { type: 'vetting.PublicNoticeEnded', version: 1, schema: publicNoticeEndedV1 },
];
