import { CitizenId, endOfShanghaiDay, parseLocalDate, shanghaiDateOf, type WorkingCalendar } from '@lw/domain';
import { startDeadline, type TipDeadline } from './deadline';
import { invalidTip } from './tip-errors';
import type { EvidenceRef, SealedReporter, TipOrigin, TipReceivedData } from './tip.events';
import type { TipChannel } from './tip-channel';
import { regimeFor, type TipPolicy } from './tip-policy';
import { villageOf, type TipSubject } from './tip-subject';

export interface ReceiveTipInput {
  tipId: string;
  channel: TipChannel;
  category: string;
  subjects: TipSubject[];
  text: string;
  evidence: EvidenceRef[];
  anonymous: boolean;
  sealedReporter: SealedReporter | null;
  receiptLocator: string | null;
  repeatOf: string | null;
  objection: { noticeId: string; endsOn: string; candidateId?: string } | null;
  origin: TipOrigin | null;
}

export interface ReceiveContext {
  policy: TipPolicy;
  calendar: WorkingCalendar;
  now: Date;
  /** True when the code is a village-level unit inside this deployment. */
  isKnownVillage(code: string): boolean;
}

const MAX_SUBJECTS = 20;
const MAX_NAME = 50;
const MAX_POST = 50;

/**
 * Checks a new tip and fixes what follows from it: its regime, whether it is election-related, and
 * the time limits that start at receipt. Returns the TipReceived fact; throws a DomainValidationError
 * in Chinese naming the field when the input is unusable.
 */
export function receiveTip(input: ReceiveTipInput, ctx: ReceiveContext): TipReceivedData {
  const { policy } = ctx;
  const category = policy.categories.find((c) => c.code === input.category);
  if (!category) throw invalidTip('unknown_category', `举报类别“${input.category}”不存在，请从列表中选择`, `unknown category ${input.category}`);
  const subjects = checkSubjects(input.subjects, ctx);
  const text = input.text.trim();
  if (text.length === 0) throw invalidTip('text_empty', '请填写举报内容', 'text is empty');
  if ([...text].length > policy.maxTextLength) {
    throw invalidTip('text_too_long', `举报内容不能超过 ${policy.maxTextLength} 字`, `text longer than ${policy.maxTextLength} characters`);
  }
  if (!input.anonymous && !input.sealedReporter && input.channel !== 'audit') {
    throw invalidTip('reporter_missing', '实名举报须填写举报人姓名', 'a real-name tip needs the reporter');
  }

  const regime = regimeFor(policy, input.channel, category.group);
  const electionRelated = category.group === 'election' || input.objection !== null;
  const deadlines: TipDeadline[] = [];
  // A repeat runs on its own clock like a first tip: its reporter is owed an answer in the same time,
  // and a repeat left waiting would tell the accused that someone reported him before.
  deadlines.push(startDeadline('acceptance', ctx.now, policy.regimes[regime].acceptance, ctx.calendar));
  if (electionRelated) deadlines.push(startDeadline('acknowledgement', ctx.now, policy.electionAcknowledgement, ctx.calendar));
  if (input.objection) deadlines.push(objectionDeadline(ctx.now, input.objection.endsOn));
  return {
    tipId: input.tipId,
    receivedAt: ctx.now.toISOString(),
    channel: input.channel,
    category: category.code,
    group: category.group,
    subjects,
    villageCode: villageOf(subjects),
    text,
    evidence: input.evidence,
    anonymous: input.anonymous,
    sealedReporter: input.anonymous ? null : input.sealedReporter,
    receiptLocator: input.receiptLocator,
    electionRelated,
    objection: input.objection,
    repeatOf: input.repeatOf,
    regime,
    deadlines,
    origin: input.origin,
  };
}

/** An objection is answered within the public notice: its limit is the end of the notice's last day. */
function objectionDeadline(now: Date, endsOn: string): TipDeadline {
  const endsAt = endOfShanghaiDay(parseLocalDate(endsOn));
  return { kind: 'objection', period: null, startedAt: now.toISOString(), due: endsOn, endsAt: endsAt.toISOString(), beyondHorizon: false };
}

function checkSubjects(subjects: TipSubject[], ctx: ReceiveContext): TipSubject[] {
  if (!Array.isArray(subjects) || subjects.length === 0) {
    throw invalidTip('subject_missing', '请至少填写一个被举报对象（人员或村/社区）', 'no subject');
  }
  if (subjects.length > MAX_SUBJECTS) throw invalidTip('too_many_subjects', `被举报对象不能超过 ${MAX_SUBJECTS} 个`, 'too many subjects');
  const today = shanghaiDateOf(ctx.now);
  return subjects.map((s, i) => {
    const n = i + 1;
    if (s.villageCode !== null && s.villageCode !== undefined && !ctx.isKnownVillage(s.villageCode)) {
      throw invalidTip('unknown_village', `第 ${n} 个被举报对象的村/社区代码“${s.villageCode}”不在本县范围内`, `subject ${n}: unknown village ${s.villageCode}`);
    }
    if (s.kind === 'village') return { kind: 'village', villageCode: s.villageCode };
    const name = s.name.trim();
    if (!name || [...name].length > MAX_NAME) {
      throw invalidTip('subject_name', `第 ${n} 个被举报人的姓名应为 1 至 ${MAX_NAME} 个字`, `subject ${n}: bad name length`);
    }
    let citizenId: string | null = null;
    if (s.citizenId) {
      if (!CitizenId.isValid(s.citizenId, { today })) {
        throw invalidTip('subject_citizen_id', `第 ${n} 个被举报人的身份证号码无效，请核对（18 位，末位可为 X）`, `subject ${n}: invalid citizen id`);
      }
      citizenId = CitizenId.parse(s.citizenId).value;
    }
    const post = s.post?.trim() || null;
    if (post && [...post].length > MAX_POST) throw invalidTip('subject_post', `第 ${n} 个被举报人的职务不能超过 ${MAX_POST} 个字`, `subject ${n}: post too long`);
    return { kind: 'person', name, citizenId, post, villageCode: s.villageCode ?? null };
  });
}
