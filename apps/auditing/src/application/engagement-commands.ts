import type { PoolClient } from 'pg';
import { DomainNotFoundError, type Actor, type ContractRegistry, type WorkingCalendar } from '@lw/domain';
import { WrongExpectedVersionError, type EventStore } from '@lw/eventstore';
import { evolveEngagement, type AuditContext, type AuditPolicy, type EngagementEvent, type EngagementState } from '../domain/engagement';
import { engagementIntegrationEvents } from './engagement-integration-events';
import { engagementStream, loadEngagement } from './engagement-stream';

export interface EngagementCommandsDeps {
  store: EventStore;
  contracts: ContractRegistry;
  calendar: () => WorkingCalendar;
  policy: AuditPolicy;
  /** True when the village lies inside the actor's node. */
  inScope: (actor: Actor, villageCode: string) => boolean;
  /** Called after each committed append (wakes the read-model projection). */
  onAppended?: () => void;
  clock?: () => Date;
}

type Decide = (s: EngagementState, c: AuditContext) => EngagementEvent[];

const MAX_ATTEMPTS = 5;

const outside = (id: string, actor: Actor) => new DomainNotFoundError('audit.not_found', '审计项目不存在或不在您的管辖范围内', `engagement ${id} outside ${actor.node}`);

/**
 * Runs a decision on one engagement's stream: load, scope check, decide, append at the version read
 * together with the integration events in the outbox; a concurrent append makes it decide again.
 */
export class EngagementCommands {
  constructor(private readonly deps: EngagementCommandsDeps) {}

  get policy(): AuditPolicy {
    return this.deps.policy;
  }

  context(): AuditContext {
    return { now: (this.deps.clock ?? (() => new Date()))(), calendar: this.deps.calendar(), policy: this.deps.policy };
  }

  /** A new engagement (the actor's scope checked unless the system acts on another service's event); throws WrongExpectedVersionError when its stream exists already. */
  async create(events: EngagementEvent[], actor: Actor | null, tx?: PoolClient, opts: { checkScope?: boolean } = {}): Promise<EngagementState> {
    const state = events.reduce<EngagementState | null>((s, e) => evolveEngagement(s, e), null)!;
    if (actor && opts.checkScope !== false && !this.deps.inScope(actor, state.villageCode)) {
      throw new DomainNotFoundError('audit.village_outside', '该村不在您的管辖范围内', `village ${state.villageCode} outside ${actor.node}`);
    }
    await this.deps.store.append(engagementStream(state.engagementId), 'no_stream', events.map((e) => ({ type: e.type, data: e.data, metadata: { actor } })), {
      integrationEvents: engagementIntegrationEvents(null, events, actor, this.deps.contracts, this.deps.policy),
      client: tx,
    });
    if (!tx) this.deps.onAppended?.();
    return state;
  }

  /** The engagement as its stream has it, if the actor may see it. */
  async view(engagementId: string, actor: Actor | null): Promise<{ state: EngagementState; version: number }> {
    const loaded = await loadEngagement(this.deps.store, engagementId);
    if (actor && !this.deps.inScope(actor, loaded.state.villageCode)) throw outside(engagementId, actor);
    return loaded;
  }

  async run(engagementId: string, actor: Actor | null, decide: Decide, opts: { tx?: PoolClient } = {}): Promise<EngagementState> {
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await this.view(engagementId, actor);
      const events = decide(state, this.context());
      if (events.length === 0) return state;
      try {
        await this.deps.store.append(
          engagementStream(engagementId),
          version,
          events.map((e) => ({ type: e.type, data: e.data, metadata: { actor } })),
          { integrationEvents: engagementIntegrationEvents(state, events, actor, this.deps.contracts, this.deps.policy), client: opts.tx },
        );
        if (!opts.tx) this.deps.onAppended?.();
        return events.reduce((s, e) => evolveEngagement(s, e), state);
      } catch (err) {
        if (!(err instanceof WrongExpectedVersionError) || opts.tx || attempt >= MAX_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
      }
    }
  }
}
