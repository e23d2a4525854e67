import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentActor, Roles } from '@lw/auth';
import { parseLocalDate, shanghaiDateOf, type Actor } from '@lw/domain';
import { parseInput } from '@lw/runtime';
import { CountyTargets } from '../application/assessment/targets.queries';
import { targetsQuerySchema } from './assessment.schemas';

/**
 * County targets (/vetting/targets?scope=&before=&after=&pack=default): the structural figures of
 * the two committees against the pack's targets, on `after` (default today), compared with `before`
 * when given.
 */
@Controller('targets')
export class TargetsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('org_dept', 'township')
  get(@CurrentActor() actor: Actor, @Query() query: unknown) {
    const q = parseInput(targetsQuerySchema, query);
    const after = q.after ? parseLocalDate(q.after) : shanghaiDateOf(new Date());
    return this.queries.execute(new CountyTargets(actor, { scope: q.scope ?? actor.node, before: q.before ? parseLocalDate(q.before) : null, after, packId: q.pack }));
  }
}
