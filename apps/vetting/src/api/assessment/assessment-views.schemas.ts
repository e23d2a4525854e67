import { z } from 'zod';

// What the assessment and targets routes answer, for the OpenAPI document (@Returns): documentation,
// not checked at run time. Instants are ISO strings, dates YYYY-MM-DD.

const count = z.number().int().min(0);
const tally = z.record(z.string(), count);
const villages = z.object({ count, villages: z.array(z.string()) });

export const assessmentView = z.object({
  assessmentId: z.string(),
  villageCode: z.string(),
  period: z.string(),
  year: z.number().int(),
  revision: z.number().int().min(1),
  scaleId: z.string(),
  memberGrades: z.array(z.object({ personId: z.string(), name: z.string(), grade: z.string() })),
  teamGrade: z.string(),
  turnout: z.object({ invited: count, returned: count, representatives: count.optional().describe('收回问卷中群众代表填写的份数（此前录入的记录没有）') }),
  minRepresentativePercent: z.number().optional().describe('参与问卷调查的群众代表比例最低要求（%）'),
  minTurnoutPercent: z.number().optional().describe('此前录入的记录：当时按问卷收回率判定的最低要求（%）'),
  valid: z.boolean().describe('参与问卷调查的群众代表比例达到方案最低要求（此前录入的记录按当时的收回率判定）'),
  classification: z.string(),
  weak: z.boolean(),
  problems: z.array(z.object({ problemId: z.string(), category: z.string(), description: z.string(), severity: z.enum(['general', 'major', 'serious']) })),
  at: z.string(),
  by: z.string().nullable(),
  corrects: z.object({ revision: z.number().int(), reason: z.string(), removedPersonIds: z.array(z.string()) }).optional(),
  rerunOf: z.string().optional(),
});

export const assessmentListView = z.object({ items: z.array(assessmentView) });

export const scalesView = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      teamGrades: z.array(z.string()),
      memberGrades: z.array(z.string()),
      classifications: z.array(z.string()),
      minRepresentativePercent: z.number(),
      weakExcludes: z.array(z.string()),
    }),
  ),
});

export const summaryView = z.object({
  period: z.string(),
  assessed: count,
  valid: count,
  classification: tally,
  teamGrades: tally,
  weak: villages,
  invalid: villages,
  memberGrades: tally,
});

export const historyView = z.object({
  villageCode: z.string(),
  revisions: z.array(z.object({ data: assessmentView, recordedBy: z.object({ userId: z.string(), node: z.string() }).nullable() })),
});

const line = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['share', 'mean']),
  value: z.object({ numerator: z.number(), denominator: z.number() }),
  display: z.string().nullable(),
  target: z.object({ comparison: z.enum(['atLeast', 'atMost']), value: z.number(), display: z.string() }).nullable(),
  status: z.enum(['met', 'not_met', 'no_target', 'no_data']),
});

const report = z.object({
  date: z.string(),
  scopePrefix: z.string().nullable(),
  packId: z.string(),
  secretaries: count,
  members: count,
  villages: count,
  lines: z.array(line),
});

/** On one day (`report`), or before and after with the changes. */
export const targetsView = z.union([
  z.object({ report }),
  z.object({
    before: report,
    after: report,
    changes: z.array(z.object({ id: z.string(), label: z.string(), before: line, after: line, change: z.string().nullable(), countChange: z.number().int().nullable() })),
  }),
]);
