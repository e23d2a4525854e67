import { z } from 'zod';
import type { EventContract } from '../events/event-contract';
import { divisionCodeSchema as divisionCode, instantSchema as instant } from './shared.schemas';

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

export const AUDITING_CONTRACTS: EventContract[] = [{ type: 'auditing.ViolationTransferred', version: 1, schema: violationTransferredV1 }];
