import type { Pool } from 'pg';
import { SERVICES } from './distributed';

/** Which producers each service consumes (the `consumes` of apps/<service>/src/infrastructure/*-runtime.ts). */
export const CONSUMES: Record<(typeof SERVICES)[number], string[]> = {
  vetting: ['tipline', 'auditing'],
  tipline: ['vetting', 'grievance', 'auditing'],
  auditing: ['vetting', 'grievance'],
  grievance: ['tipline', 'auditing', 'vetting'],
};

export interface ExpectedEffects {
  tipIds: readonly string[];
  electionId: string;
  /** Outgoing audits the election plans: one per village. */
  engagements: number;
}

/**
 * Every effect of the workload counted across the four services' tables: each expected once, none
 * missing, none twice. Returns what is wrong (empty when all is well), so a failure names it all.
 */
export async function effectProblems(pool: Pool, expected: ExpectedEffects): Promise<string[]> {
  const problems: string[] = [];
  const q = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows;
  const check = (what: string, actual: unknown, wanted: unknown) => {
    if (JSON.stringify(actual) !== JSON.stringify(wanted)) problems.push(`${what}: ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`);
  };
  const tips = [...expected.tipIds];
  const n = tips.length;

  // Tipline: one stream and one read-model row per tip, the row at the stream's last version.
  check('tip streams, and their conclusions', (await q(
    `SELECT count(*) FILTER (WHERE stream_version = 1)::int AS streams, count(*) FILTER (WHERE type = 'TipConcluded')::int AS concluded
       FROM tipline.events WHERE stream_id = ANY($1)`, [tips.map((t) => `tip-${t}`)]))[0], { streams: n, concluded: n });
  check('tips in the tip list', (await q('SELECT count(*)::int AS n FROM tipline.tip_list WHERE tip_id = ANY($1::uuid[])', [tips]))[0].n, n);
  check('tip-list rows behind their stream', (await q(
    `SELECT count(*)::int AS n FROM tipline.tip_list t WHERE t.tip_id = ANY($1::uuid[])
       AND t.version <> (SELECT max(stream_version) FROM tipline.events e WHERE e.stream_id = 'tip-' || t.tip_id)`, [tips]))[0].n, 0);

  // Grievance: exactly one case per tip (ids derive from the tip), opened once, ledger at its stream's version.
  check('tip cases in the ledger', (await q(`SELECT count(*)::int AS n, count(DISTINCT source_ref)::int AS refs FROM grievance.case_ledger WHERE source_kind = 'tip' AND source_ref = ANY($1)`, [tips]))[0], { n, refs: n });
  check('ledger rows behind their stream', (await q(
    `SELECT count(*)::int AS n FROM grievance.case_ledger c WHERE c.version <> (SELECT max(stream_version) FROM grievance.events e WHERE e.stream_id = 'case-' || c.case_id)`))[0].n, 0);

  // Auditing: one outgoing audit per village of the election, ledger-like row at its stream's version.
  check('engagements planned', (await q('SELECT count(*)::int AS n FROM auditing.engagements WHERE election_id = $1', [expected.electionId]))[0].n, expected.engagements);
  check('engagement rows behind their stream', (await q(
    `SELECT count(*)::int AS n FROM auditing.engagements g WHERE g.version <> (SELECT max(stream_version) FROM auditing.events e WHERE e.stream_id = 'engagement-' || g.engagement_id)`))[0].n, 0);

  for (const s of SERVICES) {
    // An effect applied twice shows as the same event type twice in one stream (only reminders may repeat).
    const twice = await q(
      `SELECT stream_id, type, count(*)::int AS n FROM ${s}.events GROUP BY 1, 2 HAVING count(*) > 1 AND type NOT LIKE '%Reminder%' LIMIT 5`);
    check(`${s}: an event type twice in one stream`, twice, []);
    check(`${s}: outbox rows unsent`, (await q(`SELECT count(*)::int AS n FROM ${s}.outbox WHERE sent_at IS NULL`))[0].n, 0);
    // No loss on the way: every event each producer published is in the consumer's inbox.
    for (const producer of CONSUMES[s]) {
      check(`${s}: ${producer}'s events missing from the inbox`, (await q(
        `SELECT count(*)::int AS n FROM ${producer}.outbox o WHERE NOT EXISTS (SELECT 1 FROM ${s}.inbox i WHERE i.consumer = $1 AND i.event_id = o.event_id)`, [s]))[0].n, 0);
    }
    check(`${s}: projections behind`, (await q(
      `SELECT c.name FROM ${s}.checkpoints c WHERE EXISTS (SELECT 1 FROM ${s}.events e WHERE (e.tx_id, e.position) > (c.tx_id, c.position))`)), []);
  }
  return problems;
}
