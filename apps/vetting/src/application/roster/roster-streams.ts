import type { PoolClient } from 'pg';
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
