import type { IntegrationEvent } from '@lw/domain';
import type { EventStore } from './event-store';
import type { NewEvent, StoredEvent } from './event.types';
import { WrongExpectedVersionError } from './wrong-expected-version.error';

export interface Decision {
  events: NewEvent[];
  integrationEvents?: IntegrationEvent[];
}

export interface LoadAndAppendOptions {
  /** Total tries, including the first; then the last WrongExpectedVersionError is thrown. */
  maxAttempts?: number;
}

/**
 * Optimistic concurrency with retry: read the stream, decide, append at the version read. On a
 * conflict someone else appended in between, so read again and decide again on the new history.
 * `decide` must therefore be free of side effects. An empty decision appends nothing.
 */
export async function loadAndAppend(
  store: EventStore,
  streamId: string,
  decide: (history: StoredEvent[]) => NewEvent[] | Decision | Promise<NewEvent[] | Decision>,
  options: LoadAndAppendOptions = {},
): Promise<{ nextVersion: number; attempts: number }> {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const history = await store.readStream(streamId);
    const version = history.length ? history[history.length - 1].streamVersion : 0;
    const decided = await decide(history);
    const decision = Array.isArray(decided) ? { events: decided } : decided;
    if (decision.events.length === 0) return { nextVersion: version, attempts: attempt };
    try {
      const { nextVersion } = await store.append(streamId, version, decision.events, {
        integrationEvents: decision.integrationEvents,
      });
      return { nextVersion, attempts: attempt };
    } catch (err) {
      if (!(err instanceof WrongExpectedVersionError) || attempt >= maxAttempts) throw err;
      // Jitter spreads the losers out so they do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}
