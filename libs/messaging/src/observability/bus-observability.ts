/**
 * What an operator needs to see of a bus, read at scrape time (never on the request path). Kept
 * apart from IntegrationBus so the bus contract every adapter passes does not change.
 */
export interface ConsumerReading {
  consumer: string;
  /** Messages published but not yet handled by this consumer; null when it cannot be read now. */
  lag: number | null;
  /** Messages this process is handling right now for the consumer. */
  inFlight: number;
  /** Messages given up for this consumer so far; null when it cannot be read now. */
  deadLetters: number | null;
}

export interface BusObservability {
  /** Per-consumer readings for the given consumers (those subscribed through this bus). */
  consumerReadings(consumers: readonly string[]): Promise<ConsumerReading[]>;
  /** Resolves when the transport answers a round trip now; rejects with the reason otherwise. */
  checkConnection(): Promise<void>;
}

export function isObservableBus(bus: unknown): bus is BusObservability {
  const b = bus as Partial<BusObservability> | null;
  return typeof b?.consumerReadings === 'function' && typeof b?.checkConnection === 'function';
}
