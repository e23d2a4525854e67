import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { withTransaction } from '@lw/db';
import { DomainConflictError, type Actor } from '@lw/domain';
import { decideAndAppend, EventStore } from '@lw/eventstore';
import * as tip from '../domain';
import { IdentityVault } from './ports/identity-vault.port';
import { RevealAccess, revealable, type RevealRequestView } from './reveal-access';
import { revealDecider, revealStreamId } from './reveal-stream';
import { TipListFreshness } from './tip-list-freshness';
import { TipSteps } from './tip-steps';
import type { ReporterIdentity } from './tip-submission';

/** An official asks to see the reporter, with a reason; a second official must approve. */
export class RequestReveal extends Command<RevealRequestView> {
  readonly requestId = uuidv7();
  constructor(
    readonly tipId: string,
    readonly actor: Actor,
    readonly reason: string,
  ) {
    super();
  }
}
@Injectable()
@CommandHandler(RequestReveal)
export class RequestRevealHandler implements ICommandHandler<RequestReveal> {
  constructor(
    private readonly store: EventStore,
    private readonly reveals: RevealAccess,
  ) {}
  async execute(c: RequestReveal): Promise<RevealRequestView> {
    const { state: t } = await this.reveals.visibleTip(c.tipId, c.actor);
    const { state } = await decideAndAppend(
      this.store,
      revealDecider,
      revealStreamId(c.tipId),
      ({ state }) => tip.requestReveal(state ?? tip.EMPTY_REVEAL_STATE, revealable(t), { requestId: c.requestId, by: c.actor.userId, reason: c.reason }, this.reveals.context()),
      { actor: c.actor },
    );
    return this.reveals.view(state!.requests.find((r) => r.requestId === c.requestId)!, c.actor);
  }
}

/** A second official (never the requester) approves or refuses a pending request. */
export class DecideReveal extends Command<RevealRequestView> {
  constructor(
    readonly tipId: string,
    readonly requestId: string,
    readonly actor: Actor,
    readonly decision: { approve: true } | { approve: false; reason: string | null },
  ) {
    super();
  }
}
@Injectable()
@CommandHandler(DecideReveal)
export class DecideRevealHandler implements ICommandHandler<DecideReveal> {
  constructor(
    private readonly store: EventStore,
    private readonly reveals: RevealAccess,
  ) {}
  async execute(c: DecideReveal): Promise<RevealRequestView> {
    const { state: t } = await this.reveals.visibleTip(c.tipId, c.actor);
    const d = c.decision;
    const { state } = await decideAndAppend(
      this.store,
      revealDecider,
      revealStreamId(c.tipId),
      ({ state }) => {
        const s = state ?? tip.EMPTY_REVEAL_STATE;
        const ctx = this.reveals.context();
        return d.approve ? tip.approveReveal(s, revealable(t), c.requestId, c.actor.userId, ctx) : tip.refuseReveal(s, c.requestId, c.actor.userId, d.reason, ctx);
      },
      { actor: c.actor },
      // No retry: a concurrent decision on the same request must lose with a 409, not be decided twice.
      { maxAttempts: 1 },
    );
    return this.reveals.view(state!.requests.find((r) => r.requestId === c.requestId)!, c.actor);
  }
}

/**
 * The reporter's identity, for the requester of an approved, unexpired, unused request only. The
 * use of the approval and the read (with the request's reason and approver) are recorded in one
 * transaction before anything is decrypted: no record, no identity; two reveals at once, one wins.
 */
export class RevealReporter extends Command<ReporterIdentity> {
  constructor(
    readonly tipId: string,
    readonly actor: Actor,
    readonly requestId: string | null,
  ) {
    super();
  }
}
@Injectable()
@CommandHandler(RevealReporter)
export class RevealReporterHandler implements ICommandHandler<RevealReporter> {
  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly reveals: RevealAccess,
    private readonly steps: TipSteps,
    private readonly vault: IdentityVault,
    private readonly freshness: TipListFreshness,
  ) {}
  async execute(c: RevealReporter): Promise<ReporterIdentity> {
    const { state, txId } = await withTransaction(this.pool, async (tx) => {
      const { state: t } = await this.reveals.visibleTip(c.tipId, c.actor, tx);
      let used: tip.RevealRequest | undefined;
      await decideAndAppend(
        this.store,
        revealDecider,
        revealStreamId(c.tipId),
        ({ state }) => {
          const u = tip.useReveal(state ?? tip.EMPTY_REVEAL_STATE, revealable(t), c.requestId, c.actor.userId, this.reveals.context());
          used = u.request;
          return u.events;
        },
        { tx, actor: c.actor },
      );
      const approval = { requestId: used!.requestId, approvedBy: used!.decidedBy! };
      return this.steps.run(c.tipId, c.actor, (s, x) => tip.recordIdentityRead(s, used!.reason, x, approval), { tx });
    });
    await this.freshness.shown(txId);
    const plain = await this.vault.open(c.tipId, state.received.sealedReporter!);
    if (plain === null) throw new DomainConflictError('tip.identity_erased', '举报人信息已依规销毁，无法查看', 'data key shredded');
    return JSON.parse(plain) as ReporterIdentity;
  }
}

export const revealCommandHandlers = [RequestRevealHandler, DecideRevealHandler, RevealReporterHandler];
