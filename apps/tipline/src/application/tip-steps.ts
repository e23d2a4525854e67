import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { DomainConflictError, integrationContracts, type Actor } from '@lw/domain';
import { decideAndAppend, EventStore } from '@lw/eventstore';
import { Jurisdiction } from '@lw/hierarchy';
import { CalendarStore } from '@lw/runtime';
import { checkTipId, existingTip, tipNotFound, type HandleContext, type TipEvent, type TipState } from '../domain';
import { integrationEventsFor } from './tip-integration-events';
import { TipListFreshness } from './tip-list-freshness';
import { tipDecider, tipStreamId } from './tip-stream';
import { TiplineSettings } from './tipline-settings';

export type TipDecide = (state: TipState, ctx: HandleContext) => TipEvent[];

/** The tip after the step, and the transaction that wrote it (null when the step appended nothing). */
export interface TipStepDone {
  state: TipState;
  txId: string | null;
}

export interface TipStepOptions {
  /** The version the handler's screen showed: a change in between is a 409 at once. */
  expectedVersion?: number;
  /** The caller's transaction (a consumer's inbox, or a command writing more than the tip). */
  tx?: PoolClient;
  /** The integration event that caused the step. */
  causationId?: string | null;
}

/**
 * One handling step of a tip through the one decider loop: loads it, checks the actor's area (and
 * then the version the actor saw), lets the domain decide and appends with the integration events
 * in the outbox. Another handler appending in between makes it decide again on the new history: two
 * handlers concluding at once end with one conclusion and one 409 (the second finds it concluded).
 * A staff member's step outside a caller's transaction answers once the tip list shows it.
 */
@Injectable()
export class TipSteps {
  private readonly contracts = integrationContracts();

  constructor(
    private readonly store: EventStore,
    private readonly settings: TiplineSettings,
    private readonly jurisdiction: Jurisdiction,
    private readonly calendar: CalendarStore,
    private readonly freshness: TipListFreshness,
  ) {}

  async run(tipId: string, actor: Actor | null, decide: TipDecide, options: TipStepOptions = {}): Promise<TipStepDone> {
    checkTipId(tipId);
    const { policy } = this.settings;
    const done = await decideAndAppend(
      this.store,
      tipDecider,
      tipStreamId(tipId),
      ({ state, version }) => {
        const tip = existingTip(state, tipId);
        // The area before the version: outside it, a stale version must not tell that the tip exists.
        if (actor && !this.jurisdiction.covers(actor, tip.received.villageCode)) throw tipNotFound(`tip ${tipId} outside ${actor.node}`);
        if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
          throw new DomainConflictError('tip.changed', '该举报已被他人更新，请刷新后再操作', `expected version ${options.expectedVersion}, found ${version}`);
        }
        const events = decide(tip, { policy, calendar: this.calendar.calendar(), now: new Date() });
        return { events, integrationEvents: integrationEventsFor(tip, events, actor, this.contracts, policy) };
      },
      { tx: options.tx, actor, causationId: options.causationId ?? null },
    );
    await this.freshness.after(done.txId, { actor, tx: options.tx });
    return { state: done.state!, txId: done.txId };
  }
}
