import { z } from 'zod';
import type { EventContract } from '../events/event-contract';
import { divisionCodeSchema as divisionCode, instantSchema as instant } from './shared.schemas';

/** A rectification case closed (销号); `source` says where the problem came from (issue 6 publishes it). */
export const caseClosedV1 = z.object({
  caseId: z.string().min(1),
  villageCode: divisionCode,
  closedAt: instant,
  source: z.object({ kind: z.enum(['tip', 'audit', 'inspection', 'analysis', 'evaluation', 'citizen']), ref: z.string().min(1).nullable() }),
  summary: z.string().max(5000).optional(),
});
export type CaseClosedV1 = z.infer<typeof caseClosedV1>;

export const GRIEVANCE_CONTRACTS: EventContract[] = [{ type: 'grievance.CaseClosed', version: 1, schema: caseClosedV1 }];
