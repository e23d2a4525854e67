import type { PoolClient } from 'pg';
import { In, type DataSource } from 'typeorm';
import { readModelManager } from '@lw/db';
import { CitizenIdClaims } from '../../application/roster/citizen-id-claims';
import { RosterCitizenIdRecord } from './roster-citizen-ids.entity';

/** Citizen-id claims through TypeORM on the writer's transaction; the locks are PostgreSQL advisory locks. */
export class PgCitizenIdClaims extends CitizenIdClaims {
  constructor(private readonly readModels: DataSource) {
    super();
  }

  /**
   * A transaction-level advisory lock per bucket of citizen ids and of village codes (256 buckets
   * each, all taken in one ordered statement, so two writers never deadlock and an import of 5,000
   * persons holds at most 512 locks). Raw SQL: advisory locks have no TypeORM form.
   */
  async lock(tx: PoolClient, keys: { citizenIds?: readonly string[]; villageCodes?: readonly string[] }): Promise<void> {
    const citizenIds = keys.citizenIds ?? [];
    const villageCodes = keys.villageCodes ?? [];
    if (!citizenIds.length && !villageCodes.length) return;
    await tx.query(
      `SELECT pg_advisory_xact_lock(k, b)
         FROM (SELECT DISTINCT hashtext('vetting.roster.citizen') AS k, (hashtext(c) & 255) AS b FROM unnest($1::text[]) AS c
               UNION SELECT hashtext('vetting.roster.village'), (hashtext(v) & 255) FROM unnest($2::text[]) AS v
               ORDER BY 1, 2) AS buckets`,
      [citizenIds, villageCodes],
    );
  }

  async claimed(tx: PoolClient, citizenIds: readonly string[]): Promise<Map<string, string>> {
    if (!citizenIds.length) return new Map();
    const rows = await readModelManager(this.readModels, tx).getRepository(RosterCitizenIdRecord).findBy({ citizenId: In([...citizenIds]) });
    return new Map(rows.map((r) => [r.citizenId, r.personId]));
  }

  async claim(tx: PoolClient, claims: readonly { citizenId: string; personId: string }[]): Promise<void> {
    if (!claims.length) return;
    await readModelManager(this.readModels, tx).createQueryBuilder().insert().into(RosterCitizenIdRecord).values(claims.map((c) => ({ citizenId: c.citizenId, personId: c.personId }))).execute();
  }
}
