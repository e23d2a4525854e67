import type { PoolClient } from 'pg';
import type { Actor } from '@lw/domain';
import type { EventStore } from '@lw/eventstore';
import { emptyPerson, evolvePerson, evolveVillage, personStream, villageStream, type Holding, type PersonEvent, type PersonState, type VillageEvent } from '../../domain/roster';

/*
 * Reading and writing roster streams inside a command's transaction. EventStore.readStream reads
 * through the pool (outside the transaction), so streams are read here through the transaction's
 * own client: an import that reads 5,000 streams does it in one statement, and sees its own writes.
 */

export interface LoadedStream<S> {
  state: S;
  version: number;
}

async function readStreams(tx: PoolClient, ids: readonly string[]): Promise<Map<string, { version: number; events: { type: string; data: any }[] }>> {
  const out = new Map<string, { version: number; events: { type: string; data: any }[] }>();
  if (!ids.length) return out;
  const { rows } = await tx.query<{ stream_id: string; stream_version: number; type: string; data: any }>(
    'SELECT stream_id, stream_version, type, data FROM events WHERE stream_id = ANY ($1::text[]) ORDER BY stream_id, stream_version',
    [ids],
  );
  for (const r of rows) {
    const s = out.get(r.stream_id) ?? { version: 0, events: [] };
    s.version = r.stream_version;
    s.events.push({ type: r.type, data: r.data });
    out.set(r.stream_id, s);
  }
  return out;
}

export async function loadPersons(tx: PoolClient, personIds: readonly string[]): Promise<Map<string, LoadedStream<PersonState>>> {
  const streams = await readStreams(tx, personIds.map(personStream));
  return new Map(
    personIds.map((id) => {
      const s = streams.get(personStream(id));
      const state = (s?.events ?? []).reduce((st, e) => evolvePerson(st, e as PersonEvent), emptyPerson(id));
      return [id, { state, version: s?.version ?? 0 }];
    }),
  );
}

export async function loadVillages(tx: PoolClient, codes: readonly string[]): Promise<Map<string, LoadedStream<Holding[]>>> {
  const streams = await readStreams(tx, codes.map(villageStream));
  return new Map(
    codes.map((code) => {
      const s = streams.get(villageStream(code));
      return [code, { state: (s?.events ?? []).reduce<Holding[]>((h, e) => evolveVillage(h, e as VillageEvent), []), version: s?.version ?? 0 }];
    }),
  );
}

export async function appendTo(store: EventStore, tx: PoolClient, streamId: string, version: number, events: readonly { type: string; data: unknown }[], actor: Actor | null): Promise<void> {
  if (!events.length) return;
  await store.append(streamId, version === 0 ? 'no_stream' : version, events.map((e) => ({ type: e.type, data: e.data, metadata: { actor } })), { client: tx });
}

/**
 * Serialises commands on citizen ids: a transaction-level advisory lock per bucket of ids (256
 * buckets, taken in order, so two imports never deadlock and an import of 5,000 persons holds at
 * most 256 locks). Whoever comes second waits, then finds the first one's persons.
 */
export async function lockCitizenIds(tx: PoolClient, citizenIds: readonly string[]): Promise<void> {
  if (!citizenIds.length) return;
  await tx.query(
    `SELECT pg_advisory_xact_lock(hashtext('vetting.roster.citizen'), b)
       FROM (SELECT DISTINCT (hashtext(c) & 255) AS b FROM unnest($1::text[]) AS c ORDER BY 1) AS buckets`,
    [citizenIds],
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
