import type { PoolClient } from 'pg';
import type { Actor } from '@lw/domain';
import { toDomainEvent, type EventStore } from '@lw/eventstore';
import { emptyPerson, evolvePerson, evolveVillage, personStream, villageStream, type Holding, type PersonEvent, type PersonState, type VillageEvent } from '../../domain/roster';

/*
 * Many roster streams at once (an import reads 5,000 in one statement, inside its transaction when
 * given, so it sees its own writes).
 */

export interface LoadedStream<S> {
  state: S;
  version: number;
}

async function loadMany<S>(store: EventStore, keys: readonly string[], streamOf: (key: string) => string, fold: (key: string, events: { type: string; data: unknown }[]) => S, tx?: PoolClient): Promise<Map<string, LoadedStream<S>>> {
  const streams = await store.readStreams(keys.map(streamOf), tx);
  return new Map(
    keys.map((key) => {
      const events = streams.get(streamOf(key)) ?? [];
      return [key, { state: fold(key, events.map((e) => toDomainEvent(e))), version: events.at(-1)?.streamVersion ?? 0 }];
    }),
  );
}

export function loadPersons(store: EventStore, personIds: readonly string[], tx?: PoolClient): Promise<Map<string, LoadedStream<PersonState>>> {
  return loadMany(store, personIds, personStream, (id, events) => (events as PersonEvent[]).reduce(evolvePerson, emptyPerson(id)), tx);
}

export function loadVillages(store: EventStore, codes: readonly string[], tx?: PoolClient): Promise<Map<string, LoadedStream<Holding[]>>> {
  return loadMany(store, codes, villageStream, (_code, events) => (events as VillageEvent[]).reduce<Holding[]>(evolveVillage, []), tx);
}

/** Appends at the version read in `tx` (an import's many streams, read together by loadPersons/loadVillages). */
export async function appendTo(store: EventStore, tx: PoolClient, streamId: string, version: number, events: readonly { type: string; data: unknown }[], actor: Actor | null): Promise<void> {
  if (!events.length) return;
  await store.append(streamId, version === 0 ? 'no_stream' : version, events.map((e) => ({ type: e.type, data: e.data, metadata: { actor, causationId: null } })), { client: tx });
}
