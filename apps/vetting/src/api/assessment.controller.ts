import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentActor, Roles } from '@lw/auth';
import type { Actor } from '@lw/domain';
import { parseInput } from '@lw/runtime';
import { CorrectAssessment, RecordAssessment } from '../application/assessment/assessment.commands';
import { AssessmentHistory, AssessmentSummary, ListAssessments } from '../application/assessment/assessment.queries';
import { ASSESSMENT_SCALES } from '../domain/assessment';
import * as s from './assessment.schemas';

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
  record(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const input = parseInput(s.recordAssessmentSchema, body);
    return this.commands.execute(new RecordAssessment(actor, input));
  }

  /** An explicit correction: the revision it corrects and why; recorded as a new revision, attributed. */
  @Post('villages/:villageCode/periods/:period/corrections')
  @Roles('org_dept', 'township')
  @HttpCode(201)
  correct(@CurrentActor() actor: Actor, @Param('villageCode') villageCode: string, @Param('period') period: string, @Body() body: unknown) {
    const where = parseInput(s.pathSchema, { villageCode, period });
    const { revision, reason, ...content } = parseInput(s.correctAssessmentSchema, body);
    return this.commands.execute(new CorrectAssessment(actor, { ...where, ...content }, { revision, reason }));
  }

  @Get()
  @Roles(...READERS)
  async list(@CurrentActor() actor: Actor, @Query() query: unknown) {
    const q = parseInput(s.listAssessmentsSchema, query);
    return { items: await this.queries.execute(new ListAssessments(actor, q)) };
  }

  /** The grading scales a form offers (team grades, member grades, classifications, minimum turnout): fixed, no state. */
  @Get('scales')
  @Roles(...READERS)
  scales() {
    return { items: [...ASSESSMENT_SCALES.values()] };
  }

  @Get('summary')
  @Roles(...READERS)
  summary(@CurrentActor() actor: Actor, @Query() query: unknown) {
    const q = parseInput(s.summarySchema, query);
    return this.queries.execute(new AssessmentSummary(actor, q.scope, q.period));
  }

  /** One village's history: every assessment and every correction, with who recorded it. */
  @Get('villages/:villageCode')
  @Roles(...READERS)
  async history(@CurrentActor() actor: Actor, @Param('villageCode') villageCode: string) {
    const code = parseInput(s.villageSchema, villageCode);
    return { villageCode: code, revisions: await this.queries.execute(new AssessmentHistory(actor, code)) };
  }
}
