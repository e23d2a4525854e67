import { z } from 'zod';

// What the auditing routes answer, for the OpenAPI document (@Returns): documentation, not checked
// at run time. Amounts are exact yuan as decimal strings; instants are ISO strings, dates YYYY-MM-DD.

const count = z.number().int().min(0);
const yuan = z.string().describe('金额（元），精确小数字符串');
const status = z.enum(['planned', 'fieldwork', 'draft', 'concluded', 'published']);
const kind = z.enum(['outgoing', 'three_assets']);
const severity = z.enum(['general', 'major', 'serious']);
const person = z.object({ name: z.string(), post: z.string().nullable() });
const auditedPerson = person.extend({ personId: z.string().nullable().describe('换届审查中的人员编号（按换届计划时）') });
const notice = z.object({ endsOn: z.string(), endsAt: z.string(), beyondHorizon: z.boolean() });

export const engagementOpenedView = z.object({ engagementId: z.string(), status });

/** Each step of an engagement (进场, 征求意见, 出结论, 公示). */
export const stepResultView = z.object({ engagementId: z.string(), status, version: count, seriousOpen: count, notice: notice.nullable() });

export const findingRecordedView = z.object({ findingId: z.string(), amount: yuan.nullable(), transferred: z.boolean(), seriousOpen: count });
export const findingAmendedView = z.object({ findingId: z.string(), revisions: count, seriousOpen: count });

export const engagementListView = z.object({
  total: count,
  rows: z.array(
    z.object({
      engagementId: z.string(),
      kind,
      villageCode: z.string(),
      villageName: z.string(),
      electionId: z.string().nullable(),
      status,
      statusLabel: z.string(),
      persons: z.array(auditedPerson),
      auditors: z.array(z.string()),
      periodFrom: z.string(),
      periodTo: z.string(),
      plannedAt: z.string(),
      publishedAt: z.string().nullable(),
      noticeEndsOn: z.string().nullable(),
      findings: count,
      seriousOpen: count,
      amount: yuan.nullable(),
    }),
  ),
});

const findingContent = z.object({
  category: z.string(),
  severity,
  amount: yuan.nullable(),
  description: z.string(),
  responsiblePersons: z.array(person),
  evidence: z.array(z.object({ fileName: z.string(), sha256: z.string() })),
  rectificationRequired: z.boolean(),
  violationSuspected: z.boolean(),
});

export const engagementDetailView = z.object({
  engagementId: z.string(),
  version: count,
  kind,
  villageCode: z.string(),
  villageName: z.string(),
  electionId: z.string().nullable(),
  status,
  statusLabel: z.string(),
  persons: z.array(auditedPerson),
  periodFrom: z.string(),
  periodTo: z.string(),
  auditors: z.array(z.string()),
  dates: z.object({
    plannedAt: z.string(),
    fieldworkAt: z.string().nullable(),
    draftAt: z.string().nullable(),
    concludedAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
  }),
  summary: z.string().nullable(),
  notice: notice.extend({ period: z.string() }).nullable(),
  seriousOpen: count,
  gateReasons: z.array(z.string()),
  totals: z.object({ rows: z.array(z.object({ category: z.string(), categoryName: z.string(), findings: count, amount: yuan })), total: yuan }),
  findings: z.array(
    findingContent.extend({
      findingId: z.string(),
      categoryName: z.string(),
      severityLabel: z.string(),
      recordedAt: z.string(),
      recordedBy: z.string().nullable(),
      revisions: z.array(z.object({ content: findingContent, at: z.string(), by: z.string().nullable(), reason: z.string().nullable() })).describe('每一版内容，原始记录在前'),
      rectified: z.object({ at: z.string(), caseId: z.string().nullable() }).nullable(),
      transferId: z.string().nullable(),
      transferred: z.boolean(),
    }),
  ),
});

export const categoriesView = z.object({
  categories: z.array(z.object({ code: z.string(), name: z.string() })),
  severities: z.array(z.object({ code: severity, label: z.string() })),
});

export const auditedElectionsView = z.object({ rows: z.array(z.object({ electionId: z.string(), planned: count, published: count, plannedAt: z.string() })) });

export const progressView = z.object({
  electionId: z.string(),
  planned: count,
  inFieldwork: count,
  concluded: count,
  published: count,
  seriousOpen: count,
  villagesWithSeriousOpen: count,
  blockingVillages: count,
  blocking: z.array(
    z.object({ villageCode: z.string(), villageName: z.string(), engagementId: z.string(), status, seriousOpen: count, reasons: z.array(z.string()) }),
  ),
});

export const summaryView = z.object({
  electionId: z.string().nullable(),
  node: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  rows: z.array(z.object({ category: z.string(), categoryName: z.string(), findings: count, serious: count, amount: yuan })),
  findings: count,
  serious: count,
  total: yuan,
  engagements: z.object({ planned: count, concluded: count, published: count }),
});
