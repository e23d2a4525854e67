import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentActor, Roles } from '@lw/auth';
import { DomainNotFoundError, type Actor } from '@lw/domain';
import { parseInput } from '@lw/runtime';
import { ASSESSMENT_SCALES } from '../domain/assessment';
import { Assessments } from '../infrastructure/assessment/assessments';
import * as s from './assessment.schemas';

const READERS = ['org_dept', 'township', 'discipline', 'liaison'] as const;

/**
 * Assessments (/vetting/assessments/…): 研判 / 民主测评 per village and period. Every village and scope
 * must lie inside the actor's node; outside looks like not found.
 */
@Controller('assessments')
export class AssessmentController {
  constructor(private readonly a: Assessments) {}

  private scope(actor: Actor, scope: string | undefined): string {
    const code = scope ?? actor.node;
    if (!this.a.inScope(actor, code)) throw new DomainNotFoundError('assessment.scope_not_found', `区域 ${code} 不存在或不在您的管辖范围内`, `scope ${code} outside ${actor.node}`);
    return code;
  }

  @Post()
  @Roles('org_dept', 'township')
  @HttpCode(201)
  record(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const input = parseInput(s.recordAssessmentSchema, body);
    return this.a.commands.record(actor, input);
  }

  /** An explicit correction: the revision it corrects and why; recorded as a new revision, attributed. */
  @Post('villages/:villageCode/periods/:period/corrections')
  @Roles('org_dept', 'township')
  @HttpCode(201)
  correct(@CurrentActor() actor: Actor, @Param('villageCode') villageCode: string, @Param('period') period: string, @Body() body: unknown) {
    const where = parseInput(s.pathSchema, { villageCode, period });
    const { revision, reason, ...content } = parseInput(s.correctAssessmentSchema, body);
    return this.a.commands.correct(actor, { ...where, ...content }, { revision, reason });
  }

  @Get()
  @Roles(...READERS)
  async list(@CurrentActor() actor: Actor, @Query() query: unknown) {
    const q = parseInput(s.listAssessmentsSchema, query);
    const items = await this.a.readModel.list({ ...q, scope: this.scope(actor, q.scope) });
    return { items };
  }

  /** The grading scales a form offers (team grades, member grades, classifications, minimum turnout). */
  @Get('scales')
  @Roles(...READERS)
  scales() {
    return { items: [...ASSESSMENT_SCALES.values()] };
  }

  @Get('summary')
  @Roles(...READERS)
  summary(@CurrentActor() actor: Actor, @Query() query: unknown) {
    const q = parseInput(s.summarySchema, query);
    return this.a.readModel.summary(this.scope(actor, q.scope), q.period);
  }

  /** One village's history: every assessment and every correction, with who recorded it. */
  @Get('villages/:villageCode')
  @Roles(...READERS)
  async history(@CurrentActor() actor: Actor, @Param('villageCode') villageCode: string) {
    const code = parseInput(s.villageSchema, villageCode);
    this.scope(actor, code);
    return { villageCode: code, revisions: await this.a.readModel.history(code) };
  }
}
