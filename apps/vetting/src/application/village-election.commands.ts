import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Pool, type PoolClient } from 'pg';
import { DomainNotFoundError, DomainValidationError, outsideJurisdiction, shanghaiDateOf, type Actor, type IntegrationPayload, type LocalDate } from '@lw/domain';
import { Jurisdiction } from '@lw/hierarchy';
import * as d from '../domain/election';
import type { Approval, SubstantiatedTipFact } from '../domain/rules';
import { AuditLedger } from './election/audit-ledger';
import { ElectionReview, type TownshipOpinion } from './election/election-review';
import { Objections } from './election/objections';
import type { OpenNomination } from './election/open-nominations';
import { SubstantiatedTips } from './election/substantiated-tips';
import { RosterPort } from './roster-port';
import { inRetriedTransactionWithId } from '@lw/eventstore';
import { PolicyPacks } from './election/policy-packs';
import { VillageElections, type StepContext } from './election/village-elections';
import { noticeIdFor, villageElectionStream } from './village-election-stream';

export interface StepResult {
  stage: d.Stage;
  version: number;
}

const stepResult = (s: d.VillageElectionState): StepResult => ({ stage: s.stage, version: s.version });

/** A user's step on one village's election (/vetting/elections/:eid/villages/:code/…). */
abstract class VillageStep<R = StepResult> extends Command<R> {
  constructor(
    readonly electionId: string,
    readonly villageCode: string,
    readonly actor: Actor,
  ) {
    super();
  }

  get streamId(): string {
    return villageElectionStream(this.electionId, this.villageCode);
  }
}

/** Where a reaction to another service's event runs: inside its inbox transaction. */
export type ReactionContext = StepContext & { tx: PoolClient };

/** A step caused by another service's event or a deadline: no user, maybe inside the inbox transaction. */
abstract class VillageReaction extends Command<d.VillageElectionState> {
  constructor(
    readonly streamId: string,
    readonly ctx: StepContext = {},
  ) {
    super();
  }
}

/** A person of the roster nominated for a post; name and facts come from the roster, never retyped. */
export class ListNominee extends VillageStep {
  constructor(eid: string, code: string, actor: Actor, readonly nominee: Omit<d.NomineeRef, 'name'>) {
    super(eid, code, actor);
  }
}

@Injectable()
@CommandHandler(ListNominee)
export class ListNomineeHandler implements ICommandHandler<ListNominee> {
  constructor(
    private readonly elections: VillageElections,
    private readonly roster: RosterPort,
    private readonly jurisdiction: Jurisdiction,
  ) {}

  async execute(c: ListNominee): Promise<StepResult> {
    const { actor, nominee: n } = c;
    await this.elections.load(c.streamId, actor);
    const today = shanghaiDateOf(new Date()) as LocalDate;
    const [facts, villages] = await Promise.all([this.roster.personFacts([n.personId], today), this.roster.villagesOf([n.personId])]);
    const person = facts.get(n.personId);
    // A person the actor may not see in the roster is, to them, not in it: no name leaks across townships.
    if (!person || !(villages.get(n.personId) ?? []).some((v) => this.jurisdiction.covers(actor, v))) {
      throw new DomainValidationError('election.person_unknown', '花名册中没有该人员，请先在花名册中登记其信息', `no roster person ${n.personId} within ${actor.node}`);
    }
    return stepResult(await this.elections.decide(c.streamId, { actor }, (s, ctx) => d.listNominee(s, { ...n, name: person.name }, ctx)));
  }
}

/** The township's first review of one nominee: the rules engine, plus its own opinion when given. */
export class ReviewNominee extends VillageStep<StepResult & { nominee: d.NomineeState | undefined; slate: { verdicts: d.ReviewVerdict[] } }> {
  constructor(eid: string, code: string, actor: Actor, readonly nomineeId: string, readonly opinion: Omit<TownshipOpinion, 'by'> | undefined) {
    super(eid, code, actor);
  }
}

