import { Pool } from 'pg';

/**
 * A read-only look into vetting's schema for what no HTTP endpoint shows: the evidence a
 * disqualification was recorded with.
 */
export interface DbProbes {
  /** The evidence of every NomineeDisqualified of one village election, as recorded by vetting. */
  disqualificationEvidence(electionId: string, village: string): Promise<{ nomineeId: string; evidence: unknown }[]>;
  close(): Promise<void>;
}

export function dbProbes(databaseUrl: string): DbProbes {
  const pool = new Pool({ connectionString: databaseUrl, max: 1, application_name: 'scenario:probe' });
  pool.on('error', () => undefined);
  return {
    async disqualificationEvidence(electionId, village) {
      const { rows } = await pool.query(`SELECT data FROM vetting.events WHERE stream_id = $1 AND type = 'NomineeDisqualified' ORDER BY stream_version`, [
        `village-election-${electionId}-${village}`,
      ]);
      return rows.map((r) => ({ nomineeId: r.data.nomineeId, evidence: r.data.evidence }));
    },
    close: () => pool.end(),
  };
}
