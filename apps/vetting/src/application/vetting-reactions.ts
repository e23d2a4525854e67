import type { PoolClient } from 'pg';
import type { ContractRegistry, IntegrationEvent } from '@lw/domain';
import { concludeObjection, raiseObjection } from '../domain/election';
import type { ElectionCommands } from './election-commands';
import { streamOfNotice } from './village-election-stream';

const HANDLED = new Set(['tipline.TipReceived', 'tipline.TipConcluded']);

/**
 * Objections from the tip-line: a tip labelled with one of our notices blocks confirmation; its
 * conclusion lifts the block, and a substantiated one disqualifies the nominee with the tip as
 * evidence. Runs in the inbox transaction; the objections table maps tips to election streams.
 */
export function vettingReactions(deps: { contracts: ContractRegistry; commands: ElectionCommands }) {
  return async (raw: IntegrationEvent, tx: PoolClient): Promise<void> => {
    if (!HANDLED.has(raw.type)) return;
    const event = deps.contracts.decode(raw) as IntegrationEvent<any>;
    const p = event.payload;
    if (event.type === 'tipline.TipReceived') {
      const stream = p.objection ? streamOfNotice(p.objection.noticeId) : null;
      if (!stream) return;
      await tx.query('INSERT INTO objections (tip_id, stream_id, notice_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [p.tipId, stream, p.objection.noticeId]);
      await deps.commands.run(stream, null, (s, c) => raiseObjection(s, p.objection.noticeId, p.tipId, p.objection.candidateId ?? null, c), { tx });
      return;
    }
    const { rows } = await tx.query<{ stream_id: string }>('SELECT stream_id FROM objections WHERE tip_id = $1', [p.tipId]);
    if (!rows[0]) return;
    await deps.commands.run(rows[0].stream_id, null, (s, c) => concludeObjection(s, p.tipId, p.finding, c), { tx });
  };
}
