import type { Pool } from 'pg';
import { ElectionBoardReadModel, type BoardFilter, type BoardTotals, type BoardVillageRow, type ElectionListRow, type ElectionRow } from '../../application/election/election-board.read-model';

/** The election board's read model on PostgreSQL (the tables the board projection writes). */
export class ElectionBoardQueries extends ElectionBoardReadModel {
  constructor(private readonly pool: Pool) {
    super();
  }

  async elections(prefix: string, limit: number, offset: number, village: boolean): Promise<{ rows: ElectionListRow[]; total: number }> {
    const [{ rows }, { rows: total }] = await Promise.all([
      this.pool.query<ElectionListRow>(
        `SELECT e.election_id, e.name, e.scope, e.policy_id, e.policy_version, e.voting_from::text, e.opened_at,
                count(v.*)::int AS villages, count(v.*) FILTER (WHERE NOT v.gate_open)::int AS gates_closed, count(v.*) FILTER (WHERE v.stage = 'handed_over')::int AS handed_over,
                CASE WHEN $4 THEN min(v.stage) END AS village_stage, CASE WHEN $4 THEN bool_and(v.gate_open) END AS village_gate_open
           FROM elections e JOIN village_elections v USING (election_id)
          WHERE v.village_code LIKE $1 GROUP BY e.election_id ORDER BY e.opened_at DESC, e.election_id LIMIT $2 OFFSET $3`,
        [`${prefix}%`, limit, offset, village],
      ),
      this.pool.query<{ n: number }>(`SELECT count(DISTINCT election_id)::int AS n FROM village_elections WHERE village_code LIKE $1`, [`${prefix}%`]),
    ]);
    return { rows, total: total[0].n };
  }

  async election(electionId: string): Promise<ElectionRow | undefined> {
    const { rows } = await this.pool.query<ElectionRow>('SELECT election_id, name, scope, policy_id, policy_version, voting_from::text, opened_at FROM elections WHERE election_id = $1', [electionId]);
    return rows[0];
  }

  async villages(electionId: string, f: BoardFilter): Promise<{ rows: BoardVillageRow[]; totals: BoardTotals }> {
    const where = ['election_id = $1', 'village_code LIKE $2'];
    const params: unknown[] = [electionId, `${f.prefix}%`];
    if (f.stage) where.push(`stage = $${params.push(f.stage)}`);
    if (f.gate) where.push(`gate_open = $${params.push(f.gate === 'open')}`);
    const filter = where.join(' AND ');
    const [{ rows }, { rows: totals }] = await Promise.all([
      this.pool.query<BoardVillageRow>(
        `SELECT village_code, stage, gate_open, gate_reasons, nominees, reviewed, blocked, disqualified, open_objections, joint_reviews_overdue, notice_ends_on::text
           FROM village_elections WHERE ${filter} ORDER BY village_code LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, f.limit, f.offset],
      ),
      this.pool.query<BoardTotals>(
        `SELECT count(*)::int AS villages, count(*) FILTER (WHERE NOT gate_open)::int AS gates_closed, count(*) FILTER (WHERE stage = 'handed_over')::int AS handed_over,
                coalesce(sum(open_objections), 0)::int AS open_objections, coalesce(sum(joint_reviews_overdue), 0)::int AS joint_reviews_overdue FROM village_elections WHERE ${filter}`,
        params,
      ),
    ]);
    return { rows, totals: totals[0] };
  }
}
