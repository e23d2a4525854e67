import { compareLocalDates, DomainConflictError, DomainValidationError, isLocalDate, outsideJurisdiction, sameJson } from '@lw/domain';
import { CAMPAIGN_KIND_LABELS, type CampaignKind, type CampaignPack } from './campaign-pack';
import type { CampaignEvent, CampaignStage, PersonRef, WorkGroup } from './campaign.events';
import type { CampaignState } from './campaign.state';

export interface CampaignContext {
  now: Date;
  /** User id of the actor; null for system replays. */
  by: string | null;
  /** The pack the campaign runs under (planning: the one named in the request). */
  pack: CampaignPack;
}

export interface PlanCampaignInput {
  campaignId: string;
  kind: CampaignKind;
  name: string;
  scope: string;
  period: { from: string; to: string };
  stages: CampaignStage[];
  methods: string[];
  previousCampaignId: string | null;
}

const MAX_STAGES = 20;
const MAX_GROUP_MEMBERS = 50;
const MAX_GROUP_SUBJECTS = 500;

function invalid(issues: string[], en: string): void {
  if (issues.length) throw new DomainValidationError('campaign.invalid', issues.join('；'), `${en}: ${issues.length} issue(s)`);
}

function refuseClosed(s: CampaignState): void {
  if (s.closed) throw new DomainConflictError('campaign.closed', `检查“${s.name}”已结束，不能再修改`, `campaign ${s.campaignId} is closed`);
}

function refuseOtherPack(s: CampaignState, pack: CampaignPack): void {
  if (s.pack.id !== pack.id || s.pack.version !== pack.version) {
    throw new Error(`campaign ${s.campaignId} runs under ${s.pack.id}@${s.pack.version}, given ${pack.id}@${pack.version}`);
  }
}

/** Text 1..max characters after trimming (counted in characters, not UTF-16 units), or an issue. */
function boundedText(v: string, max: number, what: string, issues: string[]): string {
  const t = typeof v === 'string' ? v.trim() : '';
  if (!t) issues.push(`${what}不能为空`);
  else if ([...t].length > max) issues.push(`${what}至多 ${max} 字`);
  return t;
}

/** Stages named, dated and inside the period; their order is the plan's, overlap allowed (stages run side by side). */
function checkStages(stages: readonly CampaignStage[], period: { from: string; to: string }, issues: string[]): CampaignStage[] {
  if (stages.length > MAX_STAGES) issues.push(`工作阶段至多 ${MAX_STAGES} 个`);
  return stages.map((st, i) => {
    const n = `第 ${i + 1} 个阶段`;
    const name = boundedText(st.name, 50, `${n}的名称`, issues);
    if (!isLocalDate(st.from) || !isLocalDate(st.to)) {
      issues.push(`${n}（${name}）的起止日期应为有效日期（YYYY-MM-DD）`);
    } else if (compareLocalDates(st.from, st.to) > 0) {
      issues.push(`${n}（${name}）的开始日期 ${st.from} 晚于结束日期 ${st.to}`);
    } else if (isLocalDate(period.from) && isLocalDate(period.to) && (compareLocalDates(st.from, period.from) < 0 || compareLocalDates(st.to, period.to) > 0)) {
      issues.push(`${n}（${name}）${st.from} 至 ${st.to} 超出检查时间 ${period.from} 至 ${period.to}`);
    }
    return { name, from: st.from, to: st.to };
  });
}

function checkMethods(methods: readonly string[], pack: CampaignPack, issues: string[]): string[] {
  const known = new Set(pack.methods.map((m) => m.id));
  if (methods.length === 0) issues.push('请至少选择一种工作方式');
  const unknown = methods.filter((m) => !known.has(m));
  if (unknown.length) issues.push(`工作方式 ${unknown.join('、')} 不在方案“${pack.name}”之内（可选：${pack.methods.map((m) => m.label).join('、')}）`);
  if (new Set(methods).size !== methods.length) issues.push('工作方式重复');
  return [...methods];
}

/** A new campaign under a pack of its kind. The campaign id is the application's; planning it twice is a conflict. */
export function planCampaign(existing: CampaignState | null, input: PlanCampaignInput, c: CampaignContext): CampaignEvent[] {
  if (existing) throw new DomainConflictError('campaign.exists', `检查 ${input.campaignId} 已存在`, `campaign ${input.campaignId} exists`);
  const issues: string[] = [];
  if (c.pack.kind !== input.kind) {
    issues.push(`方案“${c.pack.name}”用于${CAMPAIGN_KIND_LABELS[c.pack.kind]}，不能用于${CAMPAIGN_KIND_LABELS[input.kind] ?? input.kind}`);
  }
  const name = boundedText(input.name, 100, '检查名称', issues);
  if (!/^(\d{6}|\d{9})$/.test(input.scope)) issues.push(`检查范围“${input.scope}”应为县（6 位）或乡镇（9 位）代码`);
  const { from, to } = input.period;
  if (!isLocalDate(from) || !isLocalDate(to)) issues.push('检查时间的起止日期应为有效日期（YYYY-MM-DD）');
  else if (compareLocalDates(from, to) > 0) issues.push(`检查开始日期 ${from} 晚于结束日期 ${to}`);
  const stages = checkStages(input.stages, input.period, issues);
  const methods = checkMethods(input.methods, c.pack, issues);
  const previous = input.previousCampaignId === null ? null : input.previousCampaignId.trim();
  if (previous === '') issues.push('上一届检查的编号不能为空');
  else if (previous === input.campaignId) issues.push('上一届检查不能是本次检查');
  invalid(issues, `campaign ${input.campaignId} plan`);
  return [
    {
      type: 'CampaignPlanned',
      data: {
        campaignId: input.campaignId,
        kind: input.kind,
        name,
        scope: input.scope,
        period: { from, to },
        pack: { id: c.pack.id, version: c.pack.version },
        stages,
        methods,
        previousCampaignId: previous,
        at: c.now.toISOString(),
        by: c.by,
      },
    },
  ];
}

