import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentActor, Roles } from '@lw/auth';
import type { Actor } from '@lw/domain';
import { Returns, ValidBody, ValidQuery } from '@lw/runtime';
import { OpenElection } from '../application/election.commands';
import { ElectionBoard, ElectionList, VillageElectionView } from '../application/village-election.queries';
import * as s from './election.schemas';
import * as v from './election-views.schemas';

const READERS = ['org_dept', 'township', 'discipline', 'civil_affairs', 'review_dept'] as const;

/** Elections (/vetting/elections): opening one, the board of its villages, one village's state. */
@Controller('elections')
export class ElectionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('org_dept')
  @HttpCode(201)
  @Returns(v.electionOpenedView)
  @ApiOperation({ summary: '启动换届（县、乡镇或村）' })
  open(@CurrentActor() actor: Actor, @ValidBody(s.openElectionSchema) input: z.infer<typeof s.openElectionSchema>) {
    return this.commands.execute(new OpenElection({ ...input, votingFrom: input.votingFrom ?? null }, actor));
  }

  @Get()
  @Roles(...READERS)
  @Returns(v.electionListView)
  @ApiOperation({ summary: '换届列表（本辖区）' })
  list(@CurrentActor() actor: Actor, @ValidQuery(s.electionListQuerySchema) filter: z.infer<typeof s.electionListQuerySchema>) {
    return this.queries.execute(new ElectionList(actor, filter));
  }

  @Get(':eid')
  @Roles(...READERS)
  @Returns(v.electionBoardView)
  @ApiOperation({ summary: '换届看板：各村阶段、审查、异议与审计关口' })
  board(@CurrentActor() actor: Actor, @Param('eid') eid: string, @ValidQuery(s.boardQuerySchema) filter: z.infer<typeof s.boardQuerySchema>) {
    return this.queries.execute(new ElectionBoard(actor, eid, filter));
  }

  @Get(':eid/villages/:code')
  @Roles(...READERS)
  @Returns(v.villageElectionView)
  @ApiOperation({ summary: '某村换届详情' })
  view(@CurrentActor() actor: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    return this.queries.execute(new VillageElectionView(actor, eid, code));
  }
}
