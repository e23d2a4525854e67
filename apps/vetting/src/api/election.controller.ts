import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentActor, Roles } from '@lw/auth';
import type { Actor } from '@lw/domain';
import { parseInput } from '@lw/runtime';
import { OpenElection } from '../application/election.commands';
import { ElectionBoard, ElectionList, VillageElectionView } from '../application/village-election.queries';
import * as s from './election.schemas';

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
  open(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const input = parseInput(s.openElectionSchema, body);
    return this.commands.execute(new OpenElection({ ...input, votingFrom: input.votingFrom ?? null }, actor));
  }

  @Get()
  @Roles(...READERS)
  list(@CurrentActor() actor: Actor, @Query() query: unknown) {
    return this.queries.execute(new ElectionList(actor, parseInput(s.electionListQuerySchema, query ?? {})));
  }

  @Get(':eid')
  @Roles(...READERS)
  board(@CurrentActor() actor: Actor, @Param('eid') eid: string, @Query() query: unknown) {
    return this.queries.execute(new ElectionBoard(actor, eid, parseInput(s.boardQuerySchema, query)));
  }

  @Get(':eid/villages/:code')
  @Roles(...READERS)
  view(@CurrentActor() actor: Actor, @Param('eid') eid: string, @Param('code') code: string) {
    return this.queries.execute(new VillageElectionView(actor, eid, code));
  }
}
