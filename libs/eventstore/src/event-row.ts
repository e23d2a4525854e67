import type { StoredEvent } from './event.types';

/** Column list shared by every event read; bigints and xid8 come back as strings. */
export const EVENT_COLUMNS = `position::text AS position, stream_id, stream_version, type, type_version, data,
  metadata, event_id::text AS event_id, created_at, tx_id::text AS tx_id`;

export interface EventRow {
  position: string;
  stream_id: string;
  stream_version: number;
  type: string;
  type_version: number;
  data: unknown;
  metadata: StoredEvent['metadata'];
  event_id: string;
  created_at: Date;
  tx_id: string;
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    position: row.position,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    type: row.type,
    typeVersion: row.type_version,
    data: row.data,
    metadata: row.metadata,
    id: row.event_id,
    createdAt: row.created_at,
    txId: row.tx_id,
  };
}
