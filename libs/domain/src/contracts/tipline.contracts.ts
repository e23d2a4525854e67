import { z } from 'zod';
import type { EventContract } from '../events/event-contract';
import { REPORTER_IDENTITY_KEYS } from '../events/forbidden-keys';
import { divisionCodeSchema as divisionCode, instantSchema as instant, localDateSchema as localDate } from './shared.schemas';

/** Whom a tip is about, as other services see it: never the reporter, never a citizen id. */
export const tipSubjectRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), name: z.string().min(1), post: z.string().nullish(), villageCode: divisionCode.nullish() }),
  z.object({ kind: z.literal('village'), villageCode: divisionCode }),
]);

const channel = z.enum(['web', 'phone', 'letter', 'visit', 'informant', 'transfer', 'audit']);

export const tipReceivedV1 = z.object({
  tipId: z.uuid(),
  receivedAt: instant,
  channel,
  category: z.string().min(1),
  categoryGroup: z.enum(['election', 'discipline', 'out_of_scope']),
  villageCode: divisionCode.nullable(),
  subjects: z.array(tipSubjectRef).min(1),
  electionRelated: z.boolean(),
  objection: z.object({ noticeId: z.string().min(1), endsOn: localDate, candidateId: z.string().min(1).optional() }).nullable(),
  repeatOf: z.uuid().nullable(),
  anonymous: z.boolean(),
});
export type TipReceivedV1 = z.infer<typeof tipReceivedV1>;

/**
 * The discipline office took the tip up (受理). An objection (异议) to a candidate under notice blocks
 * confirmation from its receipt while undecided; once accepted, until it is concluded.
 */
export const tipAcceptedV1 = z.object({
  tipId: z.uuid(),
  acceptedAt: instant,
  villageCode: divisionCode.nullable(),
  objection: z.object({ noticeId: z.string().min(1), endsOn: localDate, candidateId: z.string().min(1).optional() }).nullable(),
});
export type TipAcceptedV1 = z.infer<typeof tipAcceptedV1>;

/**
 * The discipline office decided not to take the tip up itself: not accepted (不予受理) or transferred
 * to another body (转办). An objection received against a candidate under notice blocks confirmation
 * until this decision or TipAccepted; this lifts that block.
 */
export const tipNotAcceptedV1 = z.object({
  tipId: z.uuid(),
  decidedAt: instant,
  decision: z.enum(['not_accepted', 'transferred']),
  villageCode: divisionCode.nullable(),
  objection: z.object({ noticeId: z.string().min(1), endsOn: localDate, candidateId: z.string().min(1).optional() }).nullable(),
});
export type TipNotAcceptedV1 = z.infer<typeof tipNotAcceptedV1>;

export const tipConcludedV1 = z.object({
  tipId: z.uuid(),
  concludedAt: instant,
  finding: z.enum(['substantiated', 'partly_substantiated', 'unsubstantiated', 'unverifiable']),
  falseAccusation: z.boolean(),
  category: z.string().min(1),
  /** The category's Chinese name (policy data), so consumers need not know the tip-line's codes. */
  categoryName: z.string().min(1).optional(),
  villageCode: divisionCode.nullable(),
  subjects: z.array(tipSubjectRef).min(1),
  needsRectification: z.boolean(),
});
export type TipConcludedV1 = z.infer<typeof tipConcludedV1>;

export const tipClosedV1 = z.object({
  tipId: z.uuid(),
  closedAt: instant,
  outcome: z.enum(['concluded', 'not_accepted', 'transferred', 'merged']),
  villageCode: divisionCode.nullable(),
});
export type TipClosedV1 = z.infer<typeof tipClosedV1>;

export const TIPLINE_CONTRACTS: EventContract[] = [
  { type: 'tipline.TipReceived', version: 1, schema: tipReceivedV1, forbiddenKeys: REPORTER_IDENTITY_KEYS },
  { type: 'tipline.TipAccepted', version: 1, schema: tipAcceptedV1, forbiddenKeys: REPORTER_IDENTITY_KEYS },
  { type: 'tipline.TipNotAccepted', version: 1, schema: tipNotAcceptedV1, forbiddenKeys: REPORTER_IDENTITY_KEYS },
  { type: 'tipline.TipConcluded', version: 1, schema: tipConcludedV1, forbiddenKeys: REPORTER_IDENTITY_KEYS },
  { type: 'tipline.TipClosed', version: 1, schema: tipClosedV1, forbiddenKeys: REPORTER_IDENTITY_KEYS },
];
