import type { DataSource, Repository } from 'typeorm';
import { shanghaiDateOf } from '@lw/domain';
import { subtreePattern } from '@lw/hierarchy';
import { PublicNoticeBoard, type PublicNoticeRow } from '../../application/ports/public-notice-board.port';
import { NoticeCandidateRecord } from './notice-candidates.entity';
import { PublicNoticeRecord } from './public-notices.entity';

export interface PlaceNames {
  /** The village's and its township's names; null for a code the deployment does not know. */
  placeOf(villageCode: string): { villageName: string; townshipName: string | null } | null;
  /** A township or village of the deployment by its code (significant digits), or null when unknown or outside. */
  codeInDeployment(code: string): string | null;
}

/**
 * Candidates under a notice running today (started, not past its last day, not ended early), from
 * the tables vetting's events fill. Paginated; ordered by the notice's end, then village and post.
 */
export class PublicNotices extends PublicNoticeBoard {
  private readonly candidates: Repository<NoticeCandidateRecord>;

  constructor(
    readModels: DataSource,
    private readonly places: PlaceNames,
  ) {
    super();
    this.candidates = readModels.getRepository(NoticeCandidateRecord);
  }

  async running(q: { within?: string; page: number; pageSize: number; now?: Date }): Promise<{ total: number; page: number; pageSize: number; rows: PublicNoticeRow[] }> {
    const qb = this.candidates
      .createQueryBuilder('c')
      .innerJoin(PublicNoticeRecord, 'n', 'n.noticeId = c.noticeId')
      .where('n.startsOn <= :today AND n.endsOn >= :today AND n.endedOn IS NULL', { today: shanghaiDateOf(q.now ?? new Date()) });
    if (q.within) {
      const code = this.places.codeInDeployment(q.within);
      if (code === null) return { total: 0, page: q.page, pageSize: q.pageSize, rows: [] };
      qb.andWhere('n.villageCode LIKE :within', { within: subtreePattern(code) });
    }
    const total = await qb.getCount();
    // Only what the public may read: never the id number.
    const rows = await qb
      .select('n.villageCode', 'villageCode')
      .addSelect(`to_char(n.endsOn, 'YYYY-MM-DD')`, 'endsOn')
      .addSelect('c.name', 'name')
      .addSelect('c.post', 'post')
      .orderBy('n.endsOn')
      .addOrderBy('n.villageCode')
      .addOrderBy('c.post', 'ASC', 'NULLS LAST')
      .addOrderBy('c.name')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .getRawMany<{ villageCode: string; endsOn: string; name: string; post: string | null }>();
    return {
      total,
      page: q.page,
      pageSize: q.pageSize,
      rows: rows.map((r) => {
        const place = this.places.placeOf(r.villageCode);
        return { villageCode: r.villageCode, villageName: place?.villageName ?? r.villageCode, townshipName: place?.townshipName ?? null, post: r.post, name: r.name, endsOn: r.endsOn };
      }),
    };
  }
}
