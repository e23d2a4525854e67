import { z } from 'zod';

// What the campaign routes answer, for the OpenAPI document (@Returns): documentation, not checked
// at run time. Instants are ISO strings, dates YYYY-MM-DD. Large nested shapes (a pack, a dossier's
// sections, the figures) are described by their top-level fields.

const count = z.number().int().min(0);
const person = z.object({ name: z.string(), post: z.string() });
const period = z.object({ from: z.string(), to: z.string() });
const kind = z.enum(['lookback', 'midterm', 'annual', 'special']);

export const packListView = z.array(z.object({ id: z.string(), version: z.number().int(), name: z.string(), kind }));
export const packView = z.looseObject({ id: z.string(), version: z.number().int(), name: z.string(), kind, source: z.string() }).describe('检查方案（等次、研判内容、谈话类别、阈值）');

export const campaignCreatedView = z.object({ campaignId: z.string() });
export const versionView = z.object({ version: z.number().int().min(0) });

export const campaignListView = z.array(
  z.object({
    campaignId: z.string(),
    kind,
    kindLabel: z.string(),
    name: z.string(),
    scope: z.string(),
    scopeName: z.string(),
    period,
    status: z.enum(['open', 'closed']),
    groups: count,
    subjects: count,
    approved: count,
  }),
);

const group = z.object({
  groupId: z.string(),
  name: z.string(),
  leader: person,
  members: z.array(person),
  villages: z.array(z.string()),
  townships: z.array(z.string()),
  villageNames: z.array(z.string()),
  townshipNames: z.array(z.string()),
});

export const campaignView = z.looseObject({
  campaignId: z.string(),
  kind,
  kindLabel: z.string(),
  name: z.string(),
  scope: z.string(),
  scopeName: z.string(),
  period,
  stages: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() })),
  methods: z.array(z.string()),
  previousCampaignId: z.string().nullable(),
  closed: z.boolean(),
  pack: packView,
  groups: z.array(group),
  version: z.number().int(),
});

const status = z.enum(['draft', 'submitted', 'approved']);

export const dossierListView = z.array(
  z.object({
    subjectCode: z.string(),
    subjectKind: z.enum(['village', 'township']),
    subjectName: z.string(),
    groupId: z.string(),
    groupName: z.string(),
    status,
    statusLabel: z.string(),
    teamGrade: z.string().nullable(),
    problems: count,
    accepted: count,
    closed: count,
    version: z.number().int(),
  }),
);

export const dossierView = z.looseObject({
  campaignId: z.string(),
  subject: z.object({ kind: z.enum(['village', 'township']), code: z.string() }),
  subjectName: z.string(),
  groupId: z.string(),
  status,
  statusLabel: z.string(),
  sections: z.looseObject({}).describe('档案各栏目：talks、meetings、records、forms、opinions、findings、team、members、classification、problems、running'),
  returnedReason: z.string().nullable(),
  approved: z.object({ at: z.string(), by: z.string().nullable() }).nullable(),
  feedback: z.object({ letterNo: z.string(), at: z.string() }).nullable(),
  problems: z.array(
    z.looseObject({
      problemId: z.string(),
      category: z.string(),
      description: z.string(),
      severity: z.enum(['general', 'major', 'serious']),
      commitment: z.object({ problemId: z.string(), measures: z.string(), responsible: person, deadline: z.string() }).nullable(),
      accepted: z.boolean(),
      case: z.object({ caseId: z.string(), closedAt: z.string() }).nullable(),
    }),
  ),
  version: z.number().int(),
});

export const figuresView = z.looseObject({ approvedOnly: z.boolean() }).describe('检查进度和数字（整体、按工作组、按乡镇）');

export const reportListView = z.array(z.object({ version: z.number().int(), at: z.string(), by: z.string().nullable(), byName: z.string().nullable() }));
export const reportView = z.looseObject({ title: z.string(), blocks: z.array(z.looseObject({ kind: z.string() })), signature: z.object({ unit: z.string(), date: z.string() }) });
