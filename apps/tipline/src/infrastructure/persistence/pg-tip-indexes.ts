import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { readModelManager } from '@lw/db';
import type { NoticeCandidate, TipIndexes } from '../../application/tip-indexes.port';
import { NoticeCandidateRecord } from '../read-model/notice-candidates.entity';
import { PublicNoticeRecord } from '../read-model/public-notices.entity';

/**
 * Receipts and matters are command-side tables in plain SQL (the matter's advisory lock and
 * conditional upsert have no entity form); the public notices are read-model entities, written and
 * read on the caller's transaction (the inbox's, the submission's) through readModelManager.
 */
export class PgTipIndexes implements TipIndexes {
  constructor(
    private readonly pool: Pool,
    private readonly readModels: DataSource,
  ) {}

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
    return readModelManager(this.readModels, db)
      .createQueryBuilder(NoticeCandidateRecord, 'c')
      .innerJoin(PublicNoticeRecord, 'n', 'n.noticeId = c.noticeId')
      .select('n.noticeId', 'noticeId')
      .addSelect('n.villageCode', 'villageCode')
      .addSelect(`to_char(n.endsOn, 'YYYY-MM-DD')`, 'endsOn')
      .addSelect('c.name', 'name')
      .addSelect('c.citizenId', 'citizenId')
      .addSelect('c.candidateId', 'candidateId')
      .where('n.villageCode IN (:...villageCodes)', { villageCodes })
      .andWhere('n.startsOn <= :today AND n.endsOn >= :today AND n.endedOn IS NULL', { today })
      .getRawMany<NoticeCandidate>();
  }

  async saveNotice(
    tx: PoolClient,
    n: { noticeId: string; villageCode: string; startsOn: string; endsOn: string; candidates: { candidateId: string; name: string; citizenId: string | null; post: string | null }[] },
  ): Promise<void> {
    const manager = readModelManager(this.readModels, tx);
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(PublicNoticeRecord)
      .values({ noticeId: n.noticeId, villageCode: n.villageCode, startsOn: n.startsOn, endsOn: n.endsOn })
      .orIgnore()
      .returning(['noticeId'])
      .execute();
    // A redelivered notice finds its row (ON CONFLICT DO NOTHING returns none): its candidates are in already.
    if ((inserted.raw as unknown[]).length === 0 || n.candidates.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(NoticeCandidateRecord)
      .values(n.candidates.map((c) => ({ noticeId: n.noticeId, name: c.name, citizenId: c.citizenId, candidateId: c.candidateId, post: c.post })))
      .execute();
  }

  async endNotice(tx: PoolClient, noticeId: string, endedOn: string): Promise<void> {
    await readModelManager(this.readModels, tx).update(PublicNoticeRecord, { noticeId }, { endedOn });
  }
}
