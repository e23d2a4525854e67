/**
 * One statement per append, so an append outside a caller's transaction costs one round trip and
 * is still atomic. The version check and the insert share the statement's snapshot; two writers
 * that both pass the check collide on UNIQUE (stream_id, stream_version), and the loser waits for
 * the winner's commit and then fails with 23505. An expected version that does not match inserts
 * nothing (no gap can be created by a too-high expectation).
 *
 * The tx_id guard refuses to put a version behind its predecessor in read-all order: it can only
 * fail when a caller-supplied transaction got its id before the predecessor's transaction did.
 */
const HEAD_AND_INSERT = `
  WITH last AS (
    SELECT stream_version, tx_id FROM events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1
  ), head AS (
    SELECT coalesce((SELECT stream_version FROM last), 0) AS version, (SELECT tx_id FROM last) AS tx_id
  ), ins AS (
    INSERT INTO events (stream_id, stream_version, type, type_version, data, metadata, event_id)
    SELECT $1, head.version + e.ord, e.x->>'type', (e.x->>'typeVersion')::int, e.x->'data', e.x->'metadata',
           (e.x->>'id')::uuid
      FROM head, jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(x, ord)
     WHERE ($3::int IS NULL OR head.version = $3::int)
       AND (head.tx_id IS NULL OR head.tx_id <= pg_current_xact_id())
     ORDER BY e.ord
    RETURNING stream_version
  )`;

export const APPEND_SQL = `${HEAD_AND_INSERT}
  SELECT max(stream_version) AS version, pg_current_xact_id()::text AS tx_id FROM ins`;

/** tx_id: the writing transaction, for read-your-writes (Projector.waitPast). */

/** The same, plus the outbox rows, written only if the events were; NOTIFY is delivered at commit. */
export const APPEND_WITH_OUTBOX_SQL = `${HEAD_AND_INSERT}, ob AS (
    INSERT INTO outbox (event_id, envelope, partition_key)
    SELECT (o.x->>'id')::uuid, o.x, o.x->>'villageCode'
      FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS o(x, ord)
     WHERE EXISTS (SELECT 1 FROM ins)
     ORDER BY o.ord
    RETURNING id
  )
  SELECT (SELECT max(stream_version) FROM ins) AS version, pg_current_xact_id()::text AS tx_id,
         CASE WHEN EXISTS (SELECT 1 FROM ob) THEN pg_notify('outbox', current_schema()) END AS notified`;

export const UNIQUE_STREAM_VERSION = 'events_stream_version_key';
