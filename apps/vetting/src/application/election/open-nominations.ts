import type { PoolClient } from 'pg';

export interface OpenNomination {
  streamId: string;
  nomineeId: string;
  personId: string;
}

/** The board's open nominations (not out, the village not handed over), as a tip naming a person finds them; on PostgreSQL in infrastructure/election. */
export abstract class OpenNominations {
  /** Open nominations of persons called `name` in the village (tips carry no id numbers). */
  abstract named(villageCode: string, name: string, tx: PoolClient): Promise<OpenNomination[]>;
}
