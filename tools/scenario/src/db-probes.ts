import { Pool } from 'pg';

/**
 * Read-only looks into the services' schemas for what no HTTP endpoint shows: whether the tip-line
 * holds a public notice yet, and the evidence a disqualification was recorded with.
 */
export interface DbProbes {
  noticeAtTipline(noticeId: string): Promise<boolean>;
  /** The evidence of every NomineeDisqualified of one village election, as recorded by vetting. */
  disqualificationEvidence(electionId: string, village: string): Promise<{ nomineeId: string; evidence: unknown }[]>;
  close(): Promise<void>;
}

export function dbProbes(databaseUrl: string): DbProbes {
  const pool = new Pool({ connectionString: databaseUrl, max: 1, application_name: 'scenario:probe' });
  pool.on('error', () => undefined);
  return {
    noticeAtTipline: async (noticeId) => (await pool.query('SELECT 1 FROM tipline.public_notices WHERE notice_id = $1', [noticeId])).rowCount === 1,
    async disqualificationEvidence(electionId, village) {
      const { rows } = await pool.query(`SELECT data FROM vetting.events WHERE stream_id = $1 AND type = 'NomineeDisqualified' ORDER BY stream_version`, [
        `village-election-${electionId}-${village}`,
      ]);
      return rows.map((r) => ({ nomineeId: r.data.nomineeId, evidence: r.data.evidence }));
    },
    close: () => pool.end(),
  };
}
