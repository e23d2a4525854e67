import { z } from 'zod';
import { CASE_SOURCE_KINDS, CASE_STATUSES, SEVERITIES } from '../domain';

// What the grievance routes answer, for the OpenAPI document (@Returns): documentation, not checked
// at run time. Instants are ISO strings, dates YYYY-MM-DD, *Local fields Asia/Shanghai for display.

const count = z.number().int().min(0);
const status = z.enum(CASE_STATUSES);
const severity = z.enum(SEVERITIES);
const light = z.enum(['green', 'yellow', 'red', 'none']).describe('预警灯（按整改时限即时计算）');
const person = z.object({ name: z.string(), post: z.string().nullable() });
const source = z.object({ kind: z.enum(CASE_SOURCE_KINDS), ref: z.string().nullable().describe('来源编号（线索、审计发现、测评问题）') });

const deadline = z.object({
  startOn: z.string().describe('交办日期（不计入时限）'),
  workingDays: z.number().int().nullable(),
  due: z.string(),
  endsAt: z.string(),
  yellowOn: z.string(),
  yellowAt: z.string(),
  beyondHorizon: z.boolean().describe('节假日数据未发布，按普通工作日推算'),
});

/** What each step of a case answers: where it stands now. */
export const caseSummaryView = z.object({ caseId: z.string(), version: count, status, statusLabel: z.string(), light, lightLabel: z.string(), deadline });

export const caseDetailView = caseSummaryView.extend({
  villageCode: z.string(),
  townshipCode: z.string().nullable(),
  source,
  sourceLabel: z.string(),
  category: z.string(),
  severity,
  severityLabel: z.string(),
  description: z.string(),
  measures: z.string(),
  responsibleUnit: z.string(),
  responsiblePerson: person.nullable(),
  directlyResponsible: z.array(person),
  milestones: z.array(z.object({ milestoneId: z.string(), title: z.string(), dueOn: z.string().nullable(), doneAt: z.string().nullable() })),
  notes: z.array(z.object({ noteId: z.string(), text: z.string(), attachments: z.array(z.string()), at: z.string() })),
  application: z.object({ at: z.string(), evidence: z.string(), attachments: z.array(z.string()), applicantId: z.string().nullable() }).nullable(),
  returns: z.array(z.object({ at: z.string(), reasons: z.string() })),
  closedAt: z.string().nullable(),
  closeSummary: z.string().nullable(),
  reopenCount: count,
  redCount: count,
  escalations: z.array(z.object({ measure: z.enum(['interview', 'admonishment']), redCount: count, at: z.string() })),
  openedAt: z.string(),
  openedAtLocal: z.string(),
  history: z.array(z.object({ version: count, type: z.string(), at: z.string(), atLocal: z.string(), by: z.string().nullable() })).describe('每一步：谁、何时'),
});

const ledgerRow = z.object({
  caseId: z.string(),
  version: count,
  status,
  statusLabel: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  townshipCode: z.string().nullable(),
  source,
  sourceLabel: z.string(),
  category: z.string(),
  severity,
  severityLabel: z.string(),
  description: z.string(),
  measures: z.string(),
  responsibleUnit: z.string(),
  responsiblePerson: person.nullable(),
  directlyResponsible: z.string().describe('直接责任人，顿号分隔'),
  deadline: z.object({
    startOn: z.string(),
    due: z.string(),
    endsAt: z.string(),
    beyondHorizon: z.boolean(),
    workingDaysLeft: z.number().int().nullable().describe('剩余工作日，逾期为负'),
  }),
  light,
  lightLabel: z.string(),
  redCount: count,
  lastEscalation: z.string().nullable(),
  latestProgress: z.string().nullable(),
  closedAt: z.string().nullable(),
  openedAtLocal: z.string(),
  closedAtLocal: z.string().nullable(),
});

export const ledgerPageView = z.object({ total: count, rows: z.array(ledgerRow) });

const statsRow = z.object({
  code: z.string(),
  name: z.string(),
  total: count,
  closed: count,
  open: count,
  overdue: count,
  escalated: count,
  closureRate: z.number().nullable().describe('销号率（%），无事项时为空'),
});
const periodStatsRow = statsRow.extend({ closedInPeriod: count });

export const statisticsView = z.union([
  z.object({ from: z.string(), to: z.string(), rows: z.array(periodStatsRow), total: periodStatsRow }).describe('按期间（from–to）'),
  z.object({ rows: z.array(statsRow), total: statsRow }).describe('台账现状'),
]);

export const villagePlanView = z.object({
  villageCode: z.string(),
  villageName: z.string(),
  bySource: z.array(z.object({ kind: z.enum(CASE_SOURCE_KINDS), label: z.string(), open: count })),
  items: z.array(ledgerRow),
});

export const liaisonAssignmentView = z.object({
  villageCode: z.string(),
  userId: z.string().nullable(),
  name: z.string(),
  post: z.string().nullable(),
  assignedBy: z.string(),
  assignedAt: z.string(),
});

export const liaisonListView = z.array(liaisonAssignmentView);
