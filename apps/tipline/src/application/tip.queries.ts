import { Injectable } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainNotFoundError, type Actor, type Period } from '@lw/domain';
import { EventStore, loadAggregate } from '@lw/eventstore';
import { CalendarStore } from '@lw/runtime';
import { listReach, mayReveal, remainingOf, seesStatistics, type DeadlineKind, type EvidenceRef, type RegimeName, type TipPolicy } from '../domain';
import { EvidenceStorage } from './ports/evidence-storage.port';
import { TipLedgerSpreadsheet } from './ports/tip-ledger-spreadsheet.port';
import { TipReadModel, type InboxFilter, type InboxRow, type StatsRow } from './ports/tip-read-model.port';
import { reportSentence } from './report-sentence';
import { RevealAccess, type RevealRequestView } from './reveal-access';
import { revealDecider, revealStreamId } from './reveal-stream';
import { TipAccess } from './tip-access';
import { tipDetailView } from './tip-detail.view';
import { readTip, readTipHistory } from './tip-stream';
import { TiplineSettings } from './tipline-settings';

/** What the actor may see and do on the tip-line, from the access policy (the console shapes its pages by it). */
export class TipAccessOf extends Query<{
  policy: { id: string; version: number; name: string };
  list: 'all' | 'own_unit' | 'none';
  statistics: boolean;
  reveal: { minReasonLength: number; approvalValidMinutes: number } | null;
}> {
  constructor(readonly actor: Actor) {
    super();
  }
}
@Injectable()
@QueryHandler(TipAccessOf)
export class TipAccessOfHandler implements IQueryHandler<TipAccessOf> {
  constructor(private readonly settings: TiplineSettings) {}
  async execute({ actor }: TipAccessOf) {
    const access = this.settings.policy.access;
    return {
      policy: { id: access.id, version: access.version, name: access.name },
      list: listReach(access, actor.roles),
      statistics: seesStatistics(access, actor.roles),
      reveal: mayReveal(access, actor.roles) ? { minReasonLength: access.reveal.minReasonLength, approvalValidMinutes: access.reveal.approvalValidMinutes } : null,
    };
  }
}

export type InboxCriteria = Omit<InboxFilter, 'scope' | 'scopeIsDeploymentRoot' | 'viewer'>;

/** The inbox of the actor's area as the access policy cuts it, each open limit with what is left of it. */
export class TipInbox extends Query<{ total: number; rows: InboxRow[] }> {
  constructor(
    readonly actor: Actor,
    readonly criteria: InboxCriteria,
  ) {
    super();
  }
}
@Injectable()
@QueryHandler(TipInbox)
export class TipInboxHandler implements IQueryHandler<TipInbox> {
  constructor(
    private readonly tips: TipReadModel,
    private readonly access: TipAccess,
    private readonly settings: TiplineSettings,
    private readonly calendar: CalendarStore,
  ) {}
  async execute({ actor, criteria }: TipInbox) {
    const page = await this.tips.inbox({ ...this.access.scoped(actor), ...criteria, village: criteria.village ? this.access.codeOf(criteria.village) : undefined });
    const now = new Date();
    const calendar = this.calendar.calendar();
    return {
      ...page,
      rows: page.rows.map((r) => {
        if (!r.nextDeadline) return r;
        const period = periodOf(this.settings.policy, r.regime, r.nextDeadline.kind);
        return { ...r, nextDeadline: { ...r.nextDeadline, remaining: remainingOf({ period, due: r.nextDeadline.due, endsAt: r.nextDeadline.endsAt }, now, calendar) } };
      }),
    };
  }
}

/** The inbox as the Excel ledger (举报台账), as the read model has its rows. */
export class TipLedgerWorkbook extends Query<Buffer> {
  constructor(
    readonly actor: Actor,
    readonly criteria: Omit<InboxCriteria, 'limit' | 'offset'>,
  ) {
    super();
  }
}
@Injectable()
@QueryHandler(TipLedgerWorkbook)
export class TipLedgerWorkbookHandler implements IQueryHandler<TipLedgerWorkbook> {
  constructor(
    private readonly tips: TipReadModel,
    private readonly access: TipAccess,
    private readonly spreadsheet: TipLedgerSpreadsheet,
  ) {}
  async execute({ actor, criteria }: TipLedgerWorkbook) {
    const { rows } = await this.tips.inbox({ ...this.access.scoped(actor), ...criteria, limit: 10_000, offset: 0 });
    return this.spreadsheet.write(rows, '信访举报台账');
  }
}

interface StatisticsPeriod {
  from: string;
  to: string;
  by: 'township' | 'month' | 'category';
}

