import type { Pool } from 'pg';

/** Counts read straight from the services' schemas: what crossed Kafka and what it caused. */
export function probes(db: Pool) {
  const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await db.query<{ n: string }>(sql, params)).rows[0].n);
  return {
    count,
    /** Rows, and distinct event ids, of one event type in a consumer's inbox. */
    async inbox(consumer: 'vetting' | 'grievance' | 'tipline' | 'auditing', type: string): Promise<{ rows: number; distinct: number }> {
      const { rows } = await db.query<{ rows: string; distinct: string }>(
        `SELECT count(*) AS rows, count(DISTINCT event_id) AS distinct FROM ${consumer}.inbox WHERE consumer = $1 AND event_type = $2`,
        [consumer, type],
      );
      return { rows: Number(rows[0].rows), distinct: Number(rows[0].distinct) };
    },
    /** Outbox envelopes of one type at the tip-line, and how many of them are still unsent. */
    async tiplineOutbox(type: string): Promise<{ total: number; unsent: number }> {
      const { rows } = await db.query<{ total: string; unsent: string }>(
        `SELECT count(*) AS total, count(*) FILTER (WHERE sent_at IS NULL) AS unsent FROM tipline.outbox WHERE envelope->>'type' = $1`,
        [type],
      );
      return { total: Number(rows[0].total), unsent: Number(rows[0].unsent) };
    },
    /** CaseOpened events grievance recorded for a tip (the effect a rectification conclusion causes). */
    casesOpenedForTip: (tipId: string) =>
      count(`SELECT count(*) AS n FROM grievance.events WHERE type = 'CaseOpened' AND data->'source'->>'kind' = 'tip' AND data->'source'->>'ref' = $1`, [tipId]),
    /** The tip id whose subject carries this (unique) name, once the tip-line's read model has it. */
    async tipIdByName(name: string): Promise<string | undefined> {
      const { rows } = await db.query<{ tip_id: string }>(`SELECT tip_id FROM tipline.tip_list WHERE subjects_label LIKE '%' || $1 || '%'`, [name]);
      return rows[0]?.tip_id;
    },
  };
}

export type Probes = ReturnType<typeof probes>;
