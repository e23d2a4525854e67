import type { Pool } from 'pg';
import { tipStreamId } from '../../application/tip-stream';

const TIP_ID = /^tip-(.*)$/;

/**
 * Which tips refer to an evidence object, read from the tips' `TipReceived` events (the only event
 * that carries evidence). A tip is living until its reporter identity was erased.
 */
export class EvidenceReferences {
  constructor(private readonly pool: Pool) {}

  /** True when a tip other than `exceptTipId`, not erased, refers to the object at `address`. */
  async heldByLivingTip(address: string, exceptTipId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `SELECT 1 FROM events r
        WHERE r.type = 'TipReceived' AND r.stream_id <> $2
          AND r.data->'evidence' @> jsonb_build_array(jsonb_build_object('sha256', $1::text))
          AND NOT EXISTS (SELECT 1 FROM events e WHERE e.stream_id = r.stream_id AND e.type = 'ReporterIdentityErased')
        LIMIT 1`,
      [address, tipStreamId(exceptTipId)],
    );
    return (rowCount ?? 0) > 0;
  }

  /** Every erased tip that carried evidence, with the addresses of its objects. */
  async erasedTipsWithEvidence(): Promise<{ tipId: string; addresses: string[] }[]> {
    const { rows } = await this.pool.query<{ stream_id: string; addresses: string[] }>(
      `SELECT r.stream_id, ARRAY(SELECT x->>'sha256' FROM jsonb_array_elements(r.data->'evidence') x) AS addresses
         FROM events r
        WHERE r.type = 'TipReceived' AND jsonb_array_length(coalesce(r.data->'evidence', '[]'::jsonb)) > 0
          AND EXISTS (SELECT 1 FROM events e WHERE e.stream_id = r.stream_id AND e.type = 'ReporterIdentityErased')`,
    );
    return rows.map((r) => ({ tipId: TIP_ID.exec(r.stream_id)![1], addresses: r.addresses }));
  }
}
