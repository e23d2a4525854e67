import type { PoolClient } from 'pg';
import { DomainNotFoundError, type Actor, type ContractRegistry, type WorkingCalendar } from '@lw/domain';
import { WrongExpectedVersionError, type EventStore } from '@lw/eventstore';
import { evolveVillageElection, type ElectionContext, type VillageElectionEvent, type VillageElectionState } from '../domain/election';
import { electionIntegrationEvents } from './election-integration-events';
import { loadVillageElection } from './village-election-stream';

export interface ElectionCommandsDeps {
  store: EventStore;
  contracts: ContractRegistry;
  calendar: () => WorkingCalendar;
  /** True when the village lies inside the actor's node. */
  inScope: (actor: Actor, villageCode: string) => boolean;
  clock?: () => Date;
}

type Decide = (s: VillageElectionState, c: ElectionContext) => VillageElectionEvent[];

const MAX_ATTEMPTS = 5;

/**
 * Runs a decision on one village's election stream: load, scope check, decide, append at the version
 * read with the integration events in the outbox; a concurrent append makes it decide again.
 */
export class ElectionCommands {
  constructor(private readonly deps: ElectionCommandsDeps) {}

  get store(): EventStore {
    return this.deps.store;
  }

  context(): ElectionContext {
    return { now: (this.deps.clock ?? (() => new Date()))(), calendar: this.deps.calendar() };
  }

  async create(streamId: string, actor: Actor | null, events: VillageElectionEvent[], tx?: PoolClient): Promise<void> {
    const state = events.reduce<VillageElectionState | null>((s, e) => evolveVillageElection(s, e), null)!;
    if (actor && !this.deps.inScope(actor, state.villageCode)) {
      throw new DomainNotFoundError('election.village_outside', '该村不在您的管辖范围内', `village ${state.villageCode} outside ${actor.node}`);
    }
    await this.deps.store.append(streamId, 'no_stream', events.map((e) => ({ type: e.type, data: e.data, metadata: { actor } })), { client: tx });
  }

  /** `loaded`: the stream as the caller just read it, used for the first attempt instead of reading it again. */
  async run(streamId: string, actor: Actor | null, decide: Decide, opts: { tx?: PoolClient; loaded?: { state: VillageElectionState; version: number } } = {}): Promise<VillageElectionState> {
    for (let attempt = 1; ; attempt++) {
      const { state, version } = attempt === 1 && opts.loaded ? opts.loaded : await loadVillageElection(this.deps.store, streamId, opts.tx);
      if (actor && !this.deps.inScope(actor, state.villageCode)) {
        throw new DomainNotFoundError('election.not_found', '本村换届不存在或不在您的管辖范围内', `${streamId} outside ${actor.node}`);
      }
      const events = decide(state, this.context());
      if (events.length === 0) return state;
      try {
        await this.deps.store.append(
          streamId,
          version,
          events.map((e) => ({ type: e.type, data: e.data, metadata: { actor } })),
          { integrationEvents: electionIntegrationEvents(state, events, actor, this.deps.contracts), client: opts.tx },
        );
        return events.reduce((s, e) => evolveVillageElection(s, e), state);
      } catch (err) {
        if (!(err instanceof WrongExpectedVersionError) || opts.tx || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  }
}
