import type { Pool, PoolClient } from 'pg';
import type { SubstantiatedTipFact } from '../../domain/rules';

/**
 * Tips the tip-line concluded as (partly) substantiated against a nominee, matched by name within the
 * nominee's village (tips carry no id numbers). They join the person's facts for the rules engine.
 */
export class SubstantiatedTips {
  constructor(private readonly pool: Pool) {}

  async of(personIds: readonly string[], tx?: PoolClient): Promise<Map<string, SubstantiatedTipFact[]>> {
    const out = new Map<string, SubstantiatedTipFact[]>();
    if (personIds.length === 0) return out;
    const { rows } = await (tx ?? this.pool).query<{ person_id: string; tip_id: string; concluded_on: string; summary: string }>(
      `SELECT person_id, tip_id::text, to_char(concluded_on, 'YYYY-MM-DD') AS concluded_on, summary FROM substantiated_tips WHERE person_id = ANY($1) ORDER BY concluded_on, tip_id`,
      [personIds],
    );
    for (const r of rows) out.set(r.person_id, [...(out.get(r.person_id) ?? []), { tipId: r.tip_id, concludedOn: r.concluded_on as SubstantiatedTipFact['concludedOn'], summary: r.summary }]);
    return out;
  }

  /** Idempotent: a redelivered conclusion adds nothing. Returns whether it was new. */
  async add(tx: PoolClient, personId: string, fact: SubstantiatedTipFact): Promise<boolean> {
    const r = await tx.query('INSERT INTO substantiated_tips (person_id, tip_id, concluded_on, summary) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
      personId,
      fact.tipId,
      fact.concludedOn,
      fact.summary,
    ]);
    return (r.rowCount ?? 0) > 0;
  }
}
