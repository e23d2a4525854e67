import { v7 as uuidv7 } from 'uuid';
import { createHash } from 'crypto';
import { DomainNotFoundError, DomainRateLimitError } from '@lw/domain';
import type { EventStore as Store } from '@lw/eventstore';
import { FINDING_LABELS, reporterReply, TIP_STATUS_LABELS, type TipStatus } from '../domain';
import { parseReceiptCode } from '../domain/receipt-code';
import type { AttemptLimiter } from './ports/attempt-limiter.port';
import type { ReceiptHasher } from './ports/receipt-hasher.port';
import type { TipIndexes } from './tip-indexes.port';
import type { TipCommands } from './tip-commands';
import { loadTip } from './tip-stream';

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

const locked = (seconds: number) =>
  new DomainRateLimitError('receipt.locked', `查询过于频繁或错误次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试`, 'receipt lookups locked out', seconds);

const NOT_FOUND = () => new DomainNotFoundError('receipt.not_found', '查询码不正确，请核对后重试', 'receipt code did not match');

/**
 * The anonymous reporter's window: look up a tip and reply with the receipt code. Every attempt is
 * counted per client and per code before any work; an unknown code costs the same hash time as a
 * known one, so timing tells nothing. Failures lock out the client (which bounds guessing) and the
 * code; a locked code still opens with the right secret, so guessing cannot lock its holder out.
 */
export class ReceiptDesk {
  constructor(
    private readonly deps: {
      store: Store;
      indexes: TipIndexes;
      hasher: ReceiptHasher;
      limiter: AttemptLimiter;
      commands: TipCommands;
    },
  ) {}

  private async verify(code: string, client: string): Promise<string> {
    const parsed = parseReceiptCode(code ?? '');
    const keys = { client: hashKey(client), code: parsed ? hashKey(parsed.locator) : undefined };
    const verdict = await this.deps.limiter.attempt(keys);
    if (!verdict.allowed) throw locked(verdict.retryAfterSeconds);
    if (!parsed) {
      await this.deps.limiter.failure(keys);
      throw NOT_FOUND();
    }
    const row = await this.deps.indexes.findReceipt(parsed.locator);
    const ok = row ? await this.deps.hasher.verify(parsed.secret, row.hash) : (await this.deps.hasher.burn(parsed.secret), false);
    if (!ok || !row) {
      await this.deps.limiter.failure(keys);
      throw verdict.codeLockedFor ? locked(verdict.codeLockedFor) : NOT_FOUND();
    }
    await this.deps.limiter.success(keys);
    return row.tipId;
  }

  async lookup(code: string, client: string): Promise<ReceiptView> {
    const tipId = await this.verify(code, client);
    const own = await loadTip(this.deps.store, tipId);
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

  async reply(code: string, client: string, text: string, inReplyTo: string | null): Promise<{ messageId: string }> {
    const tipId = await this.verify(code, client);
    const messageId = uuidv7();
    await this.deps.commands.run(tipId, null, (s, c) => reporterReply(s, messageId, inReplyTo, text, c));
    return { messageId };
  }
}

/** Limiter keys hold no raw addresses or locators. */
function hashKey(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 32);
}