@Injectable()
@CommandHandler(ReviewNominee)
export class ReviewNomineeHandler implements ICommandHandler<ReviewNominee> {
  constructor(
    private readonly elections: VillageElections,
    private readonly review: ElectionReview,
  ) {}

  async execute(c: ReviewNominee) {
    const state = await this.elections.load(c.streamId, c.actor);
    // Checked before reviewing: an unknown nominee must not leave a slate review behind.
    if (!state.nominees.has(c.nomineeId)) throw new DomainValidationError('election.unknown_nominee', '该人选不在本村提名名单中', `no nominee ${c.nomineeId}`);
    const opinions = c.opinion ? new Map([[c.nomineeId, { ...c.opinion, by: c.actor.userId }]]) : undefined;
    const st = await this.review.review(c.streamId, { actor: c.actor }, { nomineeIds: [c.nomineeId], opinions });
    return { ...stepResult(st), nominee: st.nominees.get(c.nomineeId), slate: { verdicts: st.slateVerdicts } };
  }
}

/** Every nominee and the slate at once (the township's 初审 of the whole village). */
export class ReviewVillage extends VillageStep<StepResult & { nominees: d.NomineeState[]; slate: { verdicts: d.ReviewVerdict[] } }> {}

@Injectable()
@CommandHandler(ReviewVillage)
export class ReviewVillageHandler implements ICommandHandler<ReviewVillage> {
  constructor(private readonly review: ElectionReview) {}

  async execute(c: ReviewVillage) {
    const st = await this.review.review(c.streamId, { actor: c.actor });
    return { ...stepResult(st), nominees: [...st.nominees.values()], slate: { verdicts: st.slateVerdicts } };
  }
}

/** An explicit exception (e.g. 连任书记 56–60 with county approval), then the review it changes. */
export class RecordApproval extends VillageStep<StepResult & { approval: Approval; nominee: d.NomineeState | undefined; slate: { verdicts: d.ReviewVerdict[] } }> {
  constructor(eid: string, code: string, actor: Actor, readonly request: { ruleId: string; nomineeId?: string; reason: string }) {
    super(eid, code, actor);
  }
}

@Injectable()
@CommandHandler(RecordApproval)
export class RecordApprovalHandler implements ICommandHandler<RecordApproval> {
  constructor(
    private readonly elections: VillageElections,
    private readonly review: ElectionReview,
  ) {}

  async execute(c: RecordApproval) {
    const { request: r, actor } = c;
    const state = await this.elections.load(c.streamId, actor);
    const n = r.nomineeId ? state.nominees.get(r.nomineeId) : undefined;
    if (r.nomineeId && !n) throw new DomainValidationError('election.unknown_nominee', '该人选不在本村提名名单中', `no nominee ${r.nomineeId}`);
    const approval: Approval = {
      ruleId: r.ruleId,
      ...(n ? { personId: n.personId } : { villageCode: state.villageCode }),
      approvedBy: actor.userId,
      reason: r.reason,
      at: new Date().toISOString(),
    };
    await this.elections.decide(c.streamId, { actor }, (s, ctx) => d.recordApproval(s, approval, r.nomineeId ?? null, ctx));
    const st = await this.review.review(c.streamId, { actor }, { nomineeIds: n ? [n.nomineeId] : [] });
    return { ...stepResult(st), approval, nominee: n ? st.nominees.get(n.nomineeId) : undefined, slate: { verdicts: st.slateVerdicts } };
  }
}

/** County joint review (资格联审) by the pack's departments, or those named. */
export class RequestJointReview extends VillageStep {
  constructor(eid: string, code: string, actor: Actor, readonly nomineeId: string, readonly departments: string[] | undefined) {
    super(eid, code, actor);
  }
}

@Injectable()
@CommandHandler(RequestJointReview)
export class RequestJointReviewHandler implements ICommandHandler<RequestJointReview> {
  constructor(
    private readonly elections: VillageElections,
    private readonly packs: PolicyPacks,
  ) {}

