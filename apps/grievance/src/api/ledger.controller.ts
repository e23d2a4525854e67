import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentActor, Roles } from '@lw/auth';
import type { Actor } from '@lw/domain';
import { parseInput } from '@lw/runtime';
import { LedgerPage, LedgerStatistics, LedgerWorkbook, VillagePlan } from '../application/case.queries';
import * as s from './case.schemas';

const READERS = ['township', 'org_dept', 'discipline', 'liaison', 'auditor'] as const;
const EXPORT_MAX_ROWS = 50_000;

/** The ledger (台账): pages with filters, figures, the Excel export and the 一村一策 view, all inside the user's subtree. */
@Controller('ledger')
export class LedgerController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...READERS)
  async ledger(@CurrentActor() actor: Actor, @Query() query: unknown) {
    return this.queries.execute(new LedgerPage(actor, parseInput(s.ledgerQuerySchema, query)));
  }

  /** 销号率 and overdue counts per village / township / county; of a period with `from`–`to`. */
  @Get('statistics')
  @Roles(...READERS)
  async statistics(@CurrentActor() actor: Actor, @Query() query: unknown) {
    return this.queries.execute(new LedgerStatistics(actor, parseInput(s.statsQuerySchema, query, { from: '起始日期', to: '截止日期' })));
  }

  @Get('export.xlsx')
  @Roles(...READERS)
  async export(@CurrentActor() actor: Actor, @Query() query: unknown, @Res() res: { setHeader(k: string, v: string): void; end(b: Buffer): void }) {
    const book = await this.queries.execute(new LedgerWorkbook(actor, parseInput(s.exportQuerySchema, query), EXPORT_MAX_ROWS));
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent('问题整改台账.xlsx')}`);
    res.end(book);
  }

  /** 一村一策: every open item of one village, across sources. */
  @Get('villages/:code')
  @Roles(...READERS)
  async village(@CurrentActor() actor: Actor, @Param('code') code: string) {
    return this.queries.execute(new VillagePlan(actor, code));
  }
}
