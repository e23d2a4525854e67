import type { PoolClient } from 'pg';
import type { Actor, ContractRegistry, WorkingCalendar } from '@lw/domain';
import { decideAndAppend, WrongExpectedVersionError, type DecideOptions, type EventStore, type Loaded } from '@lw/eventstore';
import { openCase, type CaseContext, type CaseEvent, type CaseState, type GrievancePolicy, type OpenCaseInput } from '../domain';
import { caseIntegrationEvents } from './case-integration-events';
import { caseDecider, caseOutside, caseStreamId, isCaseId } from './case-stream';

/** Who changes a case, recorded on its events; a reaction also brings its inbox transaction and its cause. */
export interface CaseCaller {
  actor: Actor | null;
  tx?: PoolClient;
  causationId?: string | null;
  /** The version the user saw, where their step asks for it. */
  expectedVersion?: number;
}

/** A user's step: the scope check on the case before its version is compared, and the error for a stale version. */
export interface CaseChecks {
  guard?: (state: CaseState) => void;
  stale?: (expected: number, actual: number) => Error;
}

export interface CaseRecord {
  state: CaseState;
  version: number;
}

export interface CaseRecorderDeps {
  store: EventStore;
  contracts: ContractRegistry;
  policy: GrievancePolicy;
  calendar: () => WorkingCalendar;
  /** After an append committed outside a caller's transaction: the ledger applies it before the answer (read-your-writes). */
  readYourWrites?: (txId: string) => Promise<unknown>;
  clock?: () => Date;
}

type Decide = (state: CaseState, version: number, ctx: CaseContext) => CaseEvent[];

/**
 * What every case command shares: the clock, calendar and policy it decides with, and the one
 * load–decide–append loop, with the integration events in the outbox in the same transaction.
 */
export class CaseRecorder {
  constructor(private readonly deps: CaseRecorderDeps) {}

  context(): CaseContext {
    return { now: (this.deps.clock ?? (() => new Date()))(), calendar: this.deps.calendar(), policy: this.deps.policy };
  }

  /** Opens a case; its stream existing already (a derived id opened before) is refused as the store refuses it. */
  open(input: OpenCaseInput, caller: CaseCaller): Promise<CaseRecord> {
    return this.record(input.caseId, caller, (state, version, ctx) => {
      if (state) throw new WrongExpectedVersionError(caseStreamId(input.caseId), 'no_stream', version);
      return openCase(input, ctx);
    });
  }

  /**
   * A step on an existing case; a missing one gets the 404 of a case outside the caller's area,
   * before `checks.guard` (the scope) and the version check, so a stale version reveals nothing.
   */
  async change(caseId: string, caller: CaseCaller, decide: Decide, checks: CaseChecks = {}): Promise<CaseRecord> {
    if (!isCaseId(caseId)) throw caseOutside(`no case ${caseId}`);
    const guard = ({ state }: Loaded<CaseState>) => {
      if (!state) throw caseOutside(`no case ${caseId}`);
      checks.guard?.(state);
    };
    return this.record(caseId, caller, (state, version, ctx) => decide(state!, version, ctx), { guard, stale: checks.stale });
  }

  private async record(
    caseId: string,
    caller: CaseCaller,
    decide: (state: CaseState | null, version: number, ctx: CaseContext) => CaseEvent[],
    options: DecideOptions<CaseState> = {},
  ): Promise<CaseRecord> {
    const decided = await decideAndAppend(
      this.deps.store,
      caseDecider,
      caseStreamId(caseId),
      ({ state, version }) => {
        const events = decide(state, version, this.context());
        return { events, integrationEvents: caseIntegrationEvents(state, events, caller.actor, this.deps.contracts) };
      },
      caller,
      options,
    );
    if (decided.txId && !caller.tx) await this.deps.readYourWrites?.(decided.txId);
    // Both paths above refuse a missing case, so a state exists here.
    return { state: decided.state!, version: decided.version };
  }
}
