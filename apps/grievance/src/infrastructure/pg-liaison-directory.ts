import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '@lw/db';
import { subtreePattern } from '@lw/hierarchy';
import { LiaisonDirectory, type Liaison, type LiaisonAssignment } from '../application/liaison-directory.port';

/** Liaison assignments in grievance's own schema, every change logged with who made it. */
export class PgLiaisonDirectory implements LiaisonDirectory {
  constructor(private readonly pool: Pool) {}

  async liaisonOf(villageCode: string, tx?: PoolClient): Promise<Liaison | null> {
    const { rows } = await (tx ?? this.pool).query('SELECT user_id, name, post FROM liaison_assignments WHERE village_code = $1', [villageCode]);
    return rows[0] ? { userId: rows[0].user_id, name: rows[0].name, post: rows[0].post } : null;
  }

  async assign(villageCode: string, person: Liaison, by: string): Promise<LiaisonAssignment> {
    // withTransaction discards a client whose connection dies mid-way (a database restart) instead of crashing.
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query(
        `INSERT INTO liaison_assignments (village_code, user_id, name, post, assigned_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (village_code) DO UPDATE SET user_id = EXCLUDED.user_id, name = EXCLUDED.name, post = EXCLUDED.post,
           assigned_by = EXCLUDED.assigned_by, assigned_at = now()
         RETURNING village_code, user_id, name, post, assigned_by, assigned_at`,
        [villageCode, person.userId, person.name, person.post, by],
      );
      await client.query('INSERT INTO liaison_assignment_log (village_code, user_id, name, post, changed_by) VALUES ($1, $2, $3, $4, $5)', [
        villageCode,
        person.userId,
        person.name,
        person.post,
        by,
      ]);
      return toAssignment(rows[0]);
    });
  }

  async remove(villageCode: string, by: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `WITH gone AS (DELETE FROM liaison_assignments WHERE village_code = $1 RETURNING village_code)
       INSERT INTO liaison_assignment_log (village_code, removed, changed_by) SELECT village_code, true, $2 FROM gone`,
      [villageCode, by],
    );
    return (rowCount ?? 0) > 0;
  }

  async list(node: string): Promise<LiaisonAssignment[]> {
    const { rows } = await this.pool.query(
      `SELECT village_code, user_id, name, post, assigned_by, assigned_at FROM liaison_assignments WHERE village_code LIKE $1 ORDER BY village_code`,
      [subtreePattern(node)],
    );
    return rows.map(toAssignment);
  }
}

function toAssignment(r: any): LiaisonAssignment {
  return { villageCode: r.village_code, userId: r.user_id, name: r.name, post: r.post, assignedBy: r.assigned_by, assignedAt: new Date(r.assigned_at).toISOString() };
}
