import { Injectable } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainNotFoundError } from '@lw/domain';
import { EventStore } from '@lw/eventstore';
import { FINDING_LABELS, TIP_STATUS_LABELS, type TipStatus } from '../domain';
import { EVIDENCE_POLICY } from '../domain/evidence-policy';
import { PublicNoticeBoard, PublicPlaces, type PublicNoticeRow } from './ports/public-notice-board.port';
import { ReceiptCheck } from './receipt-check';
import { readTipHistory } from './tip-stream';
import { TiplineSettings } from './tipline-settings';

// The public side's reads (no login): the form, running notices, places, and a reporter's own tip by receipt code.

/** The public form's choices and limits. */
export class PublicTipForm extends Query<{
  categories: { code: string; name: string; group: string }[];
  maxTextLength: number;
  evidence: { maxFileBytes: number; maxFiles: number };
  notice: string;
}> {}
@Injectable()
@QueryHandler(PublicTipForm)
export class PublicTipFormHandler implements IQueryHandler<PublicTipForm> {
  constructor(private readonly settings: TiplineSettings) {}
  async execute() {
    const p = this.settings.policy;
    return {
      categories: p.categories.map((c) => ({ code: c.code, name: c.name, group: c.group })),
      maxTextLength: p.maxTextLength,
      evidence: { maxFileBytes: EVIDENCE_POLICY.maxFileBytes, maxFiles: EVIDENCE_POLICY.maxFiles },
      notice: '举报人的姓名和联系方式将加密保存，仅纪检监察机关经审批可查看。提交后请妥善保存查询码，它只显示一次。',
    };
  }
}

/**
 * What a reporter sees with the receipt code: their own tip's progress and the messages addressed to
 * them, nothing else. Never another tip's: a repeat (same matter reported before) answers exactly as
 * a first tip would, or anyone could file a tip to learn whether someone reported a person, and how
 * it ended. The link between them is for staff only.
 */
export interface ReceiptView {
  status: TipStatus;
  statusLabel: string;
  receivedAt: string;
  finding: string | null;
  messages: { id: string; at: string; from: 'handler' | 'reporter'; kind: 'question' | 'feedback' | 'reply'; text: string }[];
}

export class ReceiptLookup extends Query<ReceiptView> {
  constructor(
    readonly code: string,
    /** The limiters' key of the client (a keyed hash of its address, never the address). */
    readonly client: string,
  ) {
    super();
  }
}
@Injectable()
@QueryHandler(ReceiptLookup)
export class ReceiptLookupHandler implements IQueryHandler<ReceiptLookup> {
  constructor(
    private readonly receipts: ReceiptCheck,
    private readonly store: EventStore,
  ) {}
  async execute({ code, client }: ReceiptLookup): Promise<ReceiptView> {
    const own = await readTipHistory(this.store, await this.receipts.tipOf(code, client));
    const messages: ReceiptView['messages'] = [];
    for (const e of own.events) {
      if (e.type === 'MessageToReporter') messages.push({ id: e.data.messageId, at: e.data.at, from: 'handler', kind: e.data.kind, text: e.data.text });
      if (e.type === 'ReporterReplied') messages.push({ id: e.data.messageId, at: e.data.at, from: 'reporter', kind: 'reply', text: e.data.text });
    }
    const { status, finding } = own.state;
    // The result is told once feedback is given (or, for an anonymous reporter, once concluded).
    const told = ['feedback_given', 'closed'].includes(status) || (own.state.received.anonymous && status === 'concluded');
    return {
      status,
      statusLabel: TIP_STATUS_LABELS[status],
      receivedAt: own.state.received.receivedAt,
      finding: told && finding ? FINDING_LABELS[finding] : null,
      messages,
    };
  }
}

/** Candidates under a public notice running today, a page at a time (public). */
export class RunningNotices extends Query<{ total: number; page: number; pageSize: number; rows: PublicNoticeRow[] }> {
  constructor(readonly criteria: { within?: string; page: number; pageSize: number }) {
    super();
  }
}
@Injectable()
@QueryHandler(RunningNotices)
export class RunningNoticesHandler implements IQueryHandler<RunningNotices> {
  constructor(private readonly notices: PublicNoticeBoard) {}
  async execute({ criteria }: RunningNotices) {
    return this.notices.running(criteria);
  }
}

/** Townships of the deployment (no parent) or the villages of a township, for the public form's pickers. */
export class PlacesUnder extends Query<{ code: string; name: string; level: string }[]> {
  constructor(readonly parent: string | null) {
    super();
  }
}
@Injectable()
@QueryHandler(PlacesUnder)
export class PlacesUnderHandler implements IQueryHandler<PlacesUnder> {
  constructor(private readonly places: PublicPlaces) {}
  async execute({ parent }: PlacesUnder) {
    const rows = this.places.childrenOf(parent);
    if (!rows) throw new DomainNotFoundError('place.not_found', '该区划不在本系统受理范围内', `places under ${parent}`);
    return rows;
  }
}

export const publicQueryHandlers = [PublicTipFormHandler, ReceiptLookupHandler, RunningNoticesHandler, PlacesUnderHandler];
