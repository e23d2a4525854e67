import type { Actor } from '@lw/domain';

/** Who and what caused an event; the event log doubles as the audit trail. */
export interface EventMetadata {
  actor?: Actor | null;
  correlationId?: string;
  causationId?: string | null;
  /** ISO-8601 instant in UTC; append fills it in when absent. */
  occurredAt?: string;
  [key: string]: unknown;
}

export interface NewEvent {
  type: string;
  /** Payload schema version for upcasting; 1 when absent. */
  typeVersion?: number;
  data: unknown;
  metadata?: EventMetadata;
  /** UUIDv7 generated when absent. */
  id?: string;
}

export interface StoredEvent {
  /** Global position (bigint as string). Unique, but NOT the read-all order: see AllPosition. */
  position: string;
  streamId: string;
  streamVersion: number;
  type: string;
  typeVersion: number;
  data: any;
  metadata: EventMetadata;
  id: string;
  createdAt: Date;
  /** Id of the writing transaction (xid8 as string); with position, the read-all order. */
  txId: string;
}

/** 'no_stream': the stream must not exist; 'any': no check; n: the stream's current version is n (0 = new). */
export type ExpectedVersion = number | 'no_stream' | 'any';

/** A place in the read-all order, which is (txId, position): both bigints as strings. */
export interface AllPosition {
  txId: string;
  position: string;
}

export const ALL_START: AllPosition = Object.freeze({ txId: '0', position: '0' });

export interface Snapshot<S = any> {
  streamId: string;
  /** Stream version the state includes. */
  version: number;
  state: S;
  /** Version of the state's shape; a snapshot of another shape is ignored (full replay instead). */
  schemaVersion: number;
}
