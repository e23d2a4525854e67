import { z } from 'zod';
import type { EventContract } from '../events/event-contract';
import { divisionCodeSchema as divisionCode, instantSchema as instant, localDateSchema as localDate } from './shared.schemas';

/** Where a case's problem came from; `ref` names the source's own id (tipId, findingId, problemId). */
export const caseSourceSchema = z.object({ kind: z.enum(['tip', 'audit', 'inspection', 'analysis', 'evaluation', 'citizen']), ref: z.string().min(1).nullable() });

/** 一般 / 较重 / 严重. */
const caseSeverity = z.enum(['general', 'major', 'serious']);

/** A responsible person (第一责任人) as other services see it: name and post only. */
const responsiblePerson = z.object({ name: z.string().min(1), post: z.string().nullish() }).nullable();

/** A rectification case closed (销号); `source` says where the problem came from (issue 6 publishes it). */
export const caseClosedV1 = z.object({
  caseId: z.string().min(1),
  villageCode: divisionCode,
  closedAt: instant,
  source: caseSourceSchema,
  summary: z.string().max(5000).optional(),
});
export type CaseClosedV1 = z.infer<typeof caseClosedV1>;

/**
 * A case opened (交办): from another service's event or by hand. No description travels (a citizen's
 * request may name the citizen); only the responsible unit and the names and posts of responsible persons.
 */
export const caseOpenedV1 = z.object({
  caseId: z.string().min(1),
  villageCode: divisionCode,
  townshipCode: divisionCode.nullable(),
  source: caseSourceSchema,
  category: z.string().min(1),
  severity: caseSeverity,
  responsibleUnit: z.string().min(1),
  responsiblePerson,
  /** Last day of the rectification limit (Asia/Shanghai); the limit ends at 24:00 of it. */
  due: localDate,
  /** The limit crosses a year without holiday data: computed on plain weekdays. */
  beyondHorizon: z.boolean(),
  openedAt: instant,
});
export type CaseOpenedV1 = z.infer<typeof caseOpenedV1>;

/** A case not closed by its limit (red light); `redCount` counts the reds of this case, this one included. */
export const caseOverdueV1 = z.object({
  caseId: z.string().min(1),
  villageCode: divisionCode,
  townshipCode: divisionCode.nullable(),
  source: caseSourceSchema,
  due: localDate,
  overdueAt: instant,
  redCount: z.number().int().min(1),
  responsibleUnit: z.string().min(1),
  responsiblePerson,
});
export type CaseOverdueV1 = z.infer<typeof caseOverdueV1>;

/** A repeated red recorded as an escalation (约谈 interview / 诫勉 admonishment), for the township to act on. */
export const caseEscalatedV1 = z.object({
  caseId: z.string().min(1),
  villageCode: divisionCode,
  townshipCode: divisionCode.nullable(),
  source: caseSourceSchema,
  measure: z.enum(['interview', 'admonishment']),
  redCount: z.number().int().min(2),
  responsibleUnit: z.string().min(1),
  responsiblePerson,
  escalatedAt: instant,
});
export type CaseEscalatedV1 = z.infer<typeof caseEscalatedV1>;

export const GRIEVANCE_CONTRACTS: EventContract[] = [
  { type: 'grievance.CaseClosed', version: 1, schema: caseClosedV1 },
  { type: 'grievance.CaseOpened', version: 1, schema: caseOpenedV1 },
  { type: 'grievance.CaseOverdue', version: 1, schema: caseOverdueV1 },
  { type: 'grievance.CaseEscalated', version: 1, schema: caseEscalatedV1 },
];
