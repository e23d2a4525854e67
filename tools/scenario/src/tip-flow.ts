import { Pool } from 'pg';
import type { ScenarioClient } from './client';
import type { Users } from './users';

/**
 * The path of a public tip that ends as a grievance case: a citizen submits it (no login), the
 * discipline office accepts, assigns and concludes it as needing rectification, and grievance opens
 * a case from tipline.TipConcluded. Shared by the scaling test and the distributed benchmark.
 */
export interface TipFlow {
  /** Submits tip number `i` (its subject is a person of its own, so it is never a repeat); returns its id. */
  submit(i: number): Promise<string>;
  /** Accept, assign, conclude (needs rectification). */
  conclude(tipId: string): Promise<void>;
  /** Tip ids whose grievance case the ledger returns, one page of the newest cases. */
  visibleCases(limit?: number, offset?: number): Promise<string[]>;
  close(): Promise<void>;
}

export function tipFlow(client: ScenarioClient, users: Users, databaseUrl: string, villages: readonly string[]): TipFlow {
  // The receipt code is all the citizen gets; staff would find the tip in their inbox (a read model
  // that lags). The receipt row is written with the tip, so the id is read there at once.
  const pool = new Pool({ connectionString: databaseUrl, max: 4, application_name: 'scenario:tip-flow' });
  pool.on('error', () => undefined);
  return {
    async submit(i) {
      const sent = await client.ok('POST', '/tipline/public/tips', {
        json: {
          category: 'collective_funds',
          subjects: [{ kind: 'person', name: `王${i}号`, post: '村委会委员', villageCode: villages[i % villages.length] }],
          text: `第 ${i} 号：村委会委员挪用集体土地补偿款，请予核查。`,
          anonymous: true,
        },
      });
      const locator = String(sent.receiptCode).replace(/-/g, '').slice(0, 8);
      const { rows } = await pool.query<{ tip_id: string }>('SELECT tip_id FROM tipline.receipts WHERE locator = $1', [locator]);
      if (!rows[0]) throw new Error(`no receipt row for ${locator}`);
      return rows[0].tip_id;
    },
    async conclude(tipId) {
      const step = (path: string, json: unknown = {}) => client.ok('POST', `/tipline/tips/${tipId}/${path}`, { token: users.discipline, json });
      await step('accept');
      await step('assign');
      await step('conclude', { finding: 'substantiated', summary: '属实，责令退还。', needsRectification: true });
    },
    async visibleCases(limit = 500, offset = 0) {
      const page = await client.ok('GET', `/grievance/ledger?source=tip&limit=${limit}&offset=${offset}`, { token: users.org });
      return (page.rows as { source?: { ref?: string } }[]).map((r) => r.source?.ref).filter((r): r is string => Boolean(r));
    },
    close: () => pool.end(),
  };
}

/** Runs `work` over `items` with at most `limit` at once; rejects with the first failure. */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
