import type { EventStore } from '@lw/eventstore';
import { ErasureCompletion } from '../../application/ports/erasure-completion.port';
import { readTip } from '../../application/tip-stream';
import type { PlaintextEvidencePurge } from '../evidence/plaintext-evidence-purge';
import type { PgIdentityVault } from './pg-identity-vault';

interface ErasureLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** The steps after an erasure's commit that make it irreversible: key-ring rotation, plaintext evidence deletion. */
export class ReporterErasure extends ErasureCompletion {
  /** Tips whose plaintext evidence could not be deleted yet (this process; the sweep at start covers the rest). */
  private readonly unpurged = new Set<string>();

  constructor(
    private readonly deps: {
      store: EventStore;
      vault: Pick<PgIdentityVault, 'completeErasures'>;
      purge: PlaintextEvidencePurge;
      log: ErasureLog;
    },
  ) {
    super();
  }

  async complete(tipId: string): Promise<boolean> {
    const rotated = await this.rotate();
    const purged = await this.purge(tipId);
    return rotated && purged;
  }

  /** Retries what failed after earlier erasures: the key-ring rotation and the evidence deletions. */
  async retry(): Promise<void> {
    await this.rotate();
    for (const tipId of [...this.unpurged]) await this.purge(tipId);
  }

  /** At start: plaintext evidence of every erased tip, erasures before this version included. */
  async sweep(): Promise<void> {
    const deleted = await this.deps.purge.sweep();
    if (deleted > 0) this.deps.log.info({ deleted }, 'deleted plaintext evidence files of erased tips');
  }

  private rotate(): Promise<boolean> {
    return this.deps.vault.completeErasures().then(
      () => true,
      (err: Error) => {
        this.deps.log.error({ err: err.message }, 'key ring rotation after an erasure failed; retried every 5 minutes, at the next erasure and at start');
        return false;
      },
    );
  }

  private async purge(tipId: string): Promise<boolean> {
    try {
      const { state } = await readTip(this.deps.store, tipId);
      await this.deps.purge.purgeTip(tipId, state.received.evidence.map((e) => e.sha256));
      this.unpurged.delete(tipId);
      return true;
    } catch (err) {
      this.unpurged.add(tipId);
      this.deps.log.error({ err: (err as Error).message, tipId }, 'deleting an erased tip’s plaintext evidence failed; retried every 5 minutes and at start');
      return false;
    }
  }
}
