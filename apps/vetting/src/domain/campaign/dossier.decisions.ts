import { compareLocalDates, DomainConflictError, DomainNotFoundError, DomainValidationError, isLocalDate, sameJson, shanghaiDateOf } from '@lw/domain';
import type { CampaignPack, SubjectKind } from './campaign-pack';
import { groupOf, type CampaignState } from './campaign.state';
import type { Commitment, DossierEvent, DossierSection, FormCount } from './dossier.events';
import { EMPTY_SECTIONS, type DossierState, type DossierStatus } from './dossier.state';
import { sectionContent, subjectRules } from './section-content';

export interface DossierContext {
  now: Date;
  /** User id of the actor; null for system replays. */
  by: string | null;
  pack: CampaignPack;
  campaign: CampaignState;
}

const STATUS_ZH: Readonly<Record<DossierStatus, string>> = { draft: '尚在填写', submitted: '已提交审核', approved: '已审定' };

function requireStatus(s: DossierState, status: DossierStatus, doing: string): void {
  if (s.status !== status) {
    throw new DomainConflictError('dossier.status', `档案${STATUS_ZH[s.status]}，不能${doing}`, `dossier ${s.campaignId}/${s.subject.code} is ${s.status}, ${doing} needs ${status}`);
  }
}

function refuseClosedCampaign(campaign: CampaignState): void {
  if (campaign.closed) throw new DomainConflictError('campaign.closed', `检查“${campaign.name}”已结束，档案不能再修改或审核`, `campaign ${campaign.campaignId} is closed`);
}

function boundedText(v: unknown, max: number, what: string, required: boolean): string {
  const t = typeof v === 'string' ? v.trim() : '';
  if (required && !t) throw new DomainValidationError('dossier.text_required', `请填写${what}`, `${what} missing`);
  if ([...t].length > max) throw new DomainValidationError('dossier.text_too_long', `${what}至多 ${max} 字`, `${what} longer than ${max}`);
  return t;
}

/**
 * Every problem id the dossier has given (the highest ever, even if that problem was deleted since)
 * or that anything still refers to: new ids are numbered past them, so an id is never reused.
 */
function usedProblemIds(s: DossierState): string[] {
  const x = s.sections;
  const highest = s.lastProblemNo > 0 ? [`p${s.lastProblemNo}`] : [];
  return [...highest, ...x.problems.map((p) => p.problemId), ...x.opinions.flatMap((o) => (o.problemId ? [o.problemId] : [])), ...s.commitments.map((c) => c.problemId), ...s.accepted, ...Object.keys(s.closed)];
}

/** Opens the dossier on its first save: the subject must be covered by one of the campaign's work groups. */
function open(subject: { kind: SubjectKind; code: string }, c: DossierContext): DossierEvent {
  const digits = subject.kind === 'village' ? 12 : 9;
  if (!new RegExp(`^\\d{${digits}}$`).test(subject.code)) {
    throw new DomainValidationError('dossier.subject_code', `${subject.kind === 'village' ? '村（社区）' : '乡镇'}代码应为 ${digits} 位数字`, `bad ${subject.kind} code ${subject.code}`);
  }
  subjectRules(c.pack, subject.kind);
  const group = groupOf(c.campaign, subject.code);
  const listed = group && (subject.kind === 'village' ? group.villages : group.townships).includes(subject.code);
  if (!group || !listed) {
    throw new DomainNotFoundError('dossier.subject_not_in_campaign', `${subject.code} 不在检查“${c.campaign.name}”任何工作组的范围内`, `subject ${subject.kind} ${subject.code} not in a group of ${c.campaign.campaignId}`);
  }
  return { type: 'DossierOpened', data: { campaignId: c.campaign.campaignId, subject, groupId: group.groupId, at: c.now.toISOString(), by: c.by } };
}

/**
 * Saves one section whole (what the form shows), opening the dossier on its first save. Only a draft
 * is edited; the content is checked against the pack; saving what is already stored writes nothing,
 * so a form's autosave may repeat itself on a poor connection.
 */
