/** Who caused an event: the authenticated user, their roles and the hierarchy node they act in. */
export interface Actor {
  userId: string;
  roles: string[];
  /** 12-digit (or shorter, for county/township scopes) division code the user is bound to. */
  node: string;
  /** Client address, when the command came over HTTP. */
  ip?: string;
}

/**
 * The envelope every integration event travels in between services (Kafka or in-process).
 * Never carries a reporter's identity: payload contracts are validated at publish and consume.
 */
export interface IntegrationEvent<P = unknown> {
  /** UUIDv7: unique, and roughly ordered by creation time. */
  id: string;
  /** Contract name, "<producer>.<EventName>", e.g. "tipline.TipReceived". */
  type: string;
  /** Contract version of the payload, starting at 1. */
  version: number;
  /** ISO-8601 instant in UTC. */
  occurredAt: string;
  /** Producing service: "vetting" | "tipline" | "auditing" | "grievance" (also the topic). */
  producer: string;
  /** Partition key: one village's events stay ordered. Null for county-wide events. */
  villageCode: string | null;
  correlationId: string;
  causationId: string | null;
  actor: Actor | null;
  payload: P;
}
