import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { CurrentActor, Roles } from '@lw/auth';
import type { Actor } from '@lw/domain';
import { parseInput } from '@lw/runtime';
import { caseNotFound } from '../application/case-stream';
import { Grievance } from '../infrastructure/grievance-runtime';
import { ledgerWorkbook } from '../infrastructure/read-model/ledger-workbook';
import * as s from './case.schemas';

const READERS = ['township', 'org_dept', 'discipline', 'liaison', 'auditor'] as const;
const EXPORT_MAX_ROWS = 50_000;

/** The ledger (台账): pages with filters, figures, the Excel export and the 一村一策 view, all inside the user's subtree. */
@Controller('ledger')
export class LedgerController {
  constructor(private readonly g: Grievance) {}

  /** The user's scope, narrowed to `node` when given (404 when outside it). */
  private scope(actor: Actor, node?: string): { scope: string; node?: string } {
    const scope = this.g.scopeOf(actor);
    if (!node) return { scope };
    const n = this.g.placement.normalize(node);
    if (!n || !this.g.covers(actor, n)) throw caseNotFound(`node ${node} outside ${actor.node}`);
    return { scope, node: n };
  }

  @Get()
  @Roles(...READERS)
  ledger(@CurrentActor() actor: Actor, @Query() query: unknown) {
    const q = parseInput(s.ledgerQuerySchema, query);
    return this.g.queries.ledger({ ...q, ...this.scope(actor, q.node) });
  }

  /** 销号率 and overdue counts per village / township / county; of a period with `from`–`to`. */
  @Get('statistics')
  @Roles(...READERS)
  statistics(@CurrentActor() actor: Actor, @Query() query: unknown) {
    const q = parseInput(s.statsQuerySchema, query, { from: '起始日期', to: '截止日期' });
    const { scope, node } = this.scope(actor, q.node);
    if (q.from && q.to) return this.g.queries.periodStatistics(node ?? scope, q.by, { from: q.from, to: q.to });
    return this.g.queries.statistics(node ?? scope, q.by);
  }

  @Get('export.xlsx')
  @Roles(...READERS)
  async export(@CurrentActor() actor: Actor, @Query() query: unknown, @Res() res: { setHeader(k: string, v: string): void; end(b: Buffer): void }) {
    const q = parseInput(s.exportQuerySchema, query);
    const { rows } = await this.g.queries.ledger({ ...q, ...this.scope(actor, q.node), limit: EXPORT_MAX_ROWS, offset: 0 });
    const book = await ledgerWorkbook(rows, '问题整改台账');
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent('问题整改台账.xlsx')}`);
    res.end(book);
  }

  /** 一村一策: every open item of one village, across sources. */
  @Get('villages/:code')
  @Roles(...READERS)
  village(@CurrentActor() actor: Actor, @Param('code') code: string) {
    const v = this.g.placement.normalize(code);
    if (!v || !this.g.placement.isKnownVillage(v) || !this.g.covers(actor, v)) throw caseNotFound(`village ${code} outside ${actor.node}`);
    return this.g.queries.villagePlan(v);
  }
}