  async execute(c: RequestJointReview): Promise<StepResult> {
    const st = await this.elections.decide(c.streamId, { actor: c.actor }, async (s, ctx) => {
      const pack = await this.packs.get(s.policy);
      const known = pack.jointReview.departments.map((x) => x.id);
      const unknown = (c.departments ?? []).filter((x) => !known.includes(x));
      if (unknown.length) throw new DomainValidationError('election.unknown_department', `联审部门 ${unknown.join('、')} 不在政策包的部门名单中（可选：${known.join('、')}）`, `unknown departments ${unknown}`);
      return d.requestJointReview(s, c.nomineeId, c.departments ?? known, pack.jointReview.answerWithin, ctx);
    });
    return stepResult(st);
  }
}

/** A department's answer; `userDept` is the department a review_dept user belongs to. */
export class AnswerJointReview extends VillageStep {
  constructor(
    eid: string,
    code: string,
    actor: Actor,
    readonly userDept: string | null,
    readonly nomineeId: string,
    readonly department: string,
    readonly answer: d.JointAnswer,
    readonly reason: string | null,
  ) {
    super(eid, code, actor);
  }
}

@Injectable()
@CommandHandler(AnswerJointReview)
export class AnswerJointReviewHandler implements ICommandHandler<AnswerJointReview> {
  constructor(private readonly elections: VillageElections) {}

  async execute(c: AnswerJointReview): Promise<StepResult> {
    // Only the county organisation department answers for any department; discipline and
    // civil_affairs are joint-review departments themselves (DOMAIN.md "Who uses it").
    const roles = c.actor.roles;
    const own = roles.includes('review_dept') ? c.userDept : roles.includes('discipline') ? 'discipline' : roles.includes('civil_affairs') ? 'civil_affairs' : null;
    if (!roles.includes('org_dept') && own !== c.department) throw outsideJurisdiction(`${c.department} 部门的联审`, `dept ${own} answering for ${c.department}`);
    return stepResult(await this.elections.decide(c.streamId, { actor: c.actor }, (s, ctx) => d.answerJointReview(s, c.nomineeId, c.department, c.answer, c.reason, ctx)));
  }
}

/** Public notice (公示) of the inspection subjects, for the periods the pack sets per post. */
export class StartNotice extends VillageStep {}

@Injectable()
@CommandHandler(StartNotice)
export class StartNoticeHandler implements ICommandHandler<StartNotice> {
  constructor(
    private readonly elections: VillageElections,
    private readonly packs: PolicyPacks,
  ) {}

  async execute(c: StartNotice): Promise<StepResult> {
    const st = await this.elections.decide(c.streamId, { actor: c.actor }, async (s, ctx) =>
      d.startNotice(s, noticeIdFor(s.electionId, s.villageCode), d.noticePeriodFor(await this.packs.get(s.policy)), ctx),
    );
    return stepResult(st);
  }
}

/** Formal candidates: the notice over, no objection open, and the final slate (差额 seats + 1 …) allowed. */
export class ConfirmCandidates extends VillageStep {}

@Injectable()
@CommandHandler(ConfirmCandidates)
export class ConfirmCandidatesHandler implements ICommandHandler<ConfirmCandidates> {
  constructor(
    private readonly elections: VillageElections,
    private readonly review: ElectionReview,
  ) {}

  async execute(c: ConfirmCandidates): Promise<StepResult> {
    const st = await this.elections.decide(c.streamId, { actor: c.actor }, async (s, ctx) => {
      const finalSlate = await this.review.finalSlate(s);
      // A notice past its end counts as ended even if its job has not run yet.
      const ended = d.endNotice(s, ctx);
      return [...ended, ...d.confirmCandidates(ended.reduce(d.evolveVillageElection, s), finalSlate, ctx)];
    });
    return stepResult(st);
  }
}

