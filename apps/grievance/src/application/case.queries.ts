import { Injectable } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { outsideJurisdiction, unpadDivisionCode, type Actor } from '@lw/domain';
import { EventStore } from '@lw/eventstore';
import { Jurisdiction } from '@lw/hierarchy';
import { villageInArea } from './case-placement';
import { CaseReadModel, LedgerSpreadsheet, type LedgerFilter, type LedgerRow, type PeriodStatsRow, type StatsLevel, type StatsRow, type VillagePlanView } from './case-read-model.port';
import { loadCase, type LoadedCase } from './case-stream';

/** The ledger's filters as a user gives them; `node` narrows their area to a township or village of it. */
export type LedgerCriteria = Omit<LedgerFilter, 'scope'>;

/** A case with its history, if it lies in the actor's area. */
export class CaseDetail extends Query<LoadedCase> {
  constructor(
    readonly caseId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

export class LedgerPage extends Query<{ total: number; rows: LedgerRow[] }> {
  constructor(
    readonly actor: Actor,
    readonly criteria: LedgerCriteria,
  ) {
    super();
  }
}

export type LedgerFigures = { rows: StatsRow[]; total: StatsRow } | { from: string; to: string; rows: PeriodStatsRow[]; total: PeriodStatsRow };

/** 销号率 and overdue counts per village / township / county; of a period with `from`–`to`. */
export class LedgerStatistics extends Query<LedgerFigures> {
  constructor(
    readonly actor: Actor,
    readonly criteria: { by: StatsLevel; node?: string; from?: string; to?: string },
  ) {
    super();
  }
}

/** The ledger as an Excel workbook, up to `maxRows` rows. */
export class LedgerWorkbook extends Query<Buffer> {
  constructor(
    readonly actor: Actor,
    readonly criteria: Omit<LedgerCriteria, 'limit' | 'offset'>,
    readonly maxRows: number,
  ) {
    super();
  }
}

/** 一村一策: every open item of one village, across sources. */
export class VillagePlan extends Query<VillagePlanView> {
  constructor(
    readonly actor: Actor,
    readonly villageCode: string,
  ) {
    super();
  }
}

/** The actor's area as the ledger's scope (significant digits), narrowed to `node` when given (the one 404 outside it). */
function ledgerScope(jurisdiction: Jurisdiction, actor: Actor, node?: string): { scope: string; node?: string } {
  const scope = unpadDivisionCode(actor.node);
  if (!node) return { scope };
  if (!jurisdiction.covers(actor, node)) throw outsideJurisdiction('该地区', `node ${node} outside ${actor.node}`);
  return { scope, node: unpadDivisionCode(node) };
}

@Injectable()
@QueryHandler(CaseDetail)
export class CaseDetailHandler implements IQueryHandler<CaseDetail> {
  constructor(
    private readonly store: EventStore,
    private readonly jurisdiction: Jurisdiction,
  ) {}

  async execute(q: CaseDetail): Promise<LoadedCase> {
    const loaded = await loadCase(this.store, q.caseId);
    this.jurisdiction.require(q.actor, loaded.state.villageCode, '该事项');
    return loaded;
  }
}

@Injectable()
@QueryHandler(LedgerPage)
export class LedgerPageHandler implements IQueryHandler<LedgerPage> {
  constructor(
    private readonly ledger: CaseReadModel,
    private readonly jurisdiction: Jurisdiction,
  ) {}

  async execute({ actor, criteria }: LedgerPage) {
    return this.ledger.ledger({ ...criteria, ...ledgerScope(this.jurisdiction, actor, criteria.node) });
  }
}

@Injectable()
@QueryHandler(LedgerStatistics)
export class LedgerStatisticsHandler implements IQueryHandler<LedgerStatistics> {
  constructor(
    private readonly ledger: CaseReadModel,
    private readonly jurisdiction: Jurisdiction,
  ) {}

  async execute({ actor, criteria: { by, node, from, to } }: LedgerStatistics): Promise<LedgerFigures> {
    const scope = ledgerScope(this.jurisdiction, actor, node);
    const code = scope.node ?? scope.scope;
    return from && to ? this.ledger.periodStatistics(code, by, { from, to }) : this.ledger.statistics(code, by);
  }
}

@Injectable()
@QueryHandler(LedgerWorkbook)
export class LedgerWorkbookHandler implements IQueryHandler<LedgerWorkbook> {
  constructor(
    private readonly ledger: CaseReadModel,
    private readonly spreadsheet: LedgerSpreadsheet,
    private readonly jurisdiction: Jurisdiction,
  ) {}

  async execute({ actor, criteria, maxRows }: LedgerWorkbook): Promise<Buffer> {
    const { rows } = await this.ledger.ledger({ ...criteria, ...ledgerScope(this.jurisdiction, actor, criteria.node), limit: maxRows, offset: 0 });
    return this.spreadsheet.write(rows, '问题整改台账');
  }
}

@Injectable()
@QueryHandler(VillagePlan)
export class VillagePlanHandler implements IQueryHandler<VillagePlan> {
  constructor(
    private readonly ledger: CaseReadModel,
    private readonly jurisdiction: Jurisdiction,
  ) {}

  async execute(q: VillagePlan): Promise<VillagePlanView> {
    return this.ledger.villagePlan(villageInArea(this.jurisdiction, q.actor, q.villageCode));
  }
}

/** Every grievance query's handler, for the runtime's `handlers`. */
export const CASE_QUERY_HANDLERS = [CaseDetailHandler, LedgerPageHandler, LedgerStatisticsHandler, LedgerWorkbookHandler, VillagePlanHandler];
