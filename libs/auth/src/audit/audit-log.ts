import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';

/** Anything that runs a query: a pool, or a client inside the caller's transaction. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/**
 * One attributable action. Deliberately has no field for request bodies or query strings: they may
 * hold a reporter's identity, which must never reach the audit table.
 */
export interface AuditEntry {
  actorId: string | null;
  roles?: readonly string[];
  node?: string | null;
  ip?: string | null;
  /** HTTP method, or a verb for audited reads such as 'READ'. */
  method: string;
  /** Route pattern ('/villages/:villageCode/notes') or the name of a sensitive field read. */
  route: string;
  status?: number | null;
  /** What was acted on: a division code or a resource id. */
  target?: string | null;
  correlationId?: string | null;
  at?: Date;
}

/** Appends to audit_log (see auditMigrations). Services call record() when they read sensitive fields. */
export class AuditLog {
  private readonly logger = new Logger(AuditLog.name);
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly pool: Pool) {}

  /** Inserts one row; pass the transaction's client to make the audit commit with the read. */
  async record(entry: AuditEntry, db: Queryable = this.pool): Promise<void> {
    await db.query(
      `INSERT INTO audit_log (at, actor_id, roles, node, ip, method, route, status, target, correlation_id)
       VALUES (coalesce($1, now()), $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        entry.at ?? null,
        entry.actorId,
        [...(entry.roles ?? [])],
        entry.node ?? null,
        entry.ip ?? null,
        entry.method.slice(0, 16),
        entry.route.slice(0, 512),
        entry.status ?? null,
        entry.target?.slice(0, 256) ?? null,
        entry.correlationId ?? null,
      ],
    );
  }

  /** For callers that already answered the client: failures are logged, never thrown. */
  recordInBackground(entry: AuditEntry): void {
    const p = this.record(entry)
      .catch((err: Error) =>
        this.logger.error(`audit write failed for ${entry.method} ${entry.route} by ${entry.actorId ?? 'anonymous'}: ${err.message}`),
      )
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Waits for background writes (shutdown, tests). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