export class RecordResult extends VillageStep {
  constructor(eid: string, code: string, actor: Actor, readonly elected: string[]) {
    super(eid, code, actor);
  }
}

@Injectable()
@CommandHandler(RecordResult)
export class RecordResultHandler implements ICommandHandler<RecordResult> {
  constructor(
    private readonly elections: VillageElections,
    private readonly packs: PolicyPacks,
  ) {}

  async execute(c: RecordResult): Promise<StepResult> {
    const st = await this.elections.decide(c.streamId, { actor: c.actor }, async (s, ctx) => d.recordResult(s, c.elected, (await this.packs.get(s.policy)).committeeClock.handOverWithin, ctx));
    return stepResult(st);
  }
}

/** 任职备案 notice of the elected. */
export class StartFilingNotice extends VillageStep {}

@Injectable()
@CommandHandler(StartFilingNotice)
export class StartFilingNoticeHandler implements ICommandHandler<StartFilingNotice> {
  constructor(
    private readonly elections: VillageElections,
    private readonly packs: PolicyPacks,
  ) {}

  async execute(c: StartFilingNotice): Promise<StepResult> {
    const st = await this.elections.decide(c.streamId, { actor: c.actor }, async (s, ctx) => d.startFilingNotice(s, (await this.packs.get(s.policy)).notice.appointmentFiling, ctx));
    return stepResult(st);
  }
}

/** 任职备案, once its notice is over; `asOf` decides as of another moment (a test cannot wait working days). */
export class FileAppointment extends VillageStep {
  constructor(eid: string, code: string, actor: Actor, readonly asOf?: Date) {
    super(eid, code, actor);
  }
}

@Injectable()
@CommandHandler(FileAppointment)
export class FileAppointmentHandler implements ICommandHandler<FileAppointment> {
  constructor(private readonly elections: VillageElections) {}

  async execute(c: FileAppointment): Promise<StepResult> {
    return stepResult(await this.elections.decide(c.streamId, { actor: c.actor }, (s, ctx) => d.fileAppointment(s, ctx), c.asOf));
  }
}

/** Hand-over closes the village's election and moves the roster to the new term, in one transaction. */
export class HandOver extends VillageStep {}

@Injectable()
@CommandHandler(HandOver)
export class HandOverHandler implements ICommandHandler<HandOver> {
  constructor(
    private readonly pool: Pool,
    private readonly elections: VillageElections,
    private readonly roster: RosterPort,
  ) {}

  async execute(c: HandOver): Promise<StepResult> {
    // Both streams are decided again on a concurrent append: the whole transaction is retried.
    const { result: st, txId } = await inRetriedTransactionWithId(this.pool, async (tx) => {
      const after = await this.elections.decide(c.streamId, { tx, actor: c.actor }, (s, ctx) => d.handOver(s, ctx));
      const on = shanghaiDateOf(new Date()) as LocalDate;
      await this.roster.startTerm({ villageCode: after.villageCode, on, bodies: ['party', 'committee', 'supervision'], members: d.electedMembers(after) }, c.actor, tx);
      return after;
    });
    // One transaction wrote both: the answer waits for the board and the roster.
    await Promise.all([this.elections.readYourWrites(txId), this.roster.readYourWrites(txId)]);
    return stepResult(st);
  }
}

/** The joint-review job: departments still silent past the limit are chased. */
export class ChaseJointReview extends VillageReaction {
  constructor(streamId: string, readonly nomineeId: string, readonly asOf?: Date) {
    super(streamId);
  }
}

@Injectable()
@CommandHandler(ChaseJointReview)
export class ChaseJointReviewHandler implements ICommandHandler<ChaseJointReview> {
  constructor(private readonly elections: VillageElections) {}

  execute(c: ChaseJointReview): Promise<d.VillageElectionState> {
    return this.elections.decide(c.streamId, c.ctx, (s, ctx) => d.chaseJointReview(s, c.nomineeId, ctx), c.asOf);
  }
}

