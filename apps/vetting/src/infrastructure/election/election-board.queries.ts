import type { DataSource, Repository } from 'typeorm';
import { subtreePattern } from '@lw/hierarchy';
import { ElectionBoardReadModel, type BoardFilter, type BoardTotals, type BoardVillageRow, type ElectionListRow, type ElectionRow } from '../../application/election/election-board.read-model';
import { ElectionRecord } from './elections.entity';
import { VillageElectionRecord } from './village-elections.entity';

/** The election board's read model through TypeORM (the tables the board projection writes). */
export class ElectionBoardQueries extends ElectionBoardReadModel {
  private readonly electionRecords: Repository<ElectionRecord>;
  private readonly villageRecords: Repository<VillageElectionRecord>;

  constructor(readModels: DataSource) {
    super();
    this.electionRecords = readModels.getRepository(ElectionRecord);
    this.villageRecords = readModels.getRepository(VillageElectionRecord);
  }

  /** `scope` is a node's code (either form): the elections with a village in its subtree. */
  async elections(scope: string, limit: number, offset: number, village: boolean): Promise<{ rows: ElectionListRow[]; total: number }> {
    const list = this.electionRecords
      .createQueryBuilder('e')
      .innerJoin(VillageElectionRecord, 'v', 'v.electionId = e.electionId')
      .select('e.electionId', 'election_id')
      .addSelect('e.name', 'name')
      .addSelect('e.scope', 'scope')
      .addSelect('e.policyId', 'policy_id')
      .addSelect('e.policyVersion', 'policy_version')
      .addSelect('CAST(e.votingFrom AS text)', 'voting_from')
      .addSelect('e.openedAt', 'opened_at')
      .addSelect('count(*)::int', 'villages')
      .addSelect('count(*) FILTER (WHERE NOT v.gateOpen)::int', 'gates_closed')
      .addSelect(`count(*) FILTER (WHERE v.stage = 'handed_over')::int`, 'handed_over')
      .where('v.villageCode LIKE :scope', { scope: subtreePattern(scope) })
      .groupBy('e.electionId')
      .orderBy('e.openedAt', 'DESC')
      .addOrderBy('e.electionId')
      .limit(limit)
      .offset(offset);
    // Narrowed to one village: that village's stage and gate beside each election.
    if (village) list.addSelect('min(v.stage)', 'village_stage').addSelect('bool_and(v.gateOpen)', 'village_gate_open');
    const [rows, total] = await Promise.all([
      list.getRawMany<ElectionListRow>(),
      this.villageRecords.createQueryBuilder('v').select('count(DISTINCT v.electionId)::int', 'n').where('v.villageCode LIKE :scope', { scope: subtreePattern(scope) }).getRawOne<{ n: number }>(),
    ]);
    return { rows, total: total!.n };
  }

  async election(electionId: string): Promise<ElectionRow | undefined> {
    const e = await this.electionRecords.findOneBy({ electionId });
    if (!e) return undefined;
    return { election_id: e.electionId, name: e.name, scope: e.scope, policy_id: e.policyId, policy_version: e.policyVersion, voting_from: e.votingFrom, opened_at: e.openedAt };
  }

  async villages(electionId: string, f: BoardFilter): Promise<{ rows: BoardVillageRow[]; totals: BoardTotals }> {
    const filtered = () => {
      const qb = this.villageRecords.createQueryBuilder('v').where('v.electionId = :electionId', { electionId }).andWhere('v.villageCode LIKE :scope', { scope: subtreePattern(f.prefix) });
      if (f.stage) qb.andWhere('v.stage = :stage', { stage: f.stage });
      if (f.gate) qb.andWhere('v.gateOpen = :open', { open: f.gate === 'open' });
      return qb;
    };
    const [page, totals] = await Promise.all([
      filtered().orderBy('v.villageCode').limit(f.limit).offset(f.offset).getMany(),
      filtered()
        .select('count(*)::int', 'villages')
        .addSelect('count(*) FILTER (WHERE NOT v.gateOpen)::int', 'gates_closed')
        .addSelect(`count(*) FILTER (WHERE v.stage = 'handed_over')::int`, 'handed_over')
        .addSelect('coalesce(sum(v.openObjections), 0)::int', 'open_objections')
        .addSelect('coalesce(sum(v.jointReviewsOverdue), 0)::int', 'joint_reviews_overdue')
        .getRawOne<BoardTotals>(),
    ]);
    return { rows: page.map(boardRow), totals: totals! };
  }
}

function boardRow(v: VillageElectionRecord): BoardVillageRow {
  return {
    village_code: v.villageCode,
    stage: v.stage,
    gate_open: v.gateOpen,
    gate_reasons: v.gateReasons,
    nominees: v.nominees,
    reviewed: v.reviewed,
    blocked: v.blocked,
    disqualified: v.disqualified,
    open_objections: v.openObjections,
    joint_reviews_overdue: v.jointReviewsOverdue,
    notice_ends_on: v.noticeEndsOn,
  };
}
