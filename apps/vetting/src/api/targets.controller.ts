import { Controller, Get, Query } from '@nestjs/common';
import { CurrentActor, Roles } from '@lw/auth';
import { parseLocalDate, shanghaiDateOf, type Actor } from '@lw/domain';
import { parseInput } from '@lw/runtime';
import { Assessments } from '../infrastructure/assessment/assessments';
import { targetsQuerySchema } from './assessment.schemas';

/**
 * County targets (/vetting/targets?scope=&before=&after=&pack=default): the structural figures of
 * the two committees against the pack's targets, on `after` (default today), compared with `before`
 * when given.
 */
@Controller('targets')
export class TargetsController {
  constructor(private readonly a: Assessments) {}

  @Get()
  @Roles('org_dept', 'township')
  async get(@CurrentActor() actor: Actor, @Query() query: unknown) {
    const q = parseInput(targetsQuerySchema, query);
    const scope = q.scope ?? actor.node;
    const after = q.after ? parseLocalDate(q.after) : shanghaiDateOf(new Date());
    if (!q.before) return { report: await this.a.targets.report(actor, { scope, date: after, packId: q.pack }) };
    return this.a.targets.compare(actor, { scope, before: parseLocalDate(q.before), after, packId: q.pack });
  }
}
