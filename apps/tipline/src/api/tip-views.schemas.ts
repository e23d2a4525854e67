import { z } from 'zod';
import { FINDINGS, TIP_CHANNELS, TIP_STATUSES } from '../domain';

// The answers of the tip-line's routes, for the OpenAPI document only (they are not checked). No
// examples: a sample value here would read as a reporter or a subject.

const status = z.enum(TIP_STATUSES);
const deadlineKind = z.enum(['acknowledgement', 'acceptance', 'objection', 'conclusion', 'feedback']);
const remaining = z.object({ unit: z.enum(['hours', 'working_days', 'calendar_days']), value: z.number(), overdue: z.boolean(), label: z.string() });

/** A handling step's answer: the tip's new status and version (the next expectedVersion). */
export const tipSummaryView = z.object({ tipId: z.string(), status, version: z.number().int() });

export const submittedTipView = z.object({
  tipId: z.string(),
  receiptCode: z.string().nullable().describe('只显示这一次'),
  repeatOf: z.string().nullable(),
  electionRelated: z.boolean(),
  objection: z.boolean(),
  acceptanceDue: z.string().nullable(),
});

/** The public answer leaves out the tip's id and whether it repeats an earlier one. */
export const publicReceiptView = z.object({ receiptCode: z.string(), message: z.string(), acceptanceDue: z.string().nullable() });

export const publicFormView = z.object({
  categories: z.array(z.object({ code: z.string(), name: z.string(), group: z.string() })),
  maxTextLength: z.number().int(),
  evidence: z.object({ maxFileBytes: z.number().int(), maxFiles: z.number().int() }),
  notice: z.string(),
});

export const receiptProgressView = z.object({
  status,
  statusLabel: z.string(),
  receivedAt: z.string(),
  finding: z.string().nullable(),
  messages: z.array(z.object({ id: z.string(), at: z.string(), from: z.enum(['handler', 'reporter']), kind: z.enum(['question', 'feedback', 'reply']), text: z.string() })),
});

export const reporterReplyView = z.object({ messageId: z.string() });

export const noticesPageView = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  rows: z.array(z.object({ villageCode: z.string(), villageName: z.string(), townshipName: z.string().nullable(), post: z.string().nullable(), name: z.string(), endsOn: z.string() })),
});

export const placesView = z.array(z.object({ code: z.string(), name: z.string(), level: z.string() }));

export const tipAccessView = z.object({
  policy: z.object({ id: z.string(), version: z.number().int(), name: z.string() }),
  list: z.enum(['all', 'own_unit', 'none']),
  statistics: z.boolean(),
  reveal: z.object({ minReasonLength: z.number().int(), approvalValidMinutes: z.number().int() }).nullable(),
});

const inboxRow = z.object({
  tipId: z.string(),
  status,
  statusLabel: z.string(),
  channel: z.enum(TIP_CHANNELS),
  channelLabel: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  villageCode: z.string().nullable(),
  townshipCode: z.string().nullable(),
  subjects: z.string().nullable().describe('仅可见内容者'),
  anonymous: z.boolean(),
  electionRelated: z.boolean(),
  objection: z.boolean(),
  repeatOf: z.string().nullable(),
  repeatCount: z.number().int(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  finding: z.string().nullable(),
  receivedAt: z.string(),
  receivedAtLocal: z.string(),
  nextDeadline: z.object({ kind: deadlineKind, label: z.string(), due: z.string(), endsAt: z.string(), remaining: remaining.optional() }).nullable(),
  overdue: z.boolean(),
  regime: z.string(),
});
export const inboxView = z.object({ total: z.number().int(), rows: z.array(inboxRow) });

const statsRow = z.object({
  key: z.string(),
  label: z.string(),
  received: z.number().int(),
  repeats: z.number().int(),
  accepted: z.number().int(),
  concluded: z.number().int(),
  concludedWithinLimit: z.number().int(),
  concludedWithinLimitPct: z.number().nullable(),
  substantiated: z.number().int(),
  substantiatedPct: z.number().nullable(),
  electionRelated: z.number().int(),
  falseAccusations: z.number().int(),
});
export const statisticsView = z.object({
  from: z.string(),
  to: z.string(),
  by: z.enum(['township', 'month', 'category']),
  rows: z.array(statsRow),
  total: statsRow,
  previous: statsRow.nullable(),
  sentence: z.string(),
});

/** One tip cut to the viewer's view: `list` without subjects and content, `content` with them. Never the reporter. */
export const tipDetailView = z.object({
  tipId: z.string(),
  view: z.enum(['list', 'content']),
  version: z.number().int(),
  status,
  statusLabel: z.string(),
  channel: z.enum(TIP_CHANNELS),
  channelLabel: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  villageCode: z.string().nullable(),
  receivedAt: z.string(),
  receivedAtLocal: z.string(),
  anonymous: z.boolean(),
  electionRelated: z.boolean(),
  objection: z.object({ noticeId: z.string(), endsOn: z.string(), candidateId: z.string().optional() }).nullable(),
  repeatOf: z.string().nullable(),
  repeats: z.array(z.string()),
  regime: z.string(),
  unit: z.object({ code: z.string(), name: z.string(), level: z.enum(['county', 'township']) }).nullable(),
  finding: z.object({ code: z.enum(FINDINGS), label: z.string() }).nullable(),
  falseAccusation: z.boolean(),
  deadlines: z.array(
    z.object({
      kind: deadlineKind,
      label: z.string(),
      period: z.object({ amount: z.number(), unit: z.string() }).nullable(),
      due: z.string(),
      endsAt: z.string(),
      endsAtLocal: z.string(),
      metAt: z.string().nullable(),
      superseded: z.boolean(),
      overdue: z.boolean(),
      beyondCalendar: z.boolean(),
      remaining: remaining.nullable(),
    }),
  ),
  subjects: z.array(z.unknown()),
  text: z.string().optional(),
  evidence: z.array(z.object({ fileName: z.string(), mediaType: z.string(), size: z.number().int(), sha256: z.string() })).optional(),
  hasReporterIdentity: z.boolean().optional(),
  identityErased: z.boolean().optional(),
  openTasks: z.array(z.string()).optional(),
  history: z.array(z.object({ type: z.string(), at: z.string(), by: z.string().nullable(), data: z.unknown().optional() })),
});

export const revealRequestView = z.object({
  requestId: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'refused']),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  validUntil: z.string().nullable(),
  refusalReason: z.string().nullable(),
  uses: z.number().int(),
  mine: z.boolean(),
  canDecide: z.boolean(),
  canReveal: z.boolean(),
});
export const revealRequestsView = z.object({ requests: z.array(revealRequestView) });

/** The reporter's identity, for the requester of an approved request only (each read recorded). */
export const reporterIdentityView = z.object({
  name: z.string(),
  phone: z.string().nullish(),
  idNumber: z.string().nullish(),
  address: z.string().nullish(),
  contact: z.string().nullish(),
});

export const erasureView = z.object({ erased: z.literal(true), irreversible: z.boolean() });