export function saveSection(s: DossierState | null, subject: { kind: SubjectKind; code: string }, section: DossierSection, content: unknown, c: DossierContext): DossierEvent[] {
  refuseClosedCampaign(c.campaign);
  if (s && (s.subject.code !== subject.code || s.subject.kind !== subject.kind)) {
    throw new Error(`dossier ${s.campaignId}/${s.subject.code} given subject ${subject.kind} ${subject.code}`);
  }
  if (s && s.status !== 'draft') {
    throw new DomainConflictError('dossier.locked', `档案${STATUS_ZH[s.status]}，不能修改`, `dossier ${s.campaignId}/${s.subject.code} is ${s.status}`);
  }
  const opened = s ? [] : [open(subject, c)];
  const sections = s?.sections ?? EMPTY_SECTIONS;
  const value = sectionContent(section, content, { pack: c.pack, subjectKind: subject.kind, stored: sections, usedProblemIds: s ? usedProblemIds(s) : [] });
  if (sameJson(value, sections[section])) return opened;
  return [...opened, { type: 'DossierSectionSaved', data: { section, content: value, at: c.now.toISOString(), by: c.by } }];
}

/** The work group hands the draft in: it must carry the team's grade, and a village's classification. */
export function submitDossier(s: DossierState, c: DossierContext): DossierEvent[] {
  refuseClosedCampaign(c.campaign);
  requireStatus(s, 'draft', '提交');
  const missing: string[] = [];
  if (!s.sections.team) missing.push('班子评价等次');
  if (s.subject.kind === 'village' && !s.sections.classification) missing.push('村分类');
  if (missing.length) throw new DomainValidationError('dossier.incomplete', `提交前请填写${missing.join('和')}`, `dossier ${s.subject.code} lacks ${missing.length} required part(s)`);
  return [{ type: 'DossierSubmitted', data: { at: c.now.toISOString(), by: c.by } }];
}

/** The township or county committee approves a submitted dossier (attributed: who, when, comment). */
export function approveDossier(s: DossierState, comment: string, c: DossierContext): DossierEvent[] {
  refuseClosedCampaign(c.campaign);
  requireStatus(s, 'submitted', '审定');
  return [{ type: 'DossierApproved', data: { at: c.now.toISOString(), by: c.by, comment: boundedText(comment, 2000, '审核意见', false) } }];
}

/** Sends a submitted dossier back to its work group, saying why. */
export function returnDossier(s: DossierState, reason: string, c: DossierContext): DossierEvent[] {
  refuseClosedCampaign(c.campaign);
  requireStatus(s, 'submitted', '退回');
  return [{ type: 'DossierReturned', data: { at: c.now.toISOString(), by: c.by, reason: boundedText(reason, 2000, '退回理由', true) } }];
}

/** The feedback letter (反馈意见函) to the village, by its number; issuing the same number again changes nothing. */
export function issueFeedback(s: DossierState, letterNo: string, c: DossierContext): DossierEvent[] {
  requireStatus(s, 'approved', '发出反馈意见');
  const no = boundedText(letterNo, 50, '反馈意见函文号', true);
  if (s.feedback?.letterNo === no) return [];
  if (s.feedback) throw new DomainConflictError('dossier.feedback_issued', `反馈意见函已发出（${s.feedback.letterNo}）`, `feedback ${s.feedback.letterNo} already issued`);
  return [{ type: 'FeedbackIssued', data: { letterNo: no, at: c.now.toISOString(), by: c.by } }];
}

/**
 * The village's 整改承诺书 (seed 004 report 3: "上报整改承诺书，明确整改措施、责任人及完成时限"): per
 * problem of the dossier not yet accepted, the measures, who is responsible and a deadline not in
 * the past (Asia/Shanghai). A commitment may be recorded again (revised) until its problem is accepted.
 */
export function recordCommitments(s: DossierState, commitments: Commitment[], c: DossierContext): DossierEvent[] {
  requireStatus(s, 'approved', '录入整改承诺');
  if (commitments.length === 0) throw new DomainValidationError('dossier.no_commitments', '请至少填写一条整改承诺', 'no commitments');
  const today = shanghaiDateOf(c.now);
  const known = new Set(s.sections.problems.map((p) => p.problemId));
  const issues: string[] = [];
  const seen = new Set<string>();
  const out = commitments.map((m, i) => {
    const n = `第 ${i + 1} 条承诺（问题 ${m.problemId}）`;
    if (!known.has(m.problemId)) issues.push(`${n}：本档案没有该问题`);
    else if (s.accepted.includes(m.problemId)) issues.push(`${n}：该问题已纳入整改，承诺不能再改`);
    if (seen.has(m.problemId)) issues.push(`${n}：同一问题重复填写`);
    seen.add(m.problemId);
    const text = (v: unknown, max: number, what: string) => {
      const t = typeof v === 'string' ? v.trim() : '';
      if (!t) issues.push(`${n}：请填写${what}`);
      else if ([...t].length > max) issues.push(`${n}：${what}至多 ${max} 字`);
      return t;
    };
    const measures = text(m.measures, 2000, '整改措施');
    const responsible = { name: text(m.responsible?.name, 50, '责任人姓名'), post: text(m.responsible?.post, 50, '责任人职务') };
    if (!isLocalDate(m.deadline)) issues.push(`${n}：完成时限应为有效日期（YYYY-MM-DD）`);
    else if (compareLocalDates(m.deadline, today) < 0) issues.push(`${n}：完成时限 ${m.deadline} 早于今天（${today}）`);
    return { problemId: m.problemId, measures, responsible, deadline: m.deadline };
  });
  if (issues.length) throw new DomainValidationError('dossier.invalid_commitments', issues.join('；'), `commitments: ${issues.length} issue(s)`);
  const unchanged = out.every((m) => sameJson(s.commitments.find((x) => x.problemId === m.problemId), m));
  if (unchanged) return [];
  return [{ type: 'CommitmentsRecorded', data: { commitments: out, at: c.now.toISOString(), by: c.by } }];
}

