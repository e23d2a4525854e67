import type { PoolClient } from 'pg';
import type { ContractRegistry, IntegrationEvent, LocalDate } from '@lw/domain';
import { shanghaiDateOf } from '@lw/domain';
import { concludeObjection, dropObjection, raiseObjection } from '../domain/election';
import type { AuditGate } from './election/audit-gate';
import { AUDIT_EVENTS } from './election/audit-gate';
import type { ElectionReview } from './election/election-review';
import type { SubstantiatedTips } from './election/substantiated-tips';
import type { ElectionCommands } from './election-commands';
import { streamOfNotice } from './village-election-stream';

const SUBSTANTIATED = ['substantiated', 'partly_substantiated'];

const OBJECTION_EVENTS = new Set(['tipline.TipReceived', 'tipline.TipAccepted', 'tipline.TipNotAccepted', 'tipline.TipConcluded']);

/**
 * What vetting does with other services' events, inside the inbox transaction:
 * - tip-line objections: a tip labelled with one of our notices blocks confirmation from its receipt
 *   (tipline.TipReceived) while the discipline office has not decided on it, so a late acceptance
 *   never lets confirmation slip past a real objection. Deciding not to accept it, or transferring it
 *   away (tipline.TipNotAccepted), lifts the block: a cheap anonymous objection holds a village no
 *   longer than that decision, which the tip-line clocks to the notice's last day. Accepted, it
 *   blocks until concluded; a substantiated one disqualifies the nominee with the tip as evidence.
 *   A repeat of an earlier tip is never decided on its own and blocks nothing (the first one does);
 * - any tip concluded substantiated against a person named in a village with open nominations joins
 *   that nominee's facts and re-runs their review (the negative list sees it);
 * - auditing's reports open or close each village's gate.
 */
export function vettingReactions(deps: { contracts: ContractRegistry; commands: ElectionCommands; review: ElectionReview; tips: SubstantiatedTips; gate: AuditGate }) {
  return async (raw: IntegrationEvent, tx: PoolClient): Promise<void> => {
    if (AUDIT_EVENTS.has(raw.type)) return deps.gate.apply(deps.contracts.decode(raw) as IntegrationEvent<any>, tx);
    if (!OBJECTION_EVENTS.has(raw.type)) return;
    const event = deps.contracts.decode(raw) as IntegrationEvent<any>;
    const p = event.payload;
    if (event.type === 'tipline.TipReceived' || event.type === 'tipline.TipAccepted') {
      // Raised on receipt; TipAccepted raises it again (no-op) for a tip received before this rule.
      if (event.type === 'tipline.TipReceived' && p.repeatOf) return;
      const stream = p.objection ? streamOfNotice(p.objection.noticeId) : null;
      if (!stream) return;
      await tx.query('INSERT INTO objections (tip_id, stream_id, notice_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [p.tipId, stream, p.objection.noticeId]);
      await deps.commands.run(stream, null, (s, c) => raiseObjection(s, p.objection.noticeId, p.tipId, p.objection.candidateId ?? null, c), { tx });
      return;
    }
    const { rows } = await tx.query<{ stream_id: string }>('SELECT stream_id FROM objections WHERE tip_id = $1', [p.tipId]);
    if (event.type === 'tipline.TipNotAccepted') {
      if (rows[0]) await deps.commands.run(rows[0].stream_id, null, (s, c) => dropObjection(s, p.tipId, p.decision, c), { tx });
      return;
    }
    if (rows[0]) await deps.commands.run(rows[0].stream_id, null, (s, c) => concludeObjection(s, p.tipId, p.finding, c), { tx });
    if (SUBSTANTIATED.includes(p.finding)) await substantiatedAgainstNominees(deps, p, tx);
  };
}

async function substantiatedAgainstNominees(deps: { review: ElectionReview; tips: SubstantiatedTips }, p: any, tx: PoolClient): Promise<void> {
  const concludedOn = shanghaiDateOf(new Date(p.concludedAt)) as LocalDate;
  for (const subject of p.subjects as { kind: string; name?: string; villageCode?: string | null }[]) {
    const village = subject.villageCode ?? p.villageCode;
    if (subject.kind !== 'person' || !village || !subject.name) continue;
    const { rows } = await tx.query<{ stream_id: string; nominee_id: string; person_id: string }>(
      'SELECT stream_id, nominee_id, person_id FROM nominations WHERE village_code = $1 AND name = $2 AND open',
      [village, subject.name],
    );
    // One person may be nominated twice (交叉任职): record the tip once, re-review every nomination.
    const byPerson = new Map<string, { stream_id: string; nominee_id: string }[]>();
    for (const r of rows) byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), r]);
    for (const [personId, nominations] of byPerson) {
      const added = await deps.tips.add(tx, personId, { tipId: p.tipId, concludedOn, summary: `举报（${p.category}）经核实${p.finding === 'substantiated' ? '属实' : '部分属实'}` });
      if (!added) continue;
      for (const stream of new Set(nominations.map((n) => n.stream_id))) {
        await deps.review.review(stream, null, { nomineeIds: nominations.filter((n) => n.stream_id === stream).map((n) => n.nominee_id), tx });
      }
    }
  }
}
