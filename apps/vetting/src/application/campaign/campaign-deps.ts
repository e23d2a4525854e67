import type { ContractRegistry } from '@lw/domain';
import type { EventStore } from '@lw/eventstore';

/** What the campaign handlers share (built by campaignRuntime; an abstract class so Nest can inject it). */
export abstract class CampaignDeps {
  abstract readonly store: EventStore;
  abstract readonly contracts: ContractRegistry;
  abstract now(): Date;
  /** After transaction `txId` committed (null: nothing written): the read model has applied it; never fails the command. */
  abstract readYourWrites(txId: string | null): Promise<void>;
}
