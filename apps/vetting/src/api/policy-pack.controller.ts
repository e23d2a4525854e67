import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentActor, Roles } from '@lw/auth';
import type { Actor } from '@lw/domain';
import { Returns, ValidParams } from '@lw/runtime';
import { ReleasePolicyPack } from '../application/policy-pack.commands';
import { BuiltInPolicyPacks, PolicyPackOf } from '../application/policy-pack.queries';
import * as s from './election.schemas';
import * as v from './election-views.schemas';

const READERS = ['org_dept', 'township', 'discipline', 'civil_affairs', 'review_dept', 'admin'] as const;

/** Policy packs (/vetting/policy-packs): the shipped ones and those released as data. */
@Controller('policy-packs')
export class PolicyPackController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Roles(...READERS)
  @Returns(v.builtInPacksView)
  @ApiOperation({ summary: '内置政策包列表' })
  list() {
    return this.queries.execute(new BuiltInPolicyPacks());
  }

  @Get(':id/:version')
  @Roles(...READERS)
  @Returns(v.policyPackView)
  @ApiOperation({ summary: '查看政策包（内置或已发布）' })
  get(@ValidParams(s.packKeySchema) key: z.infer<typeof s.packKeySchema>) {
    return this.queries.execute(new PolicyPackOf(key.id, key.version));
  }

  /** A province's own numbers, as JSON (county node or above; see ReleasePolicyPack). */
  @Post()
  @Roles('org_dept', 'admin')
  @HttpCode(201)
  @ApiBody({ schema: s.releasePackBody, required: true })
  @Returns(v.packReleasedView)
  @ApiOperation({ summary: '发布政策包（县级及以上）' })
  async release(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const pack = await this.commands.execute(new ReleasePolicyPack(body, actor));
    return { id: pack.id, version: pack.version, name: pack.name };
  }
}
