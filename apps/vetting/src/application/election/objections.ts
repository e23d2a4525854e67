import type { PoolClient } from 'pg';

/** A tip-line objection to one of our notices, and the village election stream it blocks. */
export interface Objection {
  tipId: string;
  streamId: string;
  noticeId: string;
}

/**
 * The objections vetting has heard of, kept so a later decision on the tip (not accepted,
 * concluded) finds its election. Written and read in the inbox transaction; on PostgreSQL in
 * infrastructure/election.
 */
export abstract class Objections {
  /** Idempotent: a repeated receipt or an acceptance keeps the first. */
  abstract record(objection: Objection, tx: PoolClient): Promise<void>;

  /** The election stream a tip objects to; undefined when the tip is no objection of ours. */
  abstract streamOf(tipId: string, tx: PoolClient): Promise<string | undefined>;
}
