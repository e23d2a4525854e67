export interface ElectionRow {
  election_id: string;
  name: string;
  scope: string;
  policy_id: string;
  policy_version: number;
  voting_from: string | null;
  opened_at: Date;
}

export interface ElectionListRow extends ElectionRow {
  villages: number;
  gates_closed: number;
  handed_over: number;
  /** With `village` only: that village's stage and gate. */
  village_stage?: string | null;
  village_gate_open?: boolean | null;
}

export interface BoardVillageRow {
  village_code: string;
  stage: string;
  gate_open: boolean;
  gate_reasons: string[];
  nominees: number;
  reviewed: number;
  blocked: number;
  disqualified: number;
  open_objections: number;
  joint_reviews_overdue: number;
  notice_ends_on: string | null;
}

export interface BoardTotals {
  villages: number;
  gates_closed: number;
  handed_over: number;
  open_objections: number;
  joint_reviews_overdue: number;
}

export interface BoardFilter {
  /** Significant digits of the node whose villages to show. */
  prefix: string;
  stage?: string;
  gate?: 'open' | 'closed';
  limit: number;
  offset: number;
}

/** The election board's read model (elections, village_elections) as the query handlers read it; on PostgreSQL in infrastructure/election. */
export abstract class ElectionBoardReadModel {
  /** Elections with a village under `prefix`, newest first; `village` adds that village's stage and gate. */
  abstract elections(prefix: string, limit: number, offset: number, village: boolean): Promise<{ rows: ElectionListRow[]; total: number }>;

  abstract election(electionId: string): Promise<ElectionRow | undefined>;

  /** One page of the election's villages under the filter, and the totals over all of them. */
  abstract villages(electionId: string, f: BoardFilter): Promise<{ rows: BoardVillageRow[]; totals: BoardTotals }>;
}
