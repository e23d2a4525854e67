import { randomUUID } from 'crypto';
import { shanghaiDateOf } from '@lw/domain';
import { Projector } from '@lw/eventstore';
import type { ServiceKernel, ServiceRuntime } from '@lw/runtime';
import type { RosterPort } from '../../application/roster-port';
import { RosterCommands } from '../../application/roster/roster-commands';
import { projectRoster, ROSTER_PROJECTION } from './roster-projection';
import { RosterQueries } from './roster-queries';

/** What the roster controller uses: commands, read-model queries, the port, the hierarchy. */
export class Roster {
  constructor(
    readonly commands: RosterCommands,
    readonly queries: RosterQueries,
    readonly port: RosterPort,
    readonly kernel: ServiceKernel,
    readonly projector: Projector,
  ) {}
}

/** Injection token of the Roster (a class token would do; the string lets tests find it among providers). */
export const ROSTER = 'vetting.roster';

/**
 * Read-your-writes for the clerk: the answer waits until the projection's checkpoint has passed the
 * command's transaction. Another transaction of the database still open can hold the gap-safe read
 * back for a moment, hence the short polling. Waiting longer than READ_YOUR_WRITES_MS is only
 * lateness (the projector's own loop carries on), never a failed command.
 */
const READ_YOUR_WRITES_MS = 10_000;

async function readYourWrites(projector: Projector, txId: string | null, kernel: ServiceKernel): Promise<void> {
  if (txId === null) return;
  const until = Date.now() + READ_YOUR_WRITES_MS;
  try {
    for (;;) {
      await projector.catchUp();
      if (BigInt((await projector.checkpoint()).txId) >= BigInt(txId)) return;
      if (Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    kernel.logger.warn({ txId }, 'roster read model still behind a committed command');
  } catch (err) {
    kernel.logger.warn({ err: (err as Error).message }, 'roster projection catch-up failed');
  }
}

/** The roster's moving parts (the projection, the controller's provider) and the port elections read it through. */
export function rosterRuntime(kernel: ServiceKernel): { port: RosterPort; runtime: ServiceRuntime } {
  const { pool, store, platform } = kernel;
  const projector = new Projector({
    pool,
    name: ROSTER_PROJECTION,
    // An import is one transaction of up to ~3 events a row; larger batches take it in fewer rounds.
    batchSize: 5_000,
    pollIntervalMs: 250,
    handle: (events, tx) => projectRoster(events, tx),
    onError: (err) => kernel.logger.warn({ err: err.message }, 'roster projection failed, will retry'),
  });
  const queries = new RosterQueries(pool);
  const commands = new RosterCommands({
    pool,
    store,
    reachOf: (ids, tx) => queries.reachOf(ids, tx),
    inScope: (actor, village) => platform.hierarchy.isInside(village, actor.node),
    today: () => shanghaiDateOf(new Date()),
    newId: () => randomUUID(),
    afterCommit: (txId) => readYourWrites(projector, txId, kernel),
  });
  const port: RosterPort = {
    personFacts: (ids, asOf, tx) => queries.personFacts(ids, asOf, tx),
    relativesAmong: (ids, tx) => queries.relativesAmong(ids, tx),
    holdingsOfVillage: (code, tx) => queries.holdingsOfVillage(code, tx),
    snapshot: async (scopePrefix, date, tx) => {
      const holdings = await queries.holdingsInForce(scopePrefix, date, tx);
      return { holdings, persons: await queries.domainPersons([...new Set(holdings.map((h) => h.personId))], tx) };
    },
    villagesOf: async (ids, tx) => new Map((await queries.persons(ids, tx)).map((p) => [p.person_id, p.villages])),
    reachOf: (ids, tx) => queries.reachOf(ids, tx),
    startTerm: async (change, actor, tx) => {
      await commands.startTerm(change, actor, tx);
      projector.wake();
    },
  };
  const roster = new Roster(commands, queries, port, kernel, projector);
  return {
    port,
    runtime: {
      providers: [
        { provide: Roster, useValue: roster },
        { provide: ROSTER, useValue: roster },
      ],
      start: () => projector.start(),
      stop: () => projector.stop(),
    },
  };
}
