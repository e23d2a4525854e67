import type { Pool, PoolClient } from 'pg';
import { withTransactionId } from '@lw/db';
import type { Actor, IntegrationEvent } from '@lw/domain';
import type { EventStore } from './event-store';
import type { StoredEvent } from './event.types';
import { WrongExpectedVersionError } from './wrong-expected-version.error';

/** A domain event as the pure domain code produces it. */
export interface DomainEvent {
  type: string;
  data: unknown;
}

/**
 * How an aggregate folds its events: pure functions from the domain. `evolve` receives null before
 * the first event. With `snapshot`, the state is saved every `every` events and later loads start
 * from it; a snapshot of another `schemaVersion` is ignored (the stream is replayed instead).
 */
export interface Decider<S, E extends DomainEvent> {
  evolve(state: S | null, event: E): S;
  snapshot?: SnapshotPolicy<S>;
}

/**
 * When to snapshot and, for a state JSON cannot hold as it is (Maps, Sets), how to write it as
 * JSON and read it back; `decode(encode(s))` must equal `s`.
 */
export interface SnapshotPolicy<S> {
  schemaVersion: number;
  every: number;
  encode?: (state: S) => unknown;
  decode?: (json: unknown) => S;
}

/** What the command knows about its caller; the loop records it on every event it appends. */
export interface CommandContext {
  /** The caller's transaction (a consumer's inbox): read and append inside it, never retry. */
  tx?: PoolClient;
  actor?: Actor | null;
  /** The integration event (or command) that caused this one; null for a user's request. */
  causationId?: string | null;
  correlationId?: string;
  /** The version the user saw: a different current version is stale, not retried. */
  expectedVersion?: number;
}

export interface Loaded<S> {
  /** null when the stream has no events. */
  state: S | null;
  version: number;
}

export interface Decision<E> {
  events: E[];
  /** Written to the outbox in the same transaction. */
  integrationEvents?: IntegrationEvent[];
}

export interface Decided<S, E> {
  state: S | null;
  version: number;
  events: E[];
  /** The writing transaction (null when nothing was appended): wait for it with Projector.waitPast. */
  txId: string | null;
}

export interface DecideOptions<S> {
  /** Total tries on a concurrent append (default 5), with growing jitter in between. */
  maxAttempts?: number;
  /** The error for a stale `expectedVersion` (default WrongExpectedVersionError). */
  stale?: (expected: number, actual: number) => Error;
  /**
   * Runs on the loaded state before the version check: the scope check, so a stale version of a
   * record outside the user's area answers the same 404 as a fresh one and does not reveal it.
   */
  guard?: (loaded: Loaded<S>) => void;
  /**
   * The state the caller has already read inside `ctx.tx` under a lock that keeps the stream still
   * (a bulk import reads thousands of streams in one query): used instead of reading it again.
   */
  preloaded?: Loaded<S>;
}

/**
 * The one load–decide–append loop. Loads the state (from its snapshot, then the later events),
 * lets `decide` choose events, appends them at the version read together with their integration
 * events. Someone else appending in between makes it load and decide again on the new history, so
 * `decide` must be free of side effects. Inside a caller's transaction a conflict is thrown: that
 * transaction is spoiled and the caller (the inbox) retries it whole.
 */
