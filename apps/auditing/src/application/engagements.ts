import { outsideJurisdiction, type Actor, type ContractRegistry, type WorkingCalendar } from '@lw/domain';
import { decideAndAppend, type CommandContext, type DecideOptions, type Decided, type EventStore, type Loaded } from '@lw/eventstore';
import type { Jurisdiction } from '@lw/hierarchy';
import { planEngagement, type AuditContext, type AuditPolicy, type EngagementEvent, type EngagementScope, type EngagementState } from '../domain/engagement';
import { engagementIntegrationEvents } from './engagement-integration-events';
import { engagementDecider, engagementStream, loadEngagement } from './engagement-stream';

export interface EngagementsDeps {
  store: EventStore;
  jurisdiction: Jurisdiction;
  contracts: ContractRegistry;
  policy: AuditPolicy;
  calendar: () => WorkingCalendar;
  /** Called after each append committed outside a caller's transaction (wakes the engagement list's projection). */
  onAppended?: () => void;
  clock?: () => Date;
}

type Decide = (s: EngagementState, c: AuditContext) => EngagementEvent[];

const WHAT = '审计项目';

/**
 * What the engagement handlers share: the policy and calendar decisions take, the user's area, and
 * the one decider loop with each engagement's integration events in the outbox.
 */
export class Engagements {
  constructor(private readonly deps: EngagementsDeps) {}

  get policy(): AuditPolicy {
    return this.deps.policy;
  }

  context(): AuditContext {
    return { now: (this.deps.clock ?? (() => new Date()))(), calendar: this.deps.calendar(), policy: this.deps.policy };
  }

  /** The engagement as its stream has it; the same 404 whether it is missing or outside the actor's area. */
  async visible(engagementId: string, actor: Actor): Promise<{ state: EngagementState; version: number }> {
    const { state, version } = await loadEngagement(this.deps.store, engagementId);
    return { state: this.inArea(engagementId, state, actor), version };
  }

  /** A user's change to an engagement in their area: its state after, and the events it took. */
  async change(engagementId: string, actor: Actor, decide: Decide): Promise<{ state: EngagementState; events: EngagementEvent[] }> {
    // The guard refuses a missing engagement and one outside the area (the same 404), so decide has a state.
    const guard = ({ state }: Loaded<EngagementState>) => void this.inArea(engagementId, state, actor);
    const { state, events } = await this.run(engagementId, { actor }, ({ state }) => decide(state!, this.context()), { guard });
    return { state: state!, events };
  }

  /** The system's change on another service's event (no area: the event decided it); nothing when the engagement is unknown. */
  react(engagementId: string, ctx: CommandContext, decide: Decide): Promise<Decided<EngagementState, EngagementEvent>> {
    return this.run(engagementId, ctx, ({ state }) => (state ? decide(state, this.context()) : []));
  }

  /** Plans a new engagement; false when its stream exists already (a redelivered election plans nothing). */
  async plan(scope: EngagementScope, ctx: CommandContext): Promise<boolean> {
    const { events } = await this.run(scope.engagementId, ctx, ({ state }) => (state ? [] : planEngagement(scope, this.context())));
    return events.length > 0;
  }

  private async run(engagementId: string, ctx: CommandContext, decide: (loaded: Loaded<EngagementState>) => EngagementEvent[], options: DecideOptions<EngagementState> = {}) {
    const { store, contracts, policy } = this.deps;
    const decided = await decideAndAppend(
      store,
      engagementDecider,
      engagementStream(engagementId),
      (loaded) => {
        const events = decide(loaded);
        return { events, integrationEvents: engagementIntegrationEvents(loaded.state, events, ctx.actor ?? null, contracts, policy) };
      },
      ctx,
      options,
    );
    // Woken, not awaited (Projector.waitPast): waiting for the list per step cut bulk conclusions to a third (BENCHMARKS.md).
    if (decided.txId && !ctx.tx) this.deps.onAppended?.();
    return decided;
  }

  private inArea(engagementId: string, state: EngagementState | null, actor: Actor): EngagementState {
    if (!state) throw outsideJurisdiction(WHAT, `no engagement ${engagementId}`);
    this.deps.jurisdiction.require(actor, state.villageCode, WHAT);
    return state;
  }
}
