import { v7 } from 'uuid';
import type { Actor, IntegrationEvent } from './envelope';

export interface NewEnvelopeInput<P> {
  type: string;
  version: number;
  producer: string;
  villageCode: string | null;
  actor: Actor | null;
  payload: P;
  /** Defaults to the cause's correlation id, else to the new event's own id. */
  correlationId?: string;
  /** Defaults to the cause's id, else null. */
  causationId?: string | null;
  /** The event this one reacts to: supplies correlation and causation. */
  causedBy?: Pick<IntegrationEvent, 'id' | 'correlationId'>;
  /** For tests and replays; defaults to now. */
  occurredAt?: Date;
}

/** A fresh envelope: UUIDv7 id, occurredAt in UTC ISO-8601. Validate with the registry before publishing. */
export function newEnvelope<P>(input: NewEnvelopeInput<P>): IntegrationEvent<P> {
  const id = v7();
  return {
    id,
    type: input.type,
    version: input.version,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    producer: input.producer,
    villageCode: input.villageCode,
    correlationId: input.correlationId ?? input.causedBy?.correlationId ?? id,
    causationId: input.causationId !== undefined ? input.causationId : (input.causedBy?.id ?? null),
    actor: input.actor,
    payload: input.payload,
  };
}
