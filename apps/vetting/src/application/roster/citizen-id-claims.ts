import type { PoolClient } from 'pg';

/**
 * The citizen-id claims that make a person id unique, and the locks that serialise imports and
 * person records. Always in the writer's transaction; on PostgreSQL in infrastructure/roster.
 */
export abstract class CitizenIdClaims {
  /**
   * Whoever comes second waits for the first writer of any of these citizen ids or villages, then
   * reads its persons and holdings: imports never collide on a stream.
   */
  abstract lock(tx: PoolClient, keys: { citizenIds?: readonly string[]; villageCodes?: readonly string[] }): Promise<void>;

  /** The persons already claiming these citizen ids (citizen id → person id). */
  abstract claimed(tx: PoolClient, citizenIds: readonly string[]): Promise<Map<string, string>>;

  abstract claim(tx: PoolClient, claims: readonly { citizenId: string; personId: string }[]): Promise<void>;
}
