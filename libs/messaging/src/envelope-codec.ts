import { z } from 'zod';
import type { IntegrationEvent } from '@lw/domain';

/**
 * The contract check a consumer applies after the envelope parses: throw for an unknown type or
 * version or an invalid payload (the message is dead-lettered, never retried: it cannot get
 * better); return the event, possibly upcast to the version the consumer understands.
 */
export type ContractCheck = (event: IntegrationEvent) => IntegrationEvent;

const actorSchema = z.object({
  userId: z.string().min(1),
  roles: z.array(z.string()),
  node: z.string().min(1),
  ip: z.string().optional(),
});

const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().regex(/^[a-z][a-z0-9-]*\.[A-Za-z][A-Za-z0-9]*$/, 'type must be "<producer>.<EventName>"'),
  version: z.number().int().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  producer: z.string().min(1),
  villageCode: z.string().min(1).nullable(),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  actor: actorSchema.nullable(),
  payload: z.unknown(),
});

export class UndecodableMessageError extends Error {
  override readonly name = 'UndecodableMessageError';
}

export function encodeEnvelope(event: IntegrationEvent): string {
  return JSON.stringify(event);
}

/** Parses and validates a raw message; throws UndecodableMessageError when it is not a valid envelope. */
export function decodeEnvelope(raw: string | Buffer | null, check?: ContractCheck): IntegrationEvent {
  if (raw === null) throw new UndecodableMessageError('message has no value');
  let json: unknown;
  try {
    json = JSON.parse(raw.toString());
  } catch (err) {
    throw new UndecodableMessageError(`message is not JSON: ${(err as Error).message}`);
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    throw new UndecodableMessageError(`invalid envelope: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  }
  const event = parsed.data as IntegrationEvent;
  if (!check) return event;
  try {
    return check(event);
  } catch (err) {
    throw new UndecodableMessageError(`contract check failed for ${event.type} v${event.version}: ${(err as Error).message}`);
  }
}

/** Best-effort id and type of a message that failed to decode, for the dead-letter record. */
export function peekIdentity(raw: string): { id: string | null; type: string | null } {
  try {
    const v = JSON.parse(raw) as { id?: unknown; type?: unknown };
    return { id: typeof v.id === 'string' ? v.id : null, type: typeof v.type === 'string' ? v.type : null };
  } catch {
    return { id: null, type: null };
  }
}