/** New stages or methods within the same period and pack; the same plan again changes nothing. */
export function changePlan(s: CampaignState, input: { stages: CampaignStage[]; methods: string[] }, c: CampaignContext): CampaignEvent[] {
  refuseClosed(s);
  refuseOtherPack(s, c.pack);
  const issues: string[] = [];
  const stages = checkStages(input.stages, s.period, issues);
  const methods = checkMethods(input.methods, c.pack, issues);
  invalid(issues, `campaign ${s.campaignId} plan change`);
  if (sameJson([stages, methods], [s.stages, s.methods])) return [];
  return [{ type: 'CampaignPlanChanged', data: { stages, methods, at: c.now.toISOString(), by: c.by } }];
}

function person(p: PersonRef, who: string, issues: string[]): PersonRef {
  return { name: boundedText(p?.name, 50, `${who}姓名`, issues), post: boundedText(p?.post, 50, `${who}职务`, issues) };
}

/** Subjects must be of the right length, unique, and inside the campaign's scope. */
function checkSubjects(codes: readonly string[], digits: 9 | 12, what: string, s: CampaignState, issues: string[]): string[] {
  const pattern = digits === 12 ? /^\d{12}$/ : /^\d{9}$/;
  const bad = codes.filter((v) => typeof v !== 'string' || !pattern.test(v));
  if (bad.length) issues.push(`${what}代码应为 ${digits} 位数字：${bad.join('、')}`);
  const dup = codes.filter((v, i) => codes.indexOf(v) !== i);
  if (dup.length) issues.push(`${what}重复：${[...new Set(dup)].join('、')}`);
  const outside = codes.filter((v) => pattern.test(v) && !v.startsWith(s.scope));
  if (outside.length) issues.push(`${what} ${outside.join('、')} 不在本次检查范围（${s.scope}）之内`);
  return [...codes];
}

/**
 * Sets (creates or replaces) a work group. Each village and township team is covered by at most one
 * group (one file per subject, 一村一档); township teams only when the pack inspects them. A subject
 * the user may not see answers as missing (`c.inScope`).
 */
export function setWorkGroup(s: CampaignState, group: WorkGroup, c: CampaignContext & { inScope: (code: string) => boolean }): CampaignEvent[] {
  refuseClosed(s);
  refuseOtherPack(s, c.pack);
  const issues: string[] = [];
  const groupId = typeof group.groupId === 'string' ? group.groupId.trim() : '';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(groupId)) issues.push('工作组编号只能使用字母、数字、下划线或连字符（至多 64 位）');
  const name = boundedText(group.name, 50, '工作组名称', issues);
  const leader = person(group.leader, '组长', issues);
  if (group.members.length > MAX_GROUP_MEMBERS) issues.push(`工作组成员至多 ${MAX_GROUP_MEMBERS} 人`);
  const members = group.members.map((m, i) => person(m, `第 ${i + 1} 名成员的`, issues));
  if (group.villages.length + group.townships.length > MAX_GROUP_SUBJECTS) issues.push(`一个工作组至多负责 ${MAX_GROUP_SUBJECTS} 个村（社区）和乡镇`);
  const villages = checkSubjects(group.villages, 12, '村（社区）', s, issues);
  if (group.townships.length > 0 && !c.pack.township) issues.push(`方案“${c.pack.name}”不检查乡镇领导班子，工作组不能负责乡镇`);
  const townships = checkSubjects(group.townships, 9, '乡镇', s, issues);
  invalid(issues, `campaign ${s.campaignId} group ${groupId}`);
  const hidden = [...villages, ...townships].find((code) => !c.inScope(code));
  if (hidden) throw outsideJurisdiction(hidden.length === 12 ? '该村（社区）' : '该乡镇', `subject ${hidden} not visible for campaign ${s.campaignId}`);
  for (const code of [...villages, ...townships]) {
    const other = s.groups.find((g) => g.groupId !== groupId && (g.villages.includes(code) || g.townships.includes(code)));
    if (other) throw new DomainConflictError('campaign.subject_taken', `${code} 已分配给工作组“${other.name}”，请先从该组移出`, `subject ${code} already in group ${other.groupId}`);
  }
  const next: WorkGroup = { groupId, name, leader, members, villages, townships };
  const current = s.groups.find((g) => g.groupId === groupId);
  if (current && sameJson(current, next)) return [];
  return [{ type: 'WorkGroupSet', data: { ...next, at: c.now.toISOString(), by: c.by } }];
}

/** Removes a work group; one already gone is not an error (a repeated DELETE changes nothing). */
export function removeWorkGroup(s: CampaignState, groupId: string, c: CampaignContext): CampaignEvent[] {
  refuseClosed(s);
  if (!s.groups.some((g) => g.groupId === groupId)) return [];
  return [{ type: 'WorkGroupRemoved', data: { groupId, at: c.now.toISOString(), by: c.by } }];
}

/** Ends the campaign: plan, groups and dossiers are frozen; closing twice changes nothing. */
export function closeCampaign(s: CampaignState, c: CampaignContext): CampaignEvent[] {
  if (s.closed) return [];
  return [{ type: 'CampaignClosed', data: { at: c.now.toISOString(), by: c.by } }];
}
