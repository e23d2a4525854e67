import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentActor, Roles } from '@lw/auth';
import { parseLocalDate, shanghaiDateOf, type Actor } from '@lw/domain';
import { Returns, ValidQuery } from '@lw/runtime';
import { CountyTargets } from '../../application/assessment/targets.queries';
import { targetsQuerySchema } from './assessment.schemas';
import { targetsView } from './assessment-views.schemas';

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
  @Returns(targetsView)
  @ApiOperation({ summary: '两委班子结构指标（对照政策包目标，可前后对比）' })
  get(@CurrentActor() actor: Actor, @ValidQuery(targetsQuerySchema) q: z.infer<typeof targetsQuerySchema>) {
    const after = q.after ? parseLocalDate(q.after) : shanghaiDateOf(new Date());
    return this.queries.execute(new CountyTargets(actor, { scope: q.scope, before: q.before ? parseLocalDate(q.before) : null, after, packId: q.pack }));
  }
}
