import type { PoolClient } from 'pg';
import type { Actor } from '@lw/domain';
import { toDomainEvent, type EventStore } from '@lw/eventstore';
import { emptyPerson, evolvePerson, evolveVillage, personStream, villageStream, type Holding, type PersonEvent, type PersonState, type VillageEvent } from '../../domain/roster';

/*
 * Many roster streams at once (an import reads 5,000 in one statement, inside its transaction when
 * given, so it sees its own writes), and the citizen-id claims that make a person id unique.
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

/**
 * Serialises imports and person records: a transaction-level advisory lock per bucket of citizen ids
 * and of village codes (256 buckets each, all taken in one ordered statement, so two writers never
 * deadlock and an import of 5,000 persons holds at most 512 locks). Whoever comes second waits, then
 * reads the first one's persons and holdings: imports never collide on a stream.
 */
export async function lockRoster(tx: PoolClient, keys: { citizenIds?: readonly string[]; villageCodes?: readonly string[] }): Promise<void> {
  const citizenIds = keys.citizenIds ?? [];
  const villageCodes = keys.villageCodes ?? [];
  if (!citizenIds.length && !villageCodes.length) return;
  await tx.query(
    `SELECT pg_advisory_xact_lock(k, b)
       FROM (SELECT DISTINCT hashtext('vetting.roster.citizen') AS k, (hashtext(c) & 255) AS b FROM unnest($1::text[]) AS c
             UNION SELECT hashtext('vetting.roster.village'), (hashtext(v) & 255) FROM unnest($2::text[]) AS v
             ORDER BY 1, 2) AS buckets`,
    [citizenIds, villageCodes],
  );
}

/** The persons already claiming these citizen ids (citizen id → person id). */
export async function claimedIds(tx: PoolClient, citizenIds: readonly string[]): Promise<Map<string, string>> {
  if (!citizenIds.length) return new Map();
  const { rows } = await tx.query<{ citizen_id: string; person_id: string }>('SELECT citizen_id, person_id FROM roster_citizen_ids WHERE citizen_id = ANY ($1::text[])', [citizenIds]);
  return new Map(rows.map((r) => [r.citizen_id, r.person_id]));
}

export async function claim(tx: PoolClient, claims: readonly { citizenId: string; personId: string }[]): Promise<void> {
  if (!claims.length) return;
  await tx.query('INSERT INTO roster_citizen_ids (citizen_id, person_id) SELECT * FROM unnest($1::text[], $2::text[])', [claims.map((c) => c.citizenId), claims.map((c) => c.personId)]);
}
