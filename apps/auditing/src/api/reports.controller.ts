import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { CurrentActor, Roles } from '@lw/auth';
import type { Actor } from '@lw/domain';
import { parseInput } from '@lw/runtime';
import { Auditing } from '../infrastructure/auditing-runtime';
import { SEVERITY_LABELS } from '../domain/engagement';
import { findingsWorkbook } from '../infrastructure/documents/findings-table.xlsx';
import { READERS } from './engagement.controller';
import * as s from './auditing.schemas';

/** Figures across engagements: an election's progress, sums by category, the findings table. */
@Controller()
export class ReportsController {
  constructor(private readonly auditing: Auditing) {}

  /** The finding categories (data, per province) and severities, as the finding form offers them. */
  @Get('categories')
  @Roles(...READERS)
  categories() {
    return {
      categories: this.auditing.policy.categories.map((c) => ({ code: c.code, name: c.name })),
      severities: Object.entries(SEVERITY_LABELS).map(([code, label]) => ({ code, label })),
    };
  }

  /** Elections with outgoing audits in the user's subtree (auditors cannot read vetting's election list). */
  @Get('elections')
  @Roles(...READERS)
  elections(@CurrentActor() actor: Actor) {
    return this.auditing.queries.elections(this.auditing.nodeOf(actor));
  }

  @Get('elections/:eid/progress')
  @Roles(...READERS)
  progress(@CurrentActor() actor: Actor, @Param('eid') eid: string) {
    return this.auditing.queries.progress(eid, this.auditing.nodeOf(actor));
  }

  @Get('summary')
  @Roles(...READERS)
  summary(@CurrentActor() actor: Actor, @Query() query: unknown) {
    const q = parseInput(s.periodSummaryQuerySchema, query, { from: '起始日期', to: '截止日期', node: '统计范围' });
    const node = q.node ? this.auditing.prefixOf(q.node) : undefined;
    const period = q.from && q.to ? { from: q.from, to: q.to } : undefined;
    return this.auditing.queries.summary({ scope: this.auditing.nodeOf(actor), electionId: q.electionId, node, period });
  }

  @Get('findings.xlsx')
  @Roles(...READERS)
  async table(@CurrentActor() actor: Actor, @Query() query: unknown, @Res() res: { setHeader(k: string, v: string): void; end(b: Buffer): void }) {
    const q = parseInput(s.summaryQuerySchema, query);
    const f = { scope: this.auditing.nodeOf(actor), electionId: q.electionId };
    const [rows, summary] = await Promise.all([this.auditing.queries.findings(f), this.auditing.queries.summary(f)]);
    const book = await findingsWorkbook(rows, summary, '审计发现问题汇总表');
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent('审计发现问题汇总表.xlsx')}`);
    res.end(book);
  }
}
