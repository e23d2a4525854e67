import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentActor, Roles } from '@lw/auth';
import type { Actor } from '@lw/domain';
import { ReleasePolicyPack } from '../application/policy-pack.commands';
import { BuiltInPolicyPacks, PolicyPackOf } from '../application/policy-pack.queries';

/** Policy packs (/vetting/policy-packs): the shipped ones and those released as data. */
@Controller('policy-packs')
export class PolicyPackController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Roles('org_dept', 'township', 'discipline', 'civil_affairs', 'review_dept', 'admin')
  list() {
    return this.queries.execute(new BuiltInPolicyPacks());
  }

  @Get(':id/:version')
  @Roles('org_dept', 'township', 'discipline', 'civil_affairs', 'review_dept', 'admin')
  get(@Param('id') id: string, @Param('version', ParseIntPipe) version: number) {
    return this.queries.execute(new PolicyPackOf(id, version));
  }

  /** A province's own numbers, as JSON (county node or above; see ReleasePolicyPack). */
  @Post()
  @Roles('org_dept', 'admin')
  @HttpCode(201)
  async release(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const pack = await this.commands.execute(new ReleasePolicyPack(body, actor));
    return { id: pack.id, version: pack.version, name: pack.name };
  }
}
