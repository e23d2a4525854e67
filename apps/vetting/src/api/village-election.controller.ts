import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentActor, CurrentPrincipal, Roles, type Principal } from '@lw/auth';
import type { Actor } from '@lw/domain';
import { Returns, ValidBody } from '@lw/runtime';
import * as c from '../application/village-election.commands';
import * as s from './election.schemas';
import * as v from './election-views.schemas';

/** An empty body is no opinion: the engine decides alone. */
const opinionOf = (b: unknown) => (b && Object.keys(b as object).length ? b : undefined);

/** A village election's steps (/vetting/elections/:eid/villages/:code/…), each under the election's policy pack. */
@Controller('elections/:eid/villages/:code')
export class VillageElectionController {
  constructor(private readonly commands: CommandBus) {}

  @Post('nominees')
  @Roles('township', 'org_dept')
  @HttpCode(201)
  @Returns(v.stepResultView)
  @ApiOperation({ summary: '提名人选（从花名册选人）' })
  nominate(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string, @ValidBody(s.nomineeSchema) nominee: z.infer<typeof s.nomineeSchema>) {
    return this.commands.execute(new c.ListNominee(eid, code, a, nominee));
  }

  @Post('nominees/:nid/first-review')
  @Roles('township', 'org_dept')
  @HttpCode(200)
  @Returns(v.nomineeReviewedView)
  @ApiOperation({ summary: '乡镇初审一名人选（规则引擎，可附乡镇意见）' })
  firstReview(
    @CurrentActor() a: Actor,
    @Param('eid') eid: string,
    @Param('code') code: string,
    @Param('nid') nid: string,
    @ValidBody(s.firstReviewSchema, {}, { from: opinionOf }) opinion: z.infer<typeof s.firstReviewSchema>,
  ) {
    return this.commands.execute(new c.ReviewNominee(eid, code, a, nid, opinion));
  }

  @Post('review')
  @Roles('township', 'org_dept')
  @HttpCode(200)
  @Returns(v.villageReviewedView)
  @ApiOperation({ summary: '乡镇初审全村人选及班子结构' })
  reviewAll(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    return this.commands.execute(new c.ReviewVillage(eid, code, a));
  }

  /** An explicit exception (e.g. 连任书记 56–60 with county approval): county organization department only. */
  @Post('approvals')
  @Roles('org_dept')
  @HttpCode(201)
  @Returns(v.approvalRecordedView)
  @ApiOperation({ summary: '记录县级批准的例外（如连任书记 56–60 周岁）' })
  approve(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string, @ValidBody(s.approvalSchema) approval: z.infer<typeof s.approvalSchema>) {
    return this.commands.execute(new c.RecordApproval(eid, code, a, approval));
  }

  @Post('nominees/:nid/joint-review')
  @Roles('org_dept')
  @HttpCode(200)
  @Returns(v.stepResultView)
  @ApiOperation({ summary: '发起资格联审' })
  requestJoint(
    @CurrentActor() a: Actor,
    @Param('eid') eid: string,
    @Param('code') code: string,
    @Param('nid') nid: string,
    @ValidBody(s.jointRequestSchema, {}, { from: (b) => b ?? {} }) r: z.infer<typeof s.jointRequestSchema>,
  ) {
    return this.commands.execute(new c.RequestJointReview(eid, code, a, nid, r.departments));
  }

  /** A department's answer; a review_dept user answers for its own department only. */
  @Post('nominees/:nid/joint-review/:dept')
  @Roles('review_dept', 'org_dept', 'discipline', 'civil_affairs')
  @HttpCode(200)
  @Returns(v.stepResultView)
  @ApiOperation({ summary: '联审部门答复' })
  answerJoint(
    @CurrentActor() a: Actor,
    @CurrentPrincipal() p: Principal,
    @Param('eid') eid: string,
    @Param('code') code: string,
    @Param('nid') nid: string,
    @Param('dept') dept: string,
    @ValidBody(s.jointAnswerSchema) r: z.infer<typeof s.jointAnswerSchema>,
  ) {
    return this.commands.execute(new c.AnswerJointReview(eid, code, a, p.dept ?? null, nid, dept, r.answer, r.reason ?? null));
  }

  @Post('notice')
  @Roles('org_dept')
  @HttpCode(200)
  @Returns(v.stepResultView)
  @ApiOperation({ summary: '开始公示考察对象' })
  notice(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    return this.commands.execute(new c.StartNotice(eid, code, a));
  }

  @Post('confirm')
  @Roles('org_dept')
  @HttpCode(200)
  @Returns(v.stepResultView)
  @ApiOperation({ summary: '确定正式候选人' })
  confirm(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    return this.commands.execute(new c.ConfirmCandidates(eid, code, a));
  }

  @Post('result')
  @Roles('org_dept', 'civil_affairs')
  @HttpCode(200)
  @Returns(v.stepResultView)
  @ApiOperation({ summary: '登记选举结果' })
  result(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string, @ValidBody(s.resultSchema) r: z.infer<typeof s.resultSchema>) {
    return this.commands.execute(new c.RecordResult(eid, code, a, r.elected));
  }

  @Post('filing-notice')
  @Roles('org_dept')
  @HttpCode(200)
  @Returns(v.stepResultView)
  @ApiOperation({ summary: '开始任职备案公示' })
  filingNotice(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    return this.commands.execute(new c.StartFilingNotice(eid, code, a));
  }

  @Post('filing')
  @Roles('org_dept')
  @HttpCode(200)
  @Returns(v.stepResultView)
  @ApiOperation({ summary: '任职备案' })
  filing(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    return this.commands.execute(new c.FileAppointment(eid, code, a));
  }

  @Post('hand-over')
  @Roles('org_dept', 'township')
  @HttpCode(200)
  @Returns(v.stepResultView)
  @ApiOperation({ summary: '工作交接（结束本村换届，花名册进入新一届）' })
  handOver(@CurrentActor() a: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    return this.commands.execute(new c.HandOver(eid, code, a));
  }
}
