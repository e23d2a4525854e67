import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentActor, Roles } from '@lw/auth';
import type { Actor } from '@lw/domain';
import { Returns, ReturnsFile, ValidQuery } from '@lw/runtime';
import { LedgerPage, LedgerStatistics, LedgerWorkbook, VillagePlan } from '../application/case.queries';
import * as s from './case.schemas';
import * as v from './case-views.schemas';

const READERS = ['township', 'org_dept', 'discipline', 'liaison', 'auditor'] as const;
const EXPORT_MAX_ROWS = 50_000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The ledger (台账): pages with filters, figures, the Excel export and the 一村一策 view, all inside the user's subtree. */
@Controller('ledger')
export class LedgerController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...READERS)
  @Returns(v.ledgerPageView)
  @ApiOperation({ summary: '问题整改台账（本辖区，可筛选）' })
  async ledger(@CurrentActor() actor: Actor, @ValidQuery(s.ledgerQuerySchema) criteria: z.infer<typeof s.ledgerQuerySchema>) {
    return this.queries.execute(new LedgerPage(actor, criteria));
  }

  /** 销号率 and overdue counts per village / township / county; of a period with `from`–`to`. */
  @Get('statistics')
  @Roles(...READERS)
  @Returns(v.statisticsView)
  @ApiOperation({ summary: '销号率与逾期统计（按村、乡镇或县；可按期间）' })
  async statistics(@CurrentActor() actor: Actor, @ValidQuery(s.statsQuerySchema, s.STATS_LABELS) criteria: z.infer<typeof s.statsQuerySchema>) {
    return this.queries.execute(new LedgerStatistics(actor, criteria));
  }

  @Get('export.xlsx')
  @Roles(...READERS)
  @ReturnsFile(XLSX, '问题整改台账（Excel）')
  @ApiOperation({ summary: '导出问题整改台账（Excel）' })
  async export(
    @CurrentActor() actor: Actor,
    @ValidQuery(s.exportQuerySchema) criteria: z.infer<typeof s.exportQuerySchema>,
    @Res() res: { setHeader(k: string, v: string): void; end(b: Buffer): void },
  ) {
    const book = await this.queries.execute(new LedgerWorkbook(actor, criteria, EXPORT_MAX_ROWS));
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent('问题整改台账.xlsx')}`);
    res.end(book);
  }

  /** 一村一策: every open item of one village, across sources. */
  @Get('villages/:code')
  @Roles(...READERS)
  @Returns(v.villagePlanView)
  @ApiOperation({ summary: '一村一策：本村各来源未销号事项' })
  async village(@CurrentActor() actor: Actor, @Param('code') code: string) {
    return this.queries.execute(new VillagePlan(actor, code));
  }
}
