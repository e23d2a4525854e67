import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentActor, CurrentPrincipal, Roles, type Principal } from '@lw/auth';
import { withTransaction } from '@lw/db';
import { DomainNotFoundError, DomainValidationError, shanghaiDateOf, type Actor, type LocalDate } from '@lw/domain';
import { parseInput } from '@lw/runtime';
import * as d from '../domain/election';
import type { Approval } from '../domain/rules';
import { loadVillageElection, noticeIdFor, villageElectionStream } from '../application/village-election-stream';
import { Vetting } from '../infrastructure/vetting-runtime';
import * as s from './election.schemas';

type Decide = Parameters<Vetting['commands']['run']>[2];

/** A village election's steps (/vetting/elections/:eid/villages/:code/…), each under the election's policy pack. */
@Controller('elections/:eid/villages/:code')
export class VillageElectionController {
  constructor(private readonly vetting: Vetting) {}

  private async step(actor: Actor, eid: string, code: string, decide: Decide) {
    const st = await this.vetting.commands.run(villageElectionStream(eid, code), actor, decide);
    this.vetting.wake();
    return { stage: st.stage, version: st.version };
  }

  /** The state and its pack, after the scope check (a village outside the actor's node is not found). */
  private async load(actor: Actor, eid: string, code: string) {
    const { state } = await loadVillageElection(this.vetting.commands.store, villageElectionStream(eid, code));
    if (!this.vetting.inScope(actor, state.villageCode)) throw new DomainNotFoundError('election.not_found', '本村换届不存在或不在您的管辖范围内', `${code} outside ${actor.node}`);
    return { state, pack: await this.vetting.packs.get(state.policy) };
  }

  /** A person of the roster nominated for a post; name and facts come from the roster, never retyped. */
  @Post('nominees')
  @Roles('township', 'org_dept')
  @HttpCode(201)
  async nominate(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string, @Body() body: unknown) {
    const n = parseInput(s.nomineeSchema, body);
    await this.load(a, eid, code);
    const today = shanghaiDateOf(new Date()) as LocalDate;
    const facts = (await this.vetting.roster.personFacts([n.personId], today)).get(n.personId);
    // A person the actor may not see in the roster is, to them, not in it: no name leaks across townships.
    const villages = (await this.vetting.roster.villagesOf([n.personId])).get(n.personId) ?? [];
    if (!facts || !villages.some((v) => this.vetting.inScope(a, v))) {
      throw new DomainValidationError('election.person_unknown', '花名册中没有该人员，请先在花名册中登记其信息', `no roster person ${n.personId} within ${a.node}`);
    }
    return this.step(a, eid, code, (st, c) => d.listNominee(st, { ...n, name: facts.name }, c));
  }

  /** The township's first review of one nominee: the rules engine, plus its own opinion when given. */
  @Post('nominees/:nid/first-review')
  @Roles('township', 'org_dept')
  @HttpCode(200)
  async firstReview(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string, @Param('nid') nid: string, @Body() body: unknown) {
    const opinion = parseInput(s.firstReviewSchema, body && Object.keys(body as object).length ? body : undefined);
    const { state } = await this.load(a, eid, code);
    // Checked before reviewing: an unknown nominee must not leave a slate review behind.
    if (!state.nominees.has(nid)) throw new DomainValidationError('election.unknown_nominee', '该人选不在本村提名名单中', `no nominee ${nid}`);
    const opinions = opinion ? new Map([[nid, { ...opinion, by: a.userId }]]) : undefined;
    const st = await this.vetting.review.review(villageElectionStream(eid, code), a, { nomineeIds: [nid], opinions });
    this.vetting.wake();
    return { stage: st.stage, version: st.version, nominee: st.nominees.get(nid), slate: { verdicts: st.slateVerdicts } };
  }

  /** Every nominee and the slate at once (the township's 初审 of the whole village). */
  @Post('review')
  @Roles('township', 'org_dept')
  @HttpCode(200)
  async reviewAll(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    await this.load(a, eid, code);
    const st = await this.vetting.review.review(villageElectionStream(eid, code), a);
    this.vetting.wake();
    return { stage: st.stage, version: st.version, nominees: [...st.nominees.values()], slate: { verdicts: st.slateVerdicts } };
  }

  /** An explicit exception (e.g. 连任书记 56–60 with county approval): county organization department only. */
  @Post('approvals')
  @Roles('org_dept')
  @HttpCode(201)
  async approve(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string, @Body() body: unknown) {
    const r = parseInput(s.approvalSchema, body);
    const { state } = await this.load(a, eid, code);
    const n = r.nomineeId ? state.nominees.get(r.nomineeId) : undefined;
    if (r.nomineeId && !n) throw new DomainValidationError('election.unknown_nominee', '该人选不在本村提名名单中', `no nominee ${r.nomineeId}`);
    const approval: Approval = {
      ruleId: r.ruleId,
      ...(n ? { personId: n.personId } : { villageCode: state.villageCode }),
      approvedBy: a.userId,
      reason: r.reason,
      at: new Date().toISOString(),
    };
    await this.vetting.commands.run(villageElectionStream(eid, code), a, (st, c) => d.recordApproval(st, approval, r.nomineeId ?? null, c));
    const st = await this.vetting.review.review(villageElectionStream(eid, code), a, { nomineeIds: n ? [n.nomineeId] : [] });
    this.vetting.wake();
    return { stage: st.stage, version: st.version, approval, nominee: n ? st.nominees.get(n.nomineeId) : undefined, slate: { verdicts: st.slateVerdicts } };
  }

