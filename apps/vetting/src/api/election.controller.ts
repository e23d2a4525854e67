import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CurrentActor, CurrentPrincipal, Roles, type Principal } from '@lw/auth';
import { DomainNotFoundError, DomainValidationError, type Actor } from '@lw/domain';
import { parseInput } from '@lw/runtime';
import * as d from '../domain/election';
import { noticeIdFor, villageElectionStream } from '../application/village-election-stream';
import { ELECTION_DEFAULTS, Vetting } from '../infrastructure/vetting-runtime';
import * as s from './election.schemas';

/** A village election's steps (/vetting/elections/:electionId/villages/:villageCode/…). */
@Controller('elections')
export class ElectionController {
  constructor(private readonly vetting: Vetting) {}

  @Post()
  @Roles('org_dept')
  @HttpCode(201)
  async open(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const input = parseInput(s.openElectionSchema, body);
    for (const v of input.villages) {
      if (!this.vetting.isVillage(v.villageCode)) throw new DomainValidationError('election.unknown_village', `村代码 ${v.villageCode} 不在本县范围内`, `unknown village ${v.villageCode}`);
    }
    const c = this.vetting.commands.context();
    for (const v of input.villages) {
      await this.vetting.commands.create(villageElectionStream(input.electionId, v.villageCode), actor, d.openVillageElection(input.electionId, v.villageCode, v.seats, c));
    }
    return { electionId: input.electionId, villages: input.villages.length };
  }

  @Get(':eid/villages/:code')
  @Roles('org_dept', 'township', 'discipline', 'civil_affairs', 'review_dept')
  async view(@CurrentActor() actor: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    const state = await this.vetting.commands.run(villageElectionStream(eid, code), actor, () => []);
    return {
      electionId: state.electionId,
      villageCode: state.villageCode,
      stage: state.stage,
      seats: state.seats,
      gate: state.gate,
      notice: state.notice,
      openObjections: state.openObjections.size,
      nominees: [...state.nominees.values()],
    };
  }

  private step(actor: Actor, eid: string, code: string, decide: Parameters<Vetting['commands']['run']>[2]) {
    return this.vetting.commands.run(villageElectionStream(eid, code), actor, decide).then((st) => ({ stage: st.stage, version: st.version }));
  }

  @Post(':eid/villages/:code/nominees')
  @Roles('township', 'org_dept')
  @HttpCode(201)
  nominate(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string, @Body() body: unknown) {
    const n = parseInput(s.nomineeSchema, body);
    return this.step(a, eid, code, (st, c) => d.listNominee(st, n, c));
  }

  @Post(':eid/villages/:code/nominees/:nid/first-review')
  @Roles('township', 'org_dept')
  @HttpCode(200)
  firstReview(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string, @Param('nid') nid: string, @Body() body: unknown) {
    const r = parseInput(s.firstReviewSchema, body);
    const verdicts: d.ReviewVerdict[] = [{ ruleId: 'township.first-review', kind: r.decision === 'pass' ? 'pass' : 'block', message: r.reason, evidence: { by: a.userId } }];
    return this.step(a, eid, code, (st, c) => d.recordFirstReview(st, nid, verdicts, c));
  }

  @Post(':eid/villages/:code/nominees/:nid/joint-review')
  @Roles('org_dept')
  @HttpCode(200)
  requestJoint(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string, @Param('nid') nid: string, @Body() body: unknown) {
    const r = parseInput(s.jointRequestSchema, body ?? {});
    return this.step(a, eid, code, (st, c) => d.requestJointReview(st, nid, r.departments ?? ELECTION_DEFAULTS.departments, ELECTION_DEFAULTS.jointReview, c));
  }

  /** A department's answer; a review_dept user answers for its own department only. */
  @Post(':eid/villages/:code/nominees/:nid/joint-review/:dept')
  @Roles('review_dept', 'org_dept')
  @HttpCode(200)
  answerJoint(
    @CurrentActor() a: Actor,
    @CurrentPrincipal() p: Principal,
    @Param('eid') eid: string,
    @Param('code') code: string,
    @Param('nid') nid: string,
    @Param('dept') dept: string,
    @Body() body: unknown,
  ) {
    if (!p.roles.includes('org_dept') && p.dept !== dept) {
      throw new DomainNotFoundError('election.other_department', `您只能答复本部门（${p.dept ?? '未设置'}）的联审`, `dept ${p.dept} answering for ${dept}`);
    }
    const r = parseInput(s.jointAnswerSchema, body);
    return this.step(a, eid, code, (st, c) => d.answerJointReview(st, nid, dept, r.answer, r.reason ?? null, c));
  }

  @Post(':eid/villages/:code/notice')
  @Roles('org_dept')
  @HttpCode(200)
  notice(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    return this.step(a, eid, code, (st, c) => d.startNotice(st, noticeIdFor(eid, code), ELECTION_DEFAULTS.noticeFor, c));
  }

  @Post(':eid/villages/:code/confirm')
  @Roles('org_dept')
  @HttpCode(200)
  confirm(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    // A notice past its end counts as ended even if its job has not run yet.
    return this.step(a, eid, code, (st, c) => {
      const ended = d.endNotice(st, c);
      const after = ended.reduce(d.evolveVillageElection, st);
      return [...ended, ...d.confirmCandidates(after, c)];
    });
  }

  /** Until the auditing service reports it (issue 5), the organization department sets the gate by hand, with reasons. */
  @Put(':eid/villages/:code/gate')
  @Roles('org_dept')
  gate(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string, @Body() body: unknown) {
    const g = parseInput(s.gateSchema, body);
    return this.step(a, eid, code, (st, c) => d.changeGate(st, g.open, g.reasons, c));
  }

  @Post(':eid/villages/:code/result')
  @Roles('org_dept', 'civil_affairs')
  @HttpCode(200)
  result(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string, @Body() body: unknown) {
    const r = parseInput(s.resultSchema, body);
    return this.step(a, eid, code, (st, c) => d.recordResult(st, r.elected, c));
  }

  @Post(':eid/villages/:code/hand-over')
  @Roles('org_dept', 'township')
  @HttpCode(200)
  handOver(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    return this.step(a, eid, code, (st, c) => d.handOver(st, c));
  }
}

