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

/** What a reporter sees with the receipt code: progress and the messages addressed to them, nothing else. */
export interface ReceiptView {
  status: TipStatus;
  statusLabel: string;
  receivedAt: string;
  /** For a repeat: the first tip's progress, which is where the matter is handled. */
  mergedIntoEarlierReport: boolean;
  finding: string | null;
  messages: { id: string; at: string; from: 'handler' | 'reporter'; kind: 'question' | 'feedback' | 'reply'; text: string }[];
}

const NOT_FOUND = () => new DomainNotFoundError('receipt.not_found', '查询码不正确，请核对后重试', 'receipt code did not match');

/**
 * The anonymous reporter's window: look up a tip and reply with the receipt code. Every attempt is
 * counted per client and per code before any work; an unknown code costs the same hash time as a
 * known one, so timing tells nothing; failures lock out the client and the code.
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
    if (!verdict.allowed) {
      throw new DomainRateLimitError(
        'receipt.locked',
        `查询过于频繁或错误次数过多，请 ${Math.ceil(verdict.retryAfterSeconds / 60)} 分钟后再试`,
        'receipt lookups locked out',
        verdict.retryAfterSeconds,
      );
    }
    if (!parsed) {
      await this.deps.limiter.failure(keys);
      throw NOT_FOUND();
    }
    const row = await this.deps.indexes.findReceipt(parsed.locator);
    const ok = row ? await this.deps.hasher.verify(parsed.secret, row.hash) : (await this.deps.hasher.burn(parsed.secret), false);
    if (!ok || !row) {
      await this.deps.limiter.failure(keys);
      throw NOT_FOUND();
    }
    await this.deps.limiter.success(keys);
    return row.tipId;
  }

  async lookup(code: string, client: string): Promise<ReceiptView> {
    const tipId = await this.verify(code, client);
    const own = await loadTip(this.deps.store, tipId);
    const primary = own.state.received.repeatOf ? await loadTip(this.deps.store, own.state.received.repeatOf) : own;
    const messages: ReceiptView['messages'] = [];
    for (const e of own.events) {
      if (e.type === 'MessageToReporter') messages.push({ id: e.data.messageId, at: e.data.at, from: 'handler', kind: e.data.kind, text: e.data.text });
      if (e.type === 'ReporterReplied') messages.push({ id: e.data.messageId, at: e.data.at, from: 'reporter', kind: 'reply', text: e.data.text });
    }
    // The result is told once feedback is given (or, for an anonymous reporter, once concluded).
    const told = ['feedback_given', 'closed'].includes(primary.state.status) || (own.state.received.anonymous && primary.state.status === 'concluded');
    return {
      status: primary.state.status,
      statusLabel: TIP_STATUS_LABELS[primary.state.status],
      receivedAt: own.state.received.receivedAt,
      mergedIntoEarlierReport: own !== primary,
      finding: told && primary.state.finding ? FINDING_LABELS[primary.state.finding] : null,
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


