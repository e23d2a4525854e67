import type { Pool } from 'pg';
import { shanghaiDateOf } from '@lw/domain';
import { PublicNoticeBoard, type PublicNoticeRow } from '../../application/ports/public-notice-board.port';

export interface PlaceNames {
  /** The village's and its township's names; null for a code the deployment does not know. */
  placeOf(villageCode: string): { villageName: string; townshipName: string | null } | null;
  /** The LIKE prefix of a township or village code (significant digits), or null when unknown. */
  prefixOf(code: string): string | null;
}

/**
 * Candidates under a notice running today (started, not past its last day, not ended early), from
 * the tables vetting's events fill. Paginated; ordered by the notice's end, then village and post.
 */
export class PublicNotices extends PublicNoticeBoard {
  constructor(
    private readonly pool: Pool,
    private readonly places: PlaceNames,
  ) {
    super();
  }

  async running(q: { within?: string; page: number; pageSize: number; now?: Date }): Promise<{ total: number; page: number; pageSize: number; rows: PublicNoticeRow[] }> {
    const today = shanghaiDateOf(q.now ?? new Date());
    const params: unknown[] = [today];
    let where = 'n.starts_on <= $1 AND n.ends_on >= $1 AND n.ended_on IS NULL';
    if (q.within) {
      const prefix = this.places.prefixOf(q.within);
      if (prefix === null) return { total: 0, page: q.page, pageSize: q.pageSize, rows: [] };
      params.push(`${prefix}%`);
      where += ` AND n.village_code LIKE $${params.length}`;
    }
    const count = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM public_notices n JOIN notice_candidates c USING (notice_id) WHERE ${where}`, params);
    params.push(q.pageSize, (q.page - 1) * q.pageSize);
    const { rows } = await this.pool.query<{ village_code: string; ends_on: string; name: string; post: string | null }>(
      `SELECT n.village_code, to_char(n.ends_on, 'YYYY-MM-DD') AS ends_on, c.name, c.post
         FROM public_notices n JOIN notice_candidates c USING (notice_id)
        WHERE ${where}
        ORDER BY n.ends_on, n.village_code, c.post NULLS LAST, c.name
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return {
      total: Number(count.rows[0].n),
      page: q.page,
      pageSize: q.pageSize,
      rows: rows.map((r) => {
        const place = this.places.placeOf(r.village_code);
        return { villageCode: r.village_code, villageName: place?.villageName ?? r.village_code, townshipName: place?.townshipName ?? null, post: r.post, name: r.name, endsOn: r.ends_on };
      }),
    };
  }
}
