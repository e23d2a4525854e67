import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentActor, Roles } from '@lw/auth';
import type { Actor } from '@lw/domain';
import { parseInput } from '@lw/runtime';
import { AuditedElections, AuditProgress, FindingCategories, FindingsSummary, FindingsTable } from '../application/engagement.queries';
import { download, type Download } from './download';
import { READERS } from './engagement.controller';
import * as s from './auditing.schemas';

/** Figures across engagements: an election's progress, sums by category, the findings table. */
@Controller()
export class ReportsController {
  constructor(private readonly queries: QueryBus) {}

  /** The finding categories (data, per province) and severities, as the finding form offers them. */
  @Get('categories')
  @Roles(...READERS)
  categories() {
    return this.queries.execute(new FindingCategories());
  }

  /** Elections with outgoing audits in the user's subtree (auditors cannot read vetting's election list). */
  @Get('elections')
  @Roles(...READERS)
  elections(@CurrentActor() actor: Actor) {
    return this.queries.execute(new AuditedElections(actor));
  }

  @Get('elections/:eid/progress')
  @Roles(...READERS)
  progress(@CurrentActor() actor: Actor, @Param('eid') eid: string) {
    return this.queries.execute(new AuditProgress(eid, actor));
  }

  @Get('summary')
  @Roles(...READERS)
  summary(@CurrentActor() actor: Actor, @Query() query: unknown) {
    const q = parseInput(s.periodSummaryQuerySchema, query, { from: '起始日期', to: '截止日期', node: '统计范围' });
    const period = q.from && q.to ? { from: q.from, to: q.to } : undefined;
    return this.queries.execute(new FindingsSummary(actor, { electionId: q.electionId, node: q.node, period }));
  }

  @Get('findings.xlsx')
  @Roles(...READERS)
  async table(@CurrentActor() actor: Actor, @Query() query: unknown, @Res() res: Download) {
    const q = parseInput(s.summaryQuerySchema, query);
    download(res, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await this.queries.execute(new FindingsTable(actor, q.electionId)));
  }
}
