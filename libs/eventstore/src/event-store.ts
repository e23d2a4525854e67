import type { Pool, PoolClient } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { IntegrationEvent } from '@lw/domain';
import { APPEND_SQL, APPEND_WITH_OUTBOX_SQL, UNIQUE_STREAM_VERSION } from './append.sql';
import { EVENT_COLUMNS, EventRow, toStoredEvent } from './event-row';
import type { AllPosition, ExpectedVersion, NewEvent, Snapshot, StoredEvent } from './event.types';
import { readAllAfter } from './read-all';
import { WrongExpectedVersionError } from './wrong-expected-version.error';

export interface AppendOptions {
  /** Written to the outbox in the same transaction; only the outbox relay publishes them. */
  integrationEvents?: IntegrationEvent[];
  /** Append inside the caller's transaction (e.g. together with other writes). */
  client?: PoolClient;
}

/** Concurrent 'any' appends collide on the version too; retried this often when we own the transaction. */
const ANY_RETRIES = 100;

/** PostgreSQL event store on raw SQL. Works in whatever schema the pool's search_path names. */
export class EventStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Appends events to a stream if its version matches `expectedVersion`. Returns the stream's new
   * version (the last appended event's), to pass as the next expected version, and the writing
   * transaction's id (see Projector.waitPast). Throws
   * WrongExpectedVersionError on a conflict; with `client`, the caller's transaction is then
   * unusable (roll it back and retry the whole command).
   */
  async append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: NewEvent[],
    options: AppendOptions = {},
  ): Promise<{ nextVersion: number; txId: string }> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const expected = expectedVersion === 'any' ? null : expectedVersion === 'no_stream' ? 0 : expectedVersion;
    const now = new Date().toISOString();
    const payload = JSON.stringify(
      events.map((e) => ({
        type: e.type,
        typeVersion: e.typeVersion ?? 1,
        data: e.data ?? null,
        metadata: { ...e.metadata, occurredAt: e.metadata?.occurredAt ?? now },
        id: e.id ?? uuidv7(),
      })),
    );
    const integration = options.integrationEvents ?? [];
    const sql = integration.length > 0 ? APPEND_WITH_OUTBOX_SQL : APPEND_SQL;
    const params: unknown[] = [streamId, payload, expected];
    if (integration.length > 0) params.push(JSON.stringify(integration));
    const db = options.client ?? this.pool;

    for (let attempt = 1; ; attempt++) {
      let version: number | null;
      let txId: string;
      try {
        // Named: each connection parses and plans the statement once (its search_path, and so its
        // schema, is fixed per pool), which is most of the cost of a one-event append.
        const { rows } = await db.query<{ version: number | null; tx_id: string }>({ name: integration.length > 0 ? 'lw_append_outbox' : 'lw_append', text: sql, values: params });
        version = rows[0].version;
        txId = rows[0].tx_id;
      } catch (err) {
        if ((err as { constraint?: string }).constraint !== UNIQUE_STREAM_VERSION) throw err;
        if (expected === null && !options.client && attempt < ANY_RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
          continue;
        }
        throw new WrongExpectedVersionError(streamId, expectedVersion, await this.currentVersion(this.pool, streamId));
      }
      if (version !== null) return { nextVersion: version, txId };
      const actual = await this.currentVersion(db, streamId);
      const detail =
        expected === actual ? 'the transaction began before the previous event was committed; retry in a new transaction' : undefined;
      throw new WrongExpectedVersionError(streamId, expectedVersion, actual, detail);
    }
  }

  /**
   * The stream's events from `fromVersion` (1-based, inclusive), in version order. With `client`,
   * read inside the caller's transaction: a handler holding a transaction must not wait for a
   * second pool connection (enough such handlers at once exhaust the pool and hang).
   */
  async readStream(streamId: string, fromVersion = 1, client?: PoolClient): Promise<StoredEvent[]> {
    const { rows } = await (client ?? this.pool).query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version`,
      [streamId, fromVersion],
    );
    return rows.map(toStoredEvent);
  }

  /** Whether the stream has any event (inside the caller's transaction with `client`). */
  async streamExists(streamId: string, client?: PoolClient): Promise<boolean> {
    const { rowCount } = await (client ?? this.pool).query('SELECT 1 FROM events WHERE stream_id = $1 LIMIT 1', [streamId]);
    return (rowCount ?? 0) > 0;
  }

  /** Several streams' events at once, each in version order; a stream without events is absent. */
  async readStreams(streamIds: readonly string[], client?: PoolClient): Promise<Map<string, StoredEvent[]>> {
    const streams = new Map<string, StoredEvent[]>();
    if (streamIds.length === 0) return streams;
    const { rows } = await (client ?? this.pool).query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, stream_version`,
      [streamIds],
    );
    for (const row of rows) {
      const list = streams.get(row.stream_id) ?? [];
      list.push(toStoredEvent(row));
      streams.set(row.stream_id, list);
    }
    return streams;
  }

  /**
   * Events of one type across streams, for the rare question no read model may answer late (e.g.
   * whether a blob is still referenced before deleting it): `dataContains` is a jsonb containment
   * on the event's data; `streamHas`/`streamLacks` keep streams that do / do not also hold an event
   * of that type; in stream order, at most `limit`.
   */
  async eventsWhere(q: {
    type: string;
    dataContains?: unknown;
    streamHas?: string;
    streamLacks?: string;
    exceptStream?: string;
    limit?: number;
  }): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events r
        WHERE r.type = $1
          AND ($2::jsonb IS NULL OR r.data @> $2::jsonb)
          AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM events e WHERE e.stream_id = r.stream_id AND e.type = $3))
          AND ($4::text IS NULL OR NOT EXISTS (SELECT 1 FROM events e WHERE e.stream_id = r.stream_id AND e.type = $4))
          AND ($5::text IS NULL OR r.stream_id <> $5)
        ORDER BY r.stream_id, r.stream_version
        LIMIT $6`,
      [q.type, q.dataContains === undefined ? null : JSON.stringify(q.dataContains), q.streamHas ?? null, q.streamLacks ?? null, q.exceptStream ?? null, q.limit ?? null],
    );
    return rows.map(toStoredEvent);
  }

  /** Up to `limit` events after `after` in gap-safe order; `next` is the checkpoint to store. See read-all.ts. */
  readAll(after: AllPosition, limit: number): Promise<{ events: StoredEvent[]; next: AllPosition }> {
    return readAllAfter(this.pool, after, limit);
  }

  /** Keeps the newest snapshot per stream; a different schemaVersion always replaces it. */
  async saveSnapshot<S>(streamId: string, version: number, state: S, schemaVersion = 1, client?: PoolClient): Promise<void> {
    await (client ?? this.pool).query(
      `INSERT INTO snapshots (stream_id, version, state, schema_version) VALUES ($1, $2, $3, $4)
       ON CONFLICT (stream_id) DO UPDATE
         SET version = excluded.version, state = excluded.state, schema_version = excluded.schema_version,
             created_at = now()
       WHERE snapshots.version < excluded.version OR snapshots.schema_version <> excluded.schema_version`,
      [streamId, version, JSON.stringify(state), schemaVersion],
    );
  }

  /** The stream's snapshot, or null if none or (when schemaVersion is given) of another shape. */
  async loadSnapshot<S = any>(streamId: string, schemaVersion?: number, client?: PoolClient): Promise<Snapshot<S> | null> {
    const { rows } = await (client ?? this.pool).query<{ version: number; state: S; schema_version: number }>(
      'SELECT version, state, schema_version FROM snapshots WHERE stream_id = $1',
      [streamId],
    );
    const row = rows[0];
    if (!row || (schemaVersion !== undefined && row.schema_version !== schemaVersion)) return null;
    return { streamId, version: row.version, state: row.state, schemaVersion: row.schema_version };
  }

  private async currentVersion(db: Pool | PoolClient, streamId: string): Promise<number> {
    const { rows } = await db.query<{ v: number }>(
      'SELECT coalesce(max(stream_version), 0) AS v FROM events WHERE stream_id = $1',
      [streamId],
    );
    return rows[0].v;
  }
}
