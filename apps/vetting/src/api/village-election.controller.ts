import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentActor, CurrentPrincipal, Roles, type Principal } from '@lw/auth';
import { DomainNotFoundError, type Actor } from '@lw/domain';
import { parseInput } from '@lw/runtime';
import * as c from '../application/village-election.commands';
import * as s from './election.schemas';

/** A village election's steps (/vetting/elections/:eid/villages/:code/…), each under the election's policy pack. */
@Controller('elections/:eid/villages/:code')
export class VillageElectionController {
  constructor(private readonly commands: CommandBus) {}

  @Post('nominees')
  @Roles('township', 'org_dept')
  @HttpCode(201)
  nominate(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string, @Body() body: unknown) {
    return this.commands.execute(new c.ListNominee(eid, code, a, parseInput(s.nomineeSchema, body)));
  }

  @Post('nominees/:nid/first-review')
  @Roles('township', 'org_dept')
  @HttpCode(200)
  firstReview(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string, @Param('nid') nid: string, @Body() body: unknown) {
    const opinion = parseInput(s.firstReviewSchema, body && Object.keys(body as object).length ? body : undefined);
    return this.commands.execute(new c.ReviewNominee(eid, code, a, nid, opinion));
  }

  @Post('review')
  @Roles('township', 'org_dept')
  @HttpCode(200)
  reviewAll(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    return this.commands.execute(new c.ReviewVillage(eid, code, a));
  }

  /** An explicit exception (e.g. 连任书记 56–60 with county approval): county organization department only. */
  @Post('approvals')
  @Roles('org_dept')
  @HttpCode(201)
  approve(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string, @Body() body: unknown) {
    return this.commands.execute(new c.RecordApproval(eid, code, a, parseInput(s.approvalSchema, body)));
  }

  @Post('nominees/:nid/joint-review')
  @Roles('org_dept')
  @HttpCode(200)
  requestJoint(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string, @Param('nid') nid: string, @Body() body: unknown) {
    const r = parseInput(s.jointRequestSchema, body ?? {});
    return this.commands.execute(new c.RequestJointReview(eid, code, a, nid, r.departments));
  }

  /** A department's answer; a review_dept user answers for its own department only. */
  @Post('nominees/:nid/joint-review/:dept')
  @Roles('review_dept', 'org_dept', 'discipline', 'civil_affairs')
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
    // discipline and civil_affairs are joint-review departments themselves (DOMAIN.md "Who uses it").
    const own = p.roles.includes('review_dept') ? p.dept : p.roles.includes('discipline') ? 'discipline' : p.roles.includes('civil_affairs') ? 'civil_affairs' : null;
    if (!p.roles.includes('org_dept') && own !== dept) {
      throw new DomainNotFoundError('election.other_department', `您只能答复本部门（${own ?? '未设置'}）的联审`, `dept ${own} answering for ${dept}`);
    }
    const r = parseInput(s.jointAnswerSchema, body);
    return this.commands.execute(new c.AnswerJointReview(eid, code, a, nid, dept, r.answer, r.reason ?? null));
  }

  @Post('notice')
  @Roles('org_dept')
  @HttpCode(200)
  notice(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    return this.commands.execute(new c.StartNotice(eid, code, a));
  }

  @Post('confirm')
  @Roles('org_dept')
  @HttpCode(200)
  confirm(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    return this.commands.execute(new c.ConfirmCandidates(eid, code, a));
  }

  @Post('result')
  @Roles('org_dept', 'civil_affairs')
  @HttpCode(200)
  result(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string, @Body() body: unknown) {
    return this.commands.execute(new c.RecordResult(eid, code, a, parseInput(s.resultSchema, body).elected));
  }

  @Post('filing-notice')
  @Roles('org_dept')
  @HttpCode(200)
  filingNotice(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    return this.commands.execute(new c.StartFilingNotice(eid, code, a));
  }

  @Post('filing')
  @Roles('org_dept')
  @HttpCode(200)
  filing(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    return this.commands.execute(new c.FileAppointment(eid, code, a));
  }

  @Post('hand-over')
  @Roles('org_dept', 'township')
  @HttpCode(200)
  handOver(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    return this.commands.execute(new c.HandOver(eid, code, a));
  }
}