/** Accepts problems into rectification: each needs a commitment and is accepted once (grievance opens one case each). */
export function acceptProblems(s: DossierState, problemIds: string[], c: DossierContext): DossierEvent[] {
  requireStatus(s, 'approved', '纳入整改');
  if (problemIds.length === 0) throw new DomainValidationError('dossier.nothing_to_accept', '请选择要纳入整改的问题', 'no problem ids');
  const issues: string[] = [];
  if (new Set(problemIds).size !== problemIds.length) issues.push('问题重复选择');
  for (const id of new Set(problemIds)) {
    if (!s.sections.problems.some((p) => p.problemId === id)) issues.push(`问题 ${id} 不在本档案中`);
    else if (!s.commitments.some((m) => m.problemId === id)) issues.push(`问题 ${id} 尚无整改承诺`);
  }
  if (issues.length) throw new DomainValidationError('dossier.cannot_accept', issues.join('；'), `accept: ${issues.length} issue(s)`);
  const already = problemIds.filter((id) => s.accepted.includes(id));
  if (already.length) throw new DomainConflictError('dossier.already_accepted', `问题 ${already.join('、')} 已纳入整改`, `already accepted: ${already.join(', ')}`);
  return [{ type: 'ProblemsAccepted', data: { problemIds: [...problemIds], at: c.now.toISOString(), by: c.by } }];
}

/** Grievance closed (销号) an accepted problem's case; a redelivered close changes nothing. */
export function closeProblem(s: DossierState, closed: { problemId: string; caseId: string; closedAt: string }): DossierEvent[] {
  if (s.closed[closed.problemId]) return [];
  if (!s.accepted.includes(closed.problemId)) {
    throw new DomainConflictError('dossier.problem_not_accepted', `问题 ${closed.problemId} 未纳入整改，不能销号`, `problem ${closed.problemId} of ${s.campaignId}/${s.subject.code} not accepted`);
  }
  if (Number.isNaN(Date.parse(closed.closedAt))) throw new Error(`closedAt is not an instant: ${closed.closedAt}`);
  return [{ type: 'ProblemClosed', data: { problemId: closed.problemId, caseId: closed.caseId, closedAt: closed.closedAt } }];
}

/**
 * The share of 群众代表 among the people who answered the questionnaire (seed 004 report 1: "参与问卷调查的
 * 群众代表比例不少于60%"): representatives ÷ returned questionnaires, not returned ÷ issued. Null when
 * nobody answered. Pass the forms of one dossier or of many (a township's, a campaign's).
 */
export function representativeShare(forms: readonly FormCount[]): number | null {
  const q = forms.filter((f) => f.kind === 'questionnaire');
  const returned = q.reduce((n, f) => n + f.returned, 0);
  return returned === 0 ? null : q.reduce((n, f) => n + f.representatives, 0) / returned;
}

/** Whether the forms meet the pack's minimum share (inclusive; compared in integers, so 30 of 50 is exactly 60 %). */
export function representativeShareMeets(forms: readonly FormCount[], pack: Pick<CampaignPack, 'thresholds'>): boolean | null {
  const q = forms.filter((f) => f.kind === 'questionnaire');
  const returned = q.reduce((n, f) => n + f.returned, 0);
  if (returned === 0) return null;
  const reps = q.reduce((n, f) => n + f.representatives, 0);
  return reps * 1_000_000 >= Math.round(pack.thresholds.representativeShareMin * 1_000_000) * returned;
}
