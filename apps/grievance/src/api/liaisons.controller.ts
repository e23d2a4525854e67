import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentActor, Roles } from '@lw/auth';
import type { Actor } from '@lw/domain';
import { parseInput } from '@lw/runtime';
import { AssignLiaison, RemoveLiaison } from '../application/liaison.commands';
import { LiaisonList } from '../application/case.queries';
import * as s from './case.schemas';

/**
 * 联村领导 / 包村干部 per village (/grievance/liaisons…): the default first responsible person of the
 * village's new cases. Set by the township for its villages or by the county's organisation department.
 */
@Controller('liaisons')
export class LiaisonsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Roles('township', 'org_dept', 'discipline', 'liaison')
  async list(@CurrentActor() actor: Actor) {
    return this.queries.execute(new LiaisonList(actor));
  }

  @Put(':villageCode')
  @Roles('township', 'org_dept')
  @HttpCode(200)
  async assign(@CurrentActor() actor: Actor, @Param('villageCode') code: string, @Body() body: unknown) {
    const b = parseInput(s.liaisonSchema, body, s.CASE_FIELD_LABELS);
    return this.commands.execute(new AssignLiaison(actor, code, { name: b.name, post: b.post ?? null, userId: b.userId ?? null }));
  }

  @Delete(':villageCode')
  @Roles('township', 'org_dept')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('villageCode') code: string) {
    await this.commands.execute(new RemoveLiaison(actor, code));
  }
}
