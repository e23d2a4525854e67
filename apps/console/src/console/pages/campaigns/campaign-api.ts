// The campaign reads and writes the console makes (/vetting/campaign-packs, /vetting/campaigns/…).
// The console imports no service code: these types mirror the vetting API's JSON answers.
import { api } from '../../../shared/api';

export type CampaignKind = 'lookback' | 'midterm' | 'annual' | 'special';
export type SubjectKind = 'village' | 'township';
export type DossierStatus = 'draft' | 'submitted' | 'approved';

export interface Grade {
  code: string;
  label: string;
  rank: number;
  negative?: boolean;
}

export interface SubjectRules {
  teamScale: { id: string; name: string; grades: Grade[] };
  memberScale: { id: string; name: string; grades: Grade[] };
  dimensions: { id: string; label: string; hint: string }[];
  talkCategories: { id: string; label: string; minimum: number }[];
  classifications: string[];
}

export interface CampaignPack {
  id: string;
  version: number;
  name: string;
  kind: CampaignKind;
  methods: { id: string; label: string }[];
  village: SubjectRules;
  township?: SubjectRules;
  problemCategories: string[];
  thresholds: { representativeShareMin: number };
  source: string;
}

export interface PackRow {
  id: string;
  version: number;
  name: string;
  kind: CampaignKind;
}

export interface Stage {
  name: string;
  from: string;
  to: string;
}

export interface PersonRef {
  name: string;
  post: string;
}

export interface WorkGroup {
  groupId: string;
  name: string;
  leader: PersonRef;
  members: PersonRef[];
  villages: string[];
  townships: string[];
  /** Names of `villages` and `townships`, in the same order (read side only). */
  villageNames?: string[];
  townshipNames?: string[];
}

export interface CampaignRow {
  campaignId: string;
  kind: CampaignKind;
  kindLabel: string;
  name: string;
  scope: string;
  scopeName: string;
  period: { from: string; to: string };
  status: string;
  groups: number;
  subjects: number;
  approved: number;
}

export interface CampaignDetail {
  campaignId: string;
  kind: CampaignKind;
  kindLabel?: string;
  name: string;
  scope: string;
  scopeName?: string;
  period: { from: string; to: string };
  stages: Stage[];
  methods: string[];
  previousCampaignId: string | null;
  closed: boolean;
  pack: CampaignPack;
  groups: WorkGroup[];
  version: number;
}

export interface PlanInput {
  kind: CampaignKind;
  name: string;
  scope: string;
  period: { from: string; to: string };
  packId: string;
  packVersion?: number;
  stages: Stage[];
  methods: string[];
  previousCampaignId?: string | null;
}

export interface DossierRow {
  subjectCode: string;
  subjectKind: SubjectKind;
  subjectName: string;
  groupId: string;
  groupName: string;
  status: DossierStatus;
  statusLabel: string;
  teamGrade: string | null;
  problems: number;
  accepted: number;
  closed: number;
  version: number;
}

export interface TalkCount {
  category: string;
  count: number;
  notes: string;
}
export interface Meeting {
  kind: string;
  count: number;
  participants: number;
}
export interface FormCount {
  kind: 'questionnaire' | 'satisfaction';
  issued: number;
  returned: number;
  representatives: number;
}
export interface Opinion {
  opinionId: string;
  category: string;
  text: string;
  problemId: string | null;
}
export interface Finding {
  dimension: string;
  text: string;
}
export interface MemberGrade {
  personId: string | null;
  name: string;
  post: string;
  grade: string;
  reasons: string;
}
export type ProblemSeverity = 'general' | 'major' | 'serious';
export interface DossierProblem {
  problemId: string;
  category: string;
  description: string;
  severity: ProblemSeverity;
}
export interface Commitment {
  problemId: string;
  measures: string;
  responsible: PersonRef;
  deadline: string;
}

export interface DossierSections {
  talks: TalkCount[];
  meetings: Meeting[];
  records: string[];
  forms: FormCount[];
  opinions: Opinion[];
  findings: Finding[];
  team: { grade: string; reasons: string } | null;
  members: MemberGrade[];
  classification: { classification: string; weak: boolean; backward: boolean } | null;
  problems: DossierProblem[];
  running: string;
}

export type DossierSection = keyof DossierSections;

export interface ProblemView extends DossierProblem {
  commitment: Commitment | null;
  accepted: boolean;
  case: { caseId: string; closedAt: string } | null;
}

export interface DossierView {
  campaignId: string;
  statusLabel?: string;
  subject: { kind: SubjectKind; code: string };
  subjectName: string;
  groupId: string;
  status: DossierStatus;
  sections: DossierSections;
  returnedReason: string | null;
  approved: { at: string; by: string | null } | null;
  feedback: { letterNo: string; at: string } | null;
  commitments: Commitment[];
  accepted: string[];
  problems: ProblemView[];
  version: number;
}

export interface ReportVersionRow {
  version: number;
  at: string;
  by: string | null;
  /** The author's display name (null for versions frozen before names were kept). */
  byName: string | null;
}

export interface ReportDraft {
  title: string;
  subtitle?: string;
  addressee?: string;
  blocks: ({ kind: 'heading' | 'subheading' | 'paragraph'; text: string } | { kind: 'table'; header: string[]; rows: string[][] })[];
  signature: { unit: string; date: string };
}

const enc = encodeURIComponent;
export const campaignPath = (id: string) => `/vetting/campaigns/${enc(id)}`;
export const dossierPath = (id: string, subject: string) => `${campaignPath(id)}/dossiers/${enc(subject)}`;

export const getPack = (id: string, version: number) => api<CampaignPack>(`/vetting/campaign-packs/${enc(id)}/${version}`);
export const planCampaign = (input: PlanInput) => api<{ campaignId: string }>('/vetting/campaigns', { json: input });
export const changePlan = (id: string, plan: { stages: Stage[]; methods: string[] }) => api(`${campaignPath(id)}/plan`, { method: 'PUT', json: plan });
export const closeCampaign = (id: string) => api(`${campaignPath(id)}/close`, { method: 'POST' });

export function putGroup(id: string, g: Omit<WorkGroup, 'villageNames' | 'townshipNames'>) {
  const { groupId, ...body } = g;
  return api(`${campaignPath(id)}/groups/${enc(groupId)}`, { method: 'PUT', json: body });
}
export const removeGroup = (id: string, groupId: string) => api(`${campaignPath(id)}/groups/${enc(groupId)}`, { method: 'DELETE' });

export const saveSection = (id: string, subject: string, section: DossierSection, content: unknown) =>
  api<{ version: number }>(`${dossierPath(id, subject)}/sections/${section}`, { method: 'PUT', json: { content } });

/** The review and rectification steps of one dossier (POST …/submit, approve, return, feedback, accept). */
export const dossierStep = (id: string, subject: string, step: 'submit' | 'approve' | 'return' | 'feedback' | 'accept', body?: unknown) =>
  api(`${dossierPath(id, subject)}/${step}`, { method: 'POST', json: body ?? {} });
export const putCommitments = (id: string, subject: string, commitments: Commitment[]) =>
  api(`${dossierPath(id, subject)}/commitments`, { method: 'PUT', json: { commitments } });

export const freezeReport = (id: string) => api<{ version: number }>(`${campaignPath(id)}/reports`, { method: 'POST', json: {} });