export async function decideAndAppend<S, E extends DomainEvent>(
  store: EventStore,
  decider: Decider<S, E>,
  streamId: string,
  decide: (loaded: Loaded<S>) => E[] | Decision<E> | Promise<E[] | Decision<E>>,
  ctx: CommandContext = {},
  options: DecideOptions<S> = {},
): Promise<Decided<S, E>> {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const loaded = attempt === 1 && options.preloaded ? options.preloaded : await loadAggregate(store, decider, streamId, ctx.tx);
    options.guard?.(loaded);
    if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== loaded.version) {
      throw options.stale?.(ctx.expectedVersion, loaded.version) ?? new WrongExpectedVersionError(streamId, ctx.expectedVersion, loaded.version);
    }
    const decided = await decide(loaded);
    const decision = Array.isArray(decided) ? { events: decided } : decided;
    if (decision.events.length === 0) return { ...loaded, events: [], txId: null };
    const metadata = { actor: ctx.actor ?? null, causationId: ctx.causationId ?? null, ...(ctx.correlationId ? { correlationId: ctx.correlationId } : {}) };
    try {
      const { nextVersion, txId } = await store.append(
        streamId,
        loaded.version === 0 ? 'no_stream' : loaded.version,
        decision.events.map((e) => ({ type: e.type, data: e.data, metadata })),
        { integrationEvents: decision.integrationEvents, client: ctx.tx },
      );
      const state = decision.events.reduce<S | null>((s, e) => decider.evolve(s, e), loaded.state);
      await maybeSnapshot(store, decider, streamId, loaded.version, nextVersion, state, ctx.tx);
      return { state, version: nextVersion, events: decision.events, txId };
    } catch (err) {
      const retry = err instanceof WrongExpectedVersionError && !ctx.tx && ctx.expectedVersion === undefined && attempt < maxAttempts;
      if (!retry) throw err;
      // Jitter spreads the losers out so they do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}

/** The aggregate's state and version: its snapshot (if any, of the right shape) plus later events. */
export async function loadAggregate<S, E extends DomainEvent>(
  store: EventStore,
  decider: Decider<S, E>,
  streamId: string,
  tx?: PoolClient,
): Promise<Loaded<S>> {
  const policy = decider.snapshot;
  const snapshot = policy ? await store.loadSnapshot<unknown>(streamId, policy.schemaVersion, tx) : null;
  let state: S | null = snapshot ? (policy!.decode ? policy!.decode(snapshot.state) : (snapshot.state as S)) : null;
  let version = snapshot ? snapshot.version : 0;
  for (const event of await store.readStream(streamId, version + 1, tx)) {
    state = decider.evolve(state, toDomainEvent<E>(event));
    version = event.streamVersion;
  }
  return { state, version };
}

export function toDomainEvent<E extends DomainEvent>(stored: StoredEvent): E {
  return { type: stored.type, data: stored.data } as E;
}

/** Saves the state when the append crossed a multiple of `every` (in the same transaction, if any). */
async function maybeSnapshot<S, E extends DomainEvent>(
  store: EventStore,
  decider: Decider<S, E>,
  streamId: string,
  before: number,
  after: number,
  state: S | null,
  tx?: PoolClient,
): Promise<void> {
  const policy = decider.snapshot;
  if (!policy || state === null || Math.floor(after / policy.every) === Math.floor(before / policy.every)) return;
  await store.saveSnapshot(streamId, after, policy.encode ? policy.encode(state) : state, policy.schemaVersion, tx);
}

/**
 * A command that writes several streams in one transaction of its own: retried whole, with
 * jitter, when one of its appends meets a concurrent append (each try decides again on what it
 * then reads). Inside a caller's transaction it runs once; the caller retries. `fn` must keep its
 * side effects inside `tx`.
 */
export async function inRetriedTransaction<T>(pool: Pool, fn: (tx: PoolClient) => Promise<T>, callerTx?: PoolClient, options: { maxAttempts?: number } = {}): Promise<T> {
  return (await inRetriedTransactionWithId(pool, fn, callerTx, options)).result;
}

/** inRetriedTransaction that also answers the committed transaction's id (null: it wrote nothing, or ran in the caller's), for Projector.waitPast. */
export async function inRetriedTransactionWithId<T>(
  pool: Pool,
  fn: (tx: PoolClient) => Promise<T>,
  callerTx?: PoolClient,
  options: { maxAttempts?: number } = {},
): Promise<{ result: T; txId: string | null }> {
  if (callerTx) return { result: await fn(callerTx), txId: null };
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await withTransactionId(pool, fn);
    } catch (err) {
      if (!(err instanceof WrongExpectedVersionError) || attempt >= maxAttempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}