/** Figures of the actor's area for a period, optionally beside an earlier one (the previous term), with a sentence a report can quote. */
export class TipStatistics extends Query<StatisticsPeriod & { rows: StatsRow[]; total: StatsRow; previous: StatsRow | null; sentence: string }> {
  constructor(
    readonly actor: Actor,
    readonly period: StatisticsPeriod & { compareFrom?: string; compareTo?: string },
  ) {
    super();
  }
}
@Injectable()
@QueryHandler(TipStatistics)
export class TipStatisticsHandler implements IQueryHandler<TipStatistics> {
  constructor(
    private readonly tips: TipReadModel,
    private readonly access: TipAccess,
  ) {}
  async execute({ actor, period: q }: TipStatistics) {
    const scope = this.access.scoped(actor);
    // Figures by scope for every role that sees any (the read model checks the policy too).
    const rows = await this.tips.statistics({ ...scope, from: q.from, to: q.to, by: q.by });
    const total = await this.tips.totals({ ...scope, from: q.from, to: q.to });
    const previous = q.compareFrom && q.compareTo ? await this.tips.totals({ ...scope, from: q.compareFrom, to: q.compareTo }) : null;
    return { from: q.from, to: q.to, by: q.by, rows, total, previous, sentence: reportSentence(total, previous) };
  }
}

/** One tip as the actor sees it (tip-detail.view.ts): where it stands, and its content for those who may read it. */
export class TipDetail extends Query<ReturnType<typeof tipDetailView>> {
  constructor(
    readonly tipId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}
@Injectable()
@QueryHandler(TipDetail)
export class TipDetailHandler implements IQueryHandler<TipDetail> {
  constructor(
    private readonly store: EventStore,
    private readonly access: TipAccess,
    private readonly settings: TiplineSettings,
    private readonly calendar: CalendarStore,
  ) {}
  async execute({ tipId, actor }: TipDetail) {
    const { state, version, events } = await readTipHistory(this.store, tipId);
    const view = this.access.viewOf(actor, state, 'list');
    const now = new Date();
    const calendar = this.calendar.calendar();
    return tipDetailView(state, version, events, this.settings.policy, view === 'content' ? 'content' : 'list', (d) => remainingOf(d, now, calendar));
  }
}

/** An evidence file of a tip, for those who see its content. */
export class TipEvidenceFile extends Query<{ file: EvidenceRef; bytes: Buffer }> {
  constructor(
    readonly tipId: string,
    readonly sha256: string,
    readonly actor: Actor,
  ) {
    super();
  }
}
@Injectable()
@QueryHandler(TipEvidenceFile)
export class TipEvidenceFileHandler implements IQueryHandler<TipEvidenceFile> {
  constructor(
    private readonly store: EventStore,
    private readonly access: TipAccess,
    private readonly evidence: EvidenceStorage,
  ) {}
  async execute({ tipId, sha256, actor }: TipEvidenceFile) {
    const { state } = await readTip(this.store, tipId);
    this.access.viewOf(actor, state, 'content');
    const file = state.received.evidence.find((e) => e.sha256 === sha256);
    if (!file) throw new DomainNotFoundError('evidence.not_found', '证据文件不存在', `no evidence ${sha256} on ${tipId}`);
    if (state.identityErased) throw new DomainNotFoundError('evidence.erased', '该证据文件已随举报人信息依规销毁，无法下载', `evidence of ${tipId} erased`);
    const bytes = await this.evidence.get(tipId, sha256);
    if (!bytes) throw new DomainNotFoundError('evidence.missing', '证据文件已不在存储中，请联系管理员', `evidence ${sha256} missing from storage`);
    return { file, bytes };
  }
}

/** The reveal requests of a tip, with what the actor may do to each (officials who take part in reveals). */
export class RevealRequests extends Query<RevealRequestView[]> {
  constructor(
    readonly tipId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}
@Injectable()
@QueryHandler(RevealRequests)
export class RevealRequestsHandler implements IQueryHandler<RevealRequests> {
  constructor(
    private readonly store: EventStore,
    private readonly reveals: RevealAccess,
  ) {}
  async execute({ tipId, actor }: RevealRequests) {
    await this.reveals.visibleTip(tipId, actor);
    const { state } = await loadAggregate(this.store, revealDecider, revealStreamId(tipId));
    return (state?.requests ?? []).map((r) => this.reveals.view(r, actor));
  }
}

/** The unit a limit of this kind runs in under the tip's regime (the read model keeps the kind, not the period). */
function periodOf(policy: TipPolicy, regime: string, kind: DeadlineKind): Period | null {
  if (kind === 'objection') return null;
  if (kind === 'acknowledgement') return policy.electionAcknowledgement;
  return policy.regimes[regime as RegimeName]?.[kind] ?? null;
}

/** Staff reads. */
export const tipQueryHandlers = [
  TipAccessOfHandler,
  TipInboxHandler,
  TipLedgerWorkbookHandler,
  TipStatisticsHandler,
  TipDetailHandler,
  TipEvidenceFileHandler,
  RevealRequestsHandler,
];