/** The notice job: the notice ends at its last moment. */
export class EndNotice extends VillageReaction {
  constructor(streamId: string, readonly asOf?: Date) {
    super(streamId);
  }
}

@Injectable()
@CommandHandler(EndNotice)
export class EndNoticeHandler implements ICommandHandler<EndNotice> {
  constructor(private readonly elections: VillageElections) {}

  execute(c: EndNotice): Promise<d.VillageElectionState> {
    return this.elections.decide(c.streamId, c.ctx, (s, ctx) => d.endNotice(s, ctx), c.asOf);
  }
}

/** An objection (异议) from the tip-line to a nominee under notice. */
export class RaiseObjection extends VillageReaction {
  constructor(streamId: string, readonly noticeId: string, readonly tipId: string, readonly nomineeId: string | null, override readonly ctx: ReactionContext) {
    super(streamId, ctx);
  }
}

@Injectable()
@CommandHandler(RaiseObjection)
export class RaiseObjectionHandler implements ICommandHandler<RaiseObjection> {
  constructor(
    private readonly elections: VillageElections,
    private readonly objections: Objections,
  ) {}

  async execute(c: RaiseObjection): Promise<d.VillageElectionState> {
    // Kept with the objection, so the tip's later decision (not accepted, concluded) finds its election.
    await this.objections.record({ tipId: c.tipId, streamId: c.streamId, noticeId: c.noticeId }, c.ctx.tx);
    return this.elections.decide(c.streamId, c.ctx, (s, ctx) => d.raiseObjection(s, c.noticeId, c.tipId, c.nomineeId, ctx));
  }
}

/** The discipline office declined or transferred the objection: it blocks no longer. */
export class DropObjection extends VillageReaction {
  constructor(streamId: string, readonly tipId: string, readonly decision: 'not_accepted' | 'transferred', ctx: StepContext) {
    super(streamId, ctx);
  }
}

@Injectable()
@CommandHandler(DropObjection)
export class DropObjectionHandler implements ICommandHandler<DropObjection> {
  constructor(private readonly elections: VillageElections) {}

  execute(c: DropObjection): Promise<d.VillageElectionState> {
    return this.elections.decide(c.streamId, c.ctx, (s, ctx) => d.dropObjection(s, c.tipId, c.decision, ctx));
  }
}

/** The objection's finding; a substantiated one disqualifies its nominee. */
export class ConcludeObjection extends VillageReaction {
  constructor(streamId: string, readonly tipId: string, readonly finding: string, ctx: StepContext) {
    super(streamId, ctx);
  }
}

@Injectable()
@CommandHandler(ConcludeObjection)
export class ConcludeObjectionHandler implements ICommandHandler<ConcludeObjection> {
  constructor(private readonly elections: VillageElections) {}

  execute(c: ConcludeObjection): Promise<d.VillageElectionState> {
    return this.elections.decide(c.streamId, c.ctx, (s, ctx) => d.concludeObjection(s, c.tipId, c.finding, ctx));
  }
}

/** Re-review of nominees whose facts changed (a record, an appraisal, a substantiated tip). */
export class ReviewNominees extends VillageReaction {
  constructor(streamId: string, readonly nomineeIds: readonly string[], ctx: StepContext) {
    super(streamId, ctx);
  }
}

@Injectable()
@CommandHandler(ReviewNominees)
export class ReviewNomineesHandler implements ICommandHandler<ReviewNominees> {
  constructor(private readonly review: ElectionReview) {}

  execute(c: ReviewNominees): Promise<d.VillageElectionState> {
    return this.review.review(c.streamId, c.ctx, { nomineeIds: c.nomineeIds });
  }
}

/** A tip concluded (partly) substantiated against a person with open nominations: it joins their facts and their reviews run again. */
export class RecordSubstantiatedTip extends Command<void> {
  constructor(
    readonly personId: string,
    readonly fact: SubstantiatedTipFact,
    readonly nominations: readonly OpenNomination[],
    readonly ctx: ReactionContext,
  ) {
    super();
  }
}

