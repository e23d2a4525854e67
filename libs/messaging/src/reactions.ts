import type { PoolClient } from 'pg';
import type { ContractRegistry, IntegrationEvent, IntegrationPayload, IntegrationType } from '@lw/domain';
import type { IntegrationHandler } from './bus.port';

/** A service's reaction to one contract: the payload decoded and checked against its latest schema. */
export type Reaction<T extends IntegrationType> = (payload: IntegrationPayload<T>, event: IntegrationEvent<IntegrationPayload<T>>, tx: PoolClient) => Promise<void>;

/** What a service handles, by contract type. */
export type Reactions = { [T in IntegrationType]?: Reaction<T> };

export interface Consumption {
  /** Derived from the handled types: the producers whose topics to read. */
  producers: string[];
  types: IntegrationType[];
  handle: IntegrationHandler;
}

/**
 * Derives a service's subscription from the events it declares it handles: the producers to read,
 * the decoding (a payload that breaks its contract throws, and the bus dead-letters it at once), and
 * the dispatch. Events of other types from the same producers are skipped.
 */
export function reactionsTo(reactions: Reactions, contracts: ContractRegistry): Consumption {
  const types = Object.keys(reactions) as IntegrationType[];
  const producers = [...new Set(types.map((t) => t.slice(0, t.indexOf('.'))))];
  return {
    producers,
    types,
    handle: async (raw, tx) => {
      const reaction = reactions[raw.type as IntegrationType] as Reaction<IntegrationType> | undefined;
      if (!reaction) return;
      const event = contracts.decode(raw) as IntegrationEvent<IntegrationPayload<IntegrationType>>;
      await reaction(event.payload, event, tx);
    },
  };
}
