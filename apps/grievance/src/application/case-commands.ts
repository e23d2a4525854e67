import type { PoolClient } from 'pg';
import { DomainConflictError, type Actor, type ContractRegistry, type WorkingCalendar } from '@lw/domain';
import { WrongExpectedVersionError, type EventStore } from '@lw/eventstore';
import { evolveCase, foldCase, openCase, type CaseContext, type CaseEvent, type CaseState, type GrievancePolicy, type OpenCaseInput } from '../domain';
import { caseIntegrationEvents } from './case-integration-events';
import { caseNotFound, caseStreamId, loadCase, toNewEvents } from './case-stream';

export interface CaseCommandsDeps {
  store: EventStore;
  contracts: ContractRegistry;
  policy: GrievancePolicy;
  calendar: () => WorkingCalendar;
  /** True when the case's village lies inside the actor's node. */
  inScope: (actor: Actor, villageCode: string) => boolean;
  /** Called after each committed append outside a caller's transaction (wakes the ledger projection). */
  onAppended?: () => void;
  clock?: () => Date;
}

type Decide = (state: CaseState, ctx: CaseContext) => CaseEvent[];

const MAX_ATTEMPTS = 5;

/**
 * Load, scope check, decide, append at the version read, with the integration events in the outbox in
 * the same transaction. A concurrent append makes the step decide again on the new history: two
 * reviewers closing at once end with one closure and one 409 (the second finds the case closed).
 */
export class CaseCommands {
  constructor(private readonly deps: CaseCommandsDeps) {}

  get policy(): GrievancePolicy {
    return this.deps.policy;
  }

  context(): CaseContext {
    return { now: (this.deps.clock ?? (() => new Date()))(), calendar: this.deps.calendar(), policy: this.deps.policy };
  }

  /** The case if the actor may see it (404 otherwise, so other townships' cases do not even show they exist). */
  async view(caseId: string, actor: Actor | null) {
    const loaded = await loadCase(this.deps.store, caseId);
    if (actor && !this.deps.inScope(actor, loaded.state.villageCode)) throw caseNotFound(`case ${caseId} outside ${actor.node}`);
    return loaded;
  }

  /** Opens a case; WrongExpectedVersionError when its stream exists (a derived id opened before). */
  async open(input: OpenCaseInput, actor: Actor | null, opts: { tx?: PoolClient } = {}): Promise<CaseState> {
    const events = openCase(input, this.context());
    const state = foldCase(events)!;
    if (actor && !this.deps.inScope(actor, state.villageCode)) throw caseNotFound(`village ${state.villageCode} outside ${actor.node}`);
    await this.deps.store.append(caseStreamId(state.caseId), 'no_stream', toNewEvents(events, actor), {
      integrationEvents: caseIntegrationEvents(null, events, actor, this.deps.contracts),
      client: opts.tx,
    });
    if (!opts.tx) this.deps.onAppended?.();
    return state;
  }

  async run(caseId: string, actor: Actor | null, decide: Decide, opts: { tx?: PoolClient; expectedVersion?: number } = {}): Promise<{ state: CaseState; version: number }> {
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await this.view(caseId, actor);
      if (opts.expectedVersion !== undefined && opts.expectedVersion !== version) {
        throw new DomainConflictError('case.changed', '该事项已被他人更新，请刷新后再操作', `expected version ${opts.expectedVersion}, found ${version}`);
      }
      const events = decide(state, this.context());
      if (events.length === 0) return { state, version };
      try {
        const { nextVersion } = await this.deps.store.append(caseStreamId(caseId), version, toNewEvents(events, actor), {
          integrationEvents: caseIntegrationEvents(state, events, actor, this.deps.contracts),
          client: opts.tx,
        });
        if (!opts.tx) this.deps.onAppended?.();
        return { state: events.reduce((s, e) => evolveCase(s, e), state), version: nextVersion };
      } catch (err) {
        if (!(err instanceof WrongExpectedVersionError) || opts.tx || opts.expectedVersion !== undefined || attempt >= MAX_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
      }
    }
  }
}