@Injectable()
@CommandHandler(RecordSubstantiatedTip)
export class RecordSubstantiatedTipHandler implements ICommandHandler<RecordSubstantiatedTip> {
  constructor(
    private readonly tips: SubstantiatedTips,
    private readonly review: ElectionReview,
  ) {}

  async execute({ personId, fact, nominations, ctx }: RecordSubstantiatedTip): Promise<void> {
    // A redelivered conclusion adds nothing and reviews nothing again.
    if (!(await this.tips.add(ctx.tx, personId, fact))) return;
    // One person may be nominated twice (交叉任职): every nomination is reviewed again.
    for (const stream of new Set(nominations.map((n) => n.streamId))) {
      await this.review.review(stream, ctx, { nomineeIds: nominations.filter((n) => n.streamId === stream).map((n) => n.nomineeId) });
    }
  }
}

/** What auditing reported of a village's outgoing audit: kept in the ledger the gate is decided from. */
export type AuditNews =
  | { kind: 'planned'; report: IntegrationPayload<'auditing.AuditPlanned'> }
  | { kind: 'concluded'; report: IntegrationPayload<'auditing.AuditConcluded' | 'auditing.AuditPublished'>; published: boolean }
  | { kind: 'finding'; report: IntegrationPayload<'auditing.FindingRecorded'> }
  | { kind: 'rectified'; report: IntegrationPayload<'auditing.FindingRectified'> };

/** The village's gate from what auditing has reported of its outgoing audit, this news included. */
export class ChangeVillageGate extends Command<void> {
  constructor(
    readonly news: AuditNews,
    readonly ctx: ReactionContext,
  ) {
    super();
  }
}

@Injectable()
@CommandHandler(ChangeVillageGate)
export class ChangeVillageGateHandler implements ICommandHandler<ChangeVillageGate> {
  constructor(
    private readonly elections: VillageElections,
    private readonly packs: PolicyPacks,
    private readonly audits: AuditLedger,
  ) {}

  async execute({ news, ctx }: ChangeVillageGate): Promise<void> {
    const { electionId, villageCode } = news.report;
    // An audit of no election (e.g. a 三资 audit) concerns no gate.
    if (!electionId) return;
    await this.record(news, ctx.tx);
    const audit = await this.audits.status(news.report, ctx.tx);
    try {
      await this.elections.decide(villageElectionStream(electionId, villageCode), ctx, async (s, c) => {
        const gate = d.villageGate((await this.packs.get(s.policy, ctx.tx)).gate, audit);
        return d.changeGate(s, gate.open, gate.reasons, c);
      });
    } catch (err) {
      // An audit of an election we do not hold (another deployment's) changes no gate.
      if (!(err instanceof DomainNotFoundError)) throw err;
    }
  }

  private record(news: AuditNews, tx: PoolClient): Promise<void> {
    switch (news.kind) {
      case 'planned':
        return this.audits.planned(news.report, tx);
      case 'concluded':
        return this.audits.concluded(news.report, news.published, tx);
      case 'finding':
        return this.audits.finding(news.report, tx);
      case 'rectified':
        return this.audits.rectified(news.report, tx);
    }
  }
}

export const VILLAGE_ELECTION_HANDLERS = [
  ListNomineeHandler,
  ReviewNomineeHandler,
  ReviewVillageHandler,
  RecordApprovalHandler,
  RequestJointReviewHandler,
  AnswerJointReviewHandler,
  StartNoticeHandler,
  ConfirmCandidatesHandler,
  RecordResultHandler,
  StartFilingNoticeHandler,
  FileAppointmentHandler,
  HandOverHandler,
  ChaseJointReviewHandler,
  EndNoticeHandler,
  RaiseObjectionHandler,
  DropObjectionHandler,
  ConcludeObjectionHandler,
  ReviewNomineesHandler,
  RecordSubstantiatedTipHandler,
  ChangeVillageGateHandler,
];
