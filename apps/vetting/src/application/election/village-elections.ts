import type { PoolClient } from 'pg';
import { outsideJurisdiction, type Actor, type ContractRegistry, type WorkingCalendar } from '@lw/domain';
import { decideAndAppend, loadAggregate, type CommandContext, type EventStore } from '@lw/eventstore';
import type { Jurisdiction } from '@lw/hierarchy';
import type { ElectionContext, VillageElectionEvent, VillageElectionState } from '../../domain/election';
import { electionIntegrationEvents } from '../election-integration-events';
import { villageElectionDecider } from '../village-election-stream';

export type ElectionDecide = (s: VillageElectionState, c: ElectionContext) => VillageElectionEvent[] | Promise<VillageElectionEvent[]>;

/**
 * Where and as whom a step runs. A user's request (no causationId) is refused outside the actor's
 * area; a reaction acts on another service's event (causationId), whose actor is only recorded; a
 * job has neither.
 */
export type StepContext = Pick<CommandContext, 'tx' | 'actor' | 'causationId'>;

/**
 * The village election streams as the handlers use them: every step is one decideAndAppend whose
 * decision is checked against the actor's area (a village outside it reads as missing) and whose
 * integration events go to the outbox with it.
 */
export class VillageElections {
  constructor(
    private readonly deps: {
      store: EventStore;
      contracts: ContractRegistry;
      jurisdiction: Jurisdiction;
      calendar: () => WorkingCalendar;
      /** After a user's transaction `txId` committed: the board has applied it (read-your-writes). */
      readYourWrites?: (txId: string | null) => Promise<void>;
    },
  ) {}

  /** `asOf`: decide as of another moment (a job run for a past deadline, a test that cannot wait working days). */
  context(asOf?: Date): ElectionContext {
    return { now: asOf ?? new Date(), calendar: this.deps.calendar() };
  }

  /** The state of one village's election, refused alike when missing or outside the actor's area. */
  async load(streamId: string, actor: Actor | null, tx?: PoolClient): Promise<VillageElectionState> {
    const { state } = await loadAggregate(this.deps.store, villageElectionDecider, streamId, tx);
    return this.visible(streamId, state, actor);
  }

  async decide(streamId: string, ctx: StepContext, decide: ElectionDecide, asOf?: Date): Promise<VillageElectionState> {
    const actor = ctx.actor ?? null;
    const viewer = ctx.causationId ? null : actor;
    const decided = await decideAndAppend(
      this.deps.store,
      villageElectionDecider,
      streamId,
      async ({ state }) => {
        const before = this.visible(streamId, state, viewer);
        const events = await decide(before, this.context(asOf));
        return { events, integrationEvents: electionIntegrationEvents(before, events, actor, this.deps.contracts) };
      },
      ctx,
    );
    // A user's request answers with the board up to date; reactions and jobs do not wait for it.
    if (!ctx.tx && !ctx.causationId && actor) await this.readYourWrites(decided.txId);
    return decided.state!;
  }

  /** Returns once the board has applied the committed transaction `txId` (null: nothing written). */
  async readYourWrites(txId: string | null): Promise<void> {
    await this.deps.readYourWrites?.(txId);
  }

  private visible(streamId: string, state: VillageElectionState | null, actor: Actor | null): VillageElectionState {
    if (!state || (actor && !this.deps.jurisdiction.covers(actor, state.villageCode))) throw outsideJurisdiction('本村换届', `${streamId} missing or outside ${actor?.node ?? 'any area'}`);
    return state;
  }
}
