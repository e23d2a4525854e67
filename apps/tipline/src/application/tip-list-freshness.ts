import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { Actor } from '@lw/domain';
import { Projector } from '@lw/eventstore';

/**
 * What the tip list owes a write. A staff member's own request, committed here, is answered once
 * the list has applied it (read-your-writes: the inbox they return to shows the step). Everything
 * else only wakes the projection: a public submission (nobody reads a list after it, and its
 * throughput counts), a job, and a write in a caller's transaction (that caller commits later;
 * one that answers a staff member waits through `shown` after its commit).
 */
@Injectable()
export class TipListFreshness {
  constructor(private readonly projection: Projector) {}

  async after(txId: string | null, caller: { actor: Actor | null; tx?: PoolClient }): Promise<void> {
    if (caller.actor && !caller.tx) await this.shown(txId);
    else if (txId) this.projection.wake();
  }

  /** Resolves once the tip list has applied transaction `txId` (committed), or quietly after the projector's wait. */
  async shown(txId: string | null): Promise<void> {
    await this.projection.waitPast(txId);
  }
}
