import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentActor, Roles } from '@lw/auth';
import type { Actor } from '@lw/domain';
import { Returns, ValidParams } from '@lw/runtime';
import { ReleaseCampaignPack } from '../../application/campaign/campaign-pack.commands';
import { CampaignPackList, CampaignPackOf } from '../../application/campaign/campaign.queries';
import * as s from './campaign.schemas';
import * as v from './campaign-views.schemas';

const READERS = ['org_dept', 'township', 'discipline', 'liaison', 'admin'] as const;

/** Campaign packs (/vetting/campaign-packs): the shipped ones and those posted as data. */
@Controller('campaign-packs')
export class CampaignPackController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Roles(...READERS)
  @Returns(v.packListView)
  @ApiOperation({ summary: '检查方案列表（回头看、届中分析、研判）' })
  list() {
    return this.queries.execute(new CampaignPackList());
  }

  @Get(':id/:version')
  @Roles(...READERS)
  @Returns(v.packView)
  @ApiOperation({ summary: '查看检查方案' })
  get(@ValidParams(s.packParams) key: z.infer<typeof s.packParams>) {
    return this.queries.execute(new CampaignPackOf(key.id, key.version));
  }

  /** A new pack version as JSON, validated whole (a second pack swaps in without code). */
  @Post()
  @Roles('org_dept', 'admin')
  @HttpCode(201)
  @ApiBody({ schema: { type: 'object', description: '检查方案 JSON，字段同 GET /vetting/campaign-packs/{id}/{version} 的答复' }, required: true })
  @Returns(v.packView, 201)
  @ApiOperation({ summary: '发布检查方案新版本' })
  release(@CurrentActor() actor: Actor, @Body() body: unknown) {
    return this.commands.execute(new ReleaseCampaignPack(body, actor));
  }
}
