import { Injectable } from '@nestjs/common';
import { createHash } from 'crypto';
import { DomainNotFoundError, DomainRateLimitError } from '@lw/domain';
import { parseReceiptCode } from '../domain/receipt-code';
import { AttemptLimiter } from './ports/attempt-limiter.port';
import { ReceiptHasher } from './ports/receipt-hasher.port';
import { TipIndexes } from './tip-indexes.port';

const locked = (seconds: number) =>
  new DomainRateLimitError('receipt.locked', `查询过于频繁或错误次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试`, 'receipt lookups locked out', seconds);

const NOT_FOUND = () => new DomainNotFoundError('receipt.not_found', '查询码不正确，请核对后重试', 'receipt code did not match');

/**
 * The anonymous reporter's key: a receipt code opens its own tip and nothing else. Every attempt is
 * counted per client and per code before any work; an unknown code costs the same hash time as a
 * known one, so timing tells nothing. Failures lock out the client (which bounds guessing) and the
 * code; a locked code still opens with the right secret, so guessing cannot lock its holder out.
 */
@Injectable()
export class ReceiptCheck {
  constructor(
    private readonly indexes: TipIndexes,
    private readonly hasher: ReceiptHasher,
    private readonly limiter: AttemptLimiter,
  ) {}

  /** The tip the code opens, for this client (a keyed hash of its address). */
  async tipOf(code: string, client: string): Promise<string> {
    const parsed = parseReceiptCode(code ?? '');
    const keys = { client: hashKey(client), code: parsed ? hashKey(parsed.locator) : undefined };
    const verdict = await this.limiter.attempt(keys);
    if (!verdict.allowed) throw locked(verdict.retryAfterSeconds);
    if (!parsed) {
      await this.limiter.failure(keys);
      throw NOT_FOUND();
    }
    const row = await this.indexes.findReceipt(parsed.locator);
    const ok = row ? await this.hasher.verify(parsed.secret, row.hash) : (await this.hasher.burn(parsed.secret), false);
    if (!ok || !row) {
      await this.limiter.failure(keys);
      throw verdict.codeLockedFor ? locked(verdict.codeLockedFor) : NOT_FOUND();
    }
    await this.limiter.success(keys);
    return row.tipId;
  }
}

/** Limiter keys hold no raw addresses or locators. */
function hashKey(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 32);
}
