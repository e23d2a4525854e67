import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentActor, Roles } from '@lw/auth';
import type { Actor } from '@lw/domain';
import { Returns, ValidBody, ValidParam, ValidParams, ValidQuery } from '@lw/runtime';
import { CorrectAssessment, RecordAssessment } from '../../application/assessment/assessment.commands';
import { AssessmentHistory, AssessmentScales, AssessmentSummary, ListAssessments } from '../../application/assessment/assessment.queries';
import * as s from './assessment.schemas';
import * as v from './assessment-views.schemas';

const READERS = ['org_dept', 'township', 'discipline', 'liaison'] as const;

/**
 * Assessments (/vetting/assessments/…): 研判 / 民主测评 per village and period. Every village and scope
 * must lie inside the actor's area (checked by the handlers); outside looks like not found.
 */
@Controller('assessments')
export class AssessmentController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @Roles('org_dept', 'township')
  @HttpCode(201)
  @Returns(v.assessmentView)
  @ApiOperation({ summary: '登记村（社区）班子研判或民主测评结果' })
  record(@CurrentActor() actor: Actor, @ValidBody(s.recordAssessmentSchema) input: z.infer<typeof s.recordAssessmentSchema>) {
    return this.commands.execute(new RecordAssessment(actor, input));
  }

  /** An explicit correction: the revision it corrects and why; recorded as a new revision, attributed. */
  @Post('villages/:villageCode/periods/:period/corrections')
  @Roles('org_dept', 'township')
  @HttpCode(201)
  @Returns(v.assessmentView)
  @ApiOperation({ summary: '更正研判或测评结果（注明所更正的版本和理由）' })
  correct(
    @CurrentActor() actor: Actor,
    @ValidParams(s.pathSchema) where: z.infer<typeof s.pathSchema>,
    @ValidBody(s.correctAssessmentSchema) body: z.infer<typeof s.correctAssessmentSchema>,
  ) {
    const { revision, reason, ...content } = body;
    return this.commands.execute(new CorrectAssessment(actor, { ...where, ...content }, { revision, reason }));
  }

  @Get()
  @Roles(...READERS)
  @Returns(v.assessmentListView)
  @ApiOperation({ summary: '研判和测评结果列表（本辖区，可按期次、村分类、软弱涣散筛选）' })
  async list(@CurrentActor() actor: Actor, @ValidQuery(s.listAssessmentsSchema) q: z.infer<typeof s.listAssessmentsSchema>) {
    return { items: await this.queries.execute(new ListAssessments(actor, q)) };
  }

  /** The grading scales a form offers (team grades, member grades, classifications, minimum share of 群众代表). */
  @Get('scales')
  @Roles(...READERS)
  @Returns(v.scalesView)
  @ApiOperation({ summary: '测评等次方案' })
  scales() {
    return this.queries.execute(new AssessmentScales());
  }

  @Get('summary')
  @Roles(...READERS)
  @Returns(v.summaryView)
  @ApiOperation({ summary: '研判和测评结果汇总（某期次）' })
  summary(@CurrentActor() actor: Actor, @ValidQuery(s.summarySchema) q: z.infer<typeof s.summarySchema>) {
    return this.queries.execute(new AssessmentSummary(actor, q.scope, q.period));
  }

  /** One village's history: every assessment and every correction, with who recorded it. */
  @Get('villages/:villageCode')
  @Roles(...READERS)
  @Returns(v.historyView)
  @ApiOperation({ summary: '村（社区）历次研判和测评及更正记录' })
  async history(@CurrentActor() actor: Actor, @ValidParam('villageCode', s.villageSchema) code: string) {
    return { villageCode: code, revisions: await this.queries.execute(new AssessmentHistory(actor, code)) };
  }
}
