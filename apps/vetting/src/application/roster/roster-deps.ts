import type { Pool } from 'pg';
import type { LocalDate } from '@lw/domain';
import type { EventStore } from '@lw/eventstore';
import type { Hierarchy, Jurisdiction } from '@lw/hierarchy';
import type { CitizenIdClaims } from './citizen-id-claims';
import type { ReachReader } from './person-reach';

/** What the roster's handlers share (built by rosterRuntime; an abstract class so Nest can inject it). */
export abstract class RosterDeps {
  abstract readonly pool: Pool;
  abstract readonly store: EventStore;
  abstract readonly hierarchy: Hierarchy;
  abstract readonly jurisdiction: Jurisdiction;
  /** Citizen-id claims and the roster's write locks, in the writer's transaction. */
  abstract readonly citizenIds: CitizenIdClaims;
  /** The roster read model's villages of each person (RosterPort.reachOf): read through personReach. */
  abstract readonly reachOf: ReachReader;
  /** Today in Asia/Shanghai. */
  abstract today(): LocalDate;
  abstract newId(): string;
  /** After transaction `txId` committed (null: nothing written): the read model is brought past it, so the clerk reads what was just written. */
  abstract readYourWrites(txId: string | null): Promise<void>;
}