  @Post('nominees/:nid/joint-review')
  @Roles('org_dept')
  @HttpCode(200)
  async requestJoint(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string, @Param('nid') nid: string, @Body() body: unknown) {
    const r = parseInput(s.jointRequestSchema, body ?? {});
    const { pack } = await this.load(a, eid, code);
    const known = pack.jointReview.departments.map((x) => x.id);
    const unknown = (r.departments ?? []).filter((x) => !known.includes(x));
    if (unknown.length) throw new DomainValidationError('election.unknown_department', `联审部门 ${unknown.join('、')} 不在政策包的部门名单中（可选：${known.join('、')}）`, `unknown departments ${unknown}`);
    return this.step(a, eid, code, (st, c) => d.requestJointReview(st, nid, r.departments ?? known, pack.jointReview.answerWithin, c));
  }

  /** A department's answer; a review_dept user answers for its own department only. */
  @Post('nominees/:nid/joint-review/:dept')
  @Roles('review_dept', 'org_dept', 'discipline', 'civil_affairs')
  @HttpCode(200)
  async answerJoint(
    @CurrentActor() a: Actor,
    @CurrentPrincipal() p: Principal,
    @Param('eid') eid: string,
    @Param('code') code: string,
    @Param('nid') nid: string,
    @Param('dept') dept: string,
    @Body() body: unknown,
  ) {
    // discipline and civil_affairs are joint-review departments themselves (DOMAIN.md "Who uses it").
    const own = p.roles.includes('review_dept') ? p.dept : p.roles.includes('discipline') ? 'discipline' : p.roles.includes('civil_affairs') ? 'civil_affairs' : null;
    if (!p.roles.includes('org_dept') && own !== dept) {
      throw new DomainNotFoundError('election.other_department', `您只能答复本部门（${own ?? '未设置'}）的联审`, `dept ${own} answering for ${dept}`);
    }
    const r = parseInput(s.jointAnswerSchema, body);
    return this.step(a, eid, code, (st, c) => d.answerJointReview(st, nid, dept, r.answer, r.reason ?? null, c));
  }

  @Post('notice')
  @Roles('org_dept')
  @HttpCode(200)
  async notice(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    const { pack } = await this.load(a, eid, code);
    return this.step(a, eid, code, (st, c) => d.startNotice(st, noticeIdFor(eid, code), d.noticePeriodFor(pack), c));
  }

  /** Formal candidates: the notice over, no objection open, and the final slate (差额 seats + 1 …) allowed. */
  @Post('confirm')
  @Roles('org_dept')
  @HttpCode(200)
  async confirm(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    const { state } = await this.load(a, eid, code);
    const finalSlate = await this.vetting.review.finalSlate(state);
    // A notice past its end counts as ended even if its job has not run yet.
    return this.step(a, eid, code, (st, c) => {
      const ended = d.endNotice(st, c);
      const after = ended.reduce(d.evolveVillageElection, st);
      return [...ended, ...d.confirmCandidates(after, finalSlate, c)];
    });
  }

  @Post('result')
  @Roles('org_dept', 'civil_affairs')
  @HttpCode(200)
  async result(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string, @Body() body: unknown) {
    const r = parseInput(s.resultSchema, body);
    const { pack } = await this.load(a, eid, code);
    return this.step(a, eid, code, (st, c) => d.recordResult(st, r.elected, pack.committeeClock.handOverWithin, c));
  }

  @Post('filing-notice')
  @Roles('org_dept')
  @HttpCode(200)
  async filingNotice(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    const { pack } = await this.load(a, eid, code);
    return this.step(a, eid, code, (st, c) => d.startFilingNotice(st, pack.notice.appointmentFiling, c));
  }

  @Post('filing')
  @Roles('org_dept')
  @HttpCode(200)
  filing(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    return this.step(a, eid, code, (st, c) => d.fileAppointment(st, c));
  }

  /** Hand-over closes the village's election and moves the roster to the new term, in one transaction. */
  @Post('hand-over')
  @Roles('org_dept', 'township')
  @HttpCode(200)
  async handOver(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    const stream = villageElectionStream(eid, code);
    const st = await withTransaction(this.vetting.kernel.pool, async (tx) => {
      const after = await this.vetting.commands.run(stream, a, (x, c) => d.handOver(x, c), { tx });
      const on = shanghaiDateOf(new Date()) as LocalDate;
      await this.vetting.roster.startTerm({ villageCode: after.villageCode, on, bodies: ['party', 'committee', 'supervision'], members: d.electedMembers(after) }, a, tx);
      return after;
    });
    this.vetting.wake();
    return { stage: st.stage, version: st.version };
  }
}
