import { Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentActor, Roles } from '@lw/auth';
import type { Actor } from '@lw/domain';
import { Returns, ValidBody } from '@lw/runtime';
import { AssignLiaison, RemoveLiaison } from '../application/liaison.commands';
import { LiaisonList } from '../application/liaison.queries';
import * as s from './case.schemas';
import * as v from './case-views.schemas';

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
  @Returns(v.liaisonListView)
  @ApiOperation({ summary: '联村领导（包村干部）名单（本辖区）' })
  async list(@CurrentActor() actor: Actor) {
    return this.queries.execute(new LiaisonList(actor));
  }

  @Put(':villageCode')
  @Roles('township', 'org_dept')
  @HttpCode(200)
  @Returns(v.liaisonAssignmentView)
  @ApiOperation({ summary: '设定村的联村领导（包村干部）' })
  async assign(@CurrentActor() actor: Actor, @Param('villageCode') code: string, @ValidBody(s.liaisonSchema, s.CASE_FIELD_LABELS) b: z.infer<typeof s.liaisonSchema>) {
    return this.commands.execute(new AssignLiaison(actor, code, { name: b.name, post: b.post ?? null, userId: b.userId ?? null }));
  }

  @Delete(':villageCode')
  @Roles('township', 'org_dept')
  @HttpCode(204)
  @ApiResponse({ status: 204, description: '已取消（无应答内容）' })
  @ApiOperation({ summary: '取消村的联村领导（包村干部）' })
  async remove(@CurrentActor() actor: Actor, @Param('villageCode') code: string) {
    await this.commands.execute(new RemoveLiaison(actor, code));
  }
}
