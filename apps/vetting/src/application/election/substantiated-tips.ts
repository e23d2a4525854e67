import type { PoolClient } from 'pg';
import type { SubstantiatedTipFact } from '../../domain/rules';

/**
 * Tips the tip-line concluded as (partly) substantiated against a nominee, matched by name within the
 * nominee's village (tips carry no id numbers). They join the person's facts for the rules engine.
 * On PostgreSQL in infrastructure/election.
 */
export abstract class SubstantiatedTips {
  /** Each person's tips, oldest conclusion first; in `tx` when given. */
  abstract of(personIds: readonly string[], tx?: PoolClient): Promise<Map<string, SubstantiatedTipFact[]>>;

  /** Idempotent: a redelivered conclusion adds nothing. Returns whether it was new. */
  abstract add(tx: PoolClient, personId: string, fact: SubstantiatedTipFact): Promise<boolean>;
}
