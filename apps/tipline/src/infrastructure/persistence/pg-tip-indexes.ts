import type { Pool, PoolClient } from 'pg';
import type { NoticeCandidate, TipIndexes } from '../../application/tip-indexes.port';

export class PgTipIndexes implements TipIndexes {
  constructor(private readonly pool: Pool) {}

  async saveReceipt(tx: PoolClient, locator: string, tipId: string, hash: string): Promise<void> {
    await tx.query('INSERT INTO receipts (locator, tip_id, hash) VALUES ($1, $2, $3)', [locator, tipId, hash]);
  }

  async findReceipt(locator: string): Promise<{ tipId: string; hash: string } | null> {
    const { rows } = await this.pool.query<{ tip_id: string; hash: string }>('SELECT tip_id, hash FROM receipts WHERE locator = $1', [locator]);
    return rows[0] ? { tipId: rows[0].tip_id, hash: rows[0].hash } : null;
  }

  /**
   * Tips of the same matter queue on an advisory lock taken before the transaction's first write: a
   * tip that waited gets its transaction id after the earlier one committed, so its RepeatLinked can
   * follow the earlier tip's in read-all order (the event store refuses an append that would not).
   */
  async registerMatter(tx: PoolClient, key: string, tipId: string, at: Date, windowEndsAt: Date): Promise<string | null> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('tip_matters'), hashtext($1))`, [key]);
    const { rows } = await tx.query<{ first_tip_id: string }>(
      `INSERT INTO tip_matters AS m (matter_key, first_tip_id, opened_at, window_ends_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (matter_key) DO UPDATE SET
         first_tip_id   = CASE WHEN m.window_ends_at <= EXCLUDED.opened_at THEN EXCLUDED.first_tip_id ELSE m.first_tip_id END,
         repeats        = CASE WHEN m.window_ends_at <= EXCLUDED.opened_at THEN 0 ELSE m.repeats + 1 END,
         window_ends_at = CASE WHEN m.window_ends_at <= EXCLUDED.opened_at THEN EXCLUDED.window_ends_at ELSE m.window_ends_at END,
         opened_at      = CASE WHEN m.window_ends_at <= EXCLUDED.opened_at THEN EXCLUDED.opened_at ELSE m.opened_at END
       RETURNING first_tip_id`,
      [key, tipId, at, windowEndsAt],
    );
    return rows[0].first_tip_id === tipId ? null : rows[0].first_tip_id;
  }

  async candidatesUnderNotice(villageCodes: string[], today: string, db?: PoolClient): Promise<NoticeCandidate[]> {
    if (villageCodes.length === 0) return [];
    const { rows } = await (db ?? this.pool).query<{ notice_id: string; village_code: string; ends_on: string; name: string; citizen_id: string | null; candidate_id: string | null }>(
      `SELECT n.notice_id, n.village_code, to_char(n.ends_on, 'YYYY-MM-DD') AS ends_on, c.name, c.citizen_id, c.candidate_id
         FROM public_notices n JOIN notice_candidates c USING (notice_id)
        WHERE n.village_code = ANY($1) AND n.starts_on <= $2 AND n.ends_on >= $2 AND n.ended_on IS NULL`,
      [villageCodes, today],
    );
    return rows.map((r) => ({ noticeId: r.notice_id, villageCode: r.village_code, endsOn: r.ends_on, name: r.name, citizenId: r.citizen_id, candidateId: r.candidate_id }));
  }

  async saveNotice(
    tx: PoolClient,
    n: { noticeId: string; villageCode: string; startsOn: string; endsOn: string; candidates: { candidateId: string; name: string; citizenId: string | null; post: string | null }[] },
  ): Promise<void> {
    const { rowCount } = await tx.query(
      `INSERT INTO public_notices (notice_id, village_code, starts_on, ends_on) VALUES ($1, $2, $3, $4) ON CONFLICT (notice_id) DO NOTHING`,
      [n.noticeId, n.villageCode, n.startsOn, n.endsOn],
    );
    if (!rowCount) return;
    for (const c of n.candidates) {
      await tx.query('INSERT INTO notice_candidates (notice_id, name, citizen_id, candidate_id, post) VALUES ($1, $2, $3, $4, $5)', [
        n.noticeId,
        c.name,
        c.citizenId,
        c.candidateId,
        c.post,
      ]);
    }
  }

  async endNotice(tx: PoolClient, noticeId: string, endedOn: string): Promise<void> {
    await tx.query('UPDATE public_notices SET ended_on = $2 WHERE notice_id = $1', [noticeId, endedOn]);
  }
}
