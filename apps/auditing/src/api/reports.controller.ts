import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentActor, Roles } from '@lw/auth';
import type { Actor } from '@lw/domain';
import { Returns, ReturnsFile, ValidQuery } from '@lw/runtime';
import { AuditedElections, AuditProgress, FindingCategories, FindingsSummary, FindingsTable } from '../application/engagement.queries';
import { download, type Download } from './download';
import { READERS } from './engagement.controller';
import * as s from './auditing.schemas';
import * as v from './auditing-views.schemas';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Figures across engagements: an election's progress, sums by category, the findings table. */
@Controller()
export class ReportsController {
  constructor(private readonly queries: QueryBus) {}

  /** The finding categories (data, per province) and severities, as the finding form offers them. */
  @Get('categories')
  @Roles(...READERS)
  @Returns(v.categoriesView)
  @ApiOperation({ summary: '问题类别与问题性质' })
  categories() {
    return this.queries.execute(new FindingCategories());
  }

  /** Elections with outgoing audits in the user's subtree (auditors cannot read vetting's election list). */
  @Get('elections')
  @Roles(...READERS)
  @Returns(v.auditedElectionsView)
  @ApiOperation({ summary: '有离任审计的换届（本辖区）' })
  elections(@CurrentActor() actor: Actor) {
    return this.queries.execute(new AuditedElections(actor));
  }

  @Get('elections/:eid/progress')
  @Roles(...READERS)
  @Returns(v.progressView)
  @ApiOperation({ summary: '换届离任审计进度及影响换届的村' })
  progress(@CurrentActor() actor: Actor, @Param('eid') eid: string) {
    return this.queries.execute(new AuditProgress(eid, actor));
  }

  @Get('summary')
  @Roles(...READERS)
  @Returns(v.summaryView)
  @ApiOperation({ summary: '审计发现按类别汇总（可按范围、期间）' })
  summary(@CurrentActor() actor: Actor, @ValidQuery(s.periodSummaryQuerySchema, s.SUMMARY_LABELS) q: z.infer<typeof s.periodSummaryQuerySchema>) {
    const period = q.from && q.to ? { from: q.from, to: q.to } : undefined;
    return this.queries.execute(new FindingsSummary(actor, { electionId: q.electionId, node: q.node, period }));
  }

  @Get('findings.xlsx')
  @Roles(...READERS)
  @ReturnsFile(XLSX, '审计发现问题汇总表（Excel）')
  @ApiOperation({ summary: '下载审计发现问题汇总表（Excel）' })
  async table(@CurrentActor() actor: Actor, @ValidQuery(s.summaryQuerySchema) q: z.infer<typeof s.summaryQuerySchema>, @Res() res: Download) {
    download(res, XLSX, await this.queries.execute(new FindingsTable(actor, q.electionId)));
  }
}
