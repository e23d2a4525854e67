import type { Projector } from '@lw/eventstore';
import type { ServiceKernel } from '@lw/runtime';

/**
 * Read-your-writes: the answer waits (Projector.waitPast) until the projection has applied the
 * command's transaction. Waiting longer than this is only lateness (the projector's own loop
 * carries on), never a failed command.
 */
const READ_YOUR_WRITES_MS = 10_000;

/** Waits for `projector` past a committed transaction (null: nothing written); logs when the bound ran out. */
export function readYourWrites(projector: Projector, projection: string, kernel: ServiceKernel): (txId: string | null) => Promise<void> {
  return async (txId) => {
    if (!(await projector.waitPast(txId, READ_YOUR_WRITES_MS))) kernel.logger.warn({ txId, projection }, 'read model still behind a committed command');
  };
}
