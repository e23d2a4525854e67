import { randomUUID } from 'crypto';
import { shanghaiDateOf } from '@lw/domain';
import type { Jurisdiction } from '@lw/hierarchy';
import { Projector } from '@lw/eventstore';
import type { ServiceKernel, ServiceRuntime } from '@lw/runtime';
import { RosterDeps } from '../../application/roster/roster-deps';
import { ROSTER_COMMAND_HANDLERS, StartTerm } from '../../application/roster/roster.commands';
import { ROSTER_QUERY_HANDLERS } from '../../application/roster/roster.queries';
import { RosterViews } from '../../application/roster/roster-views.port';
import { RosterPort } from '../../application/roster-port';
import { readYourWrites } from '../read-your-writes';
import { PgCitizenIdClaims } from './citizen-id-claims';
import { projectRoster, ROSTER_PROJECTION } from './roster-projection';
import { RosterReadModel } from './roster-read-model';
import { PgRosterViews } from './roster-views';

/** The roster projection's Projector, provided so tests and tools can catch the read model up. */
export class RosterProjector extends Projector {}

/**
 * The roster's moving parts: the projection (its tables are the entities of ROSTER_READ_MODELS), the
 * command and query handlers with what they inject, and the port elections read it through.
 * `jurisdiction` is the service's one (vettingRuntime provides it to the handlers that inject it).
 */
export function rosterRuntime(kernel: ServiceKernel, jurisdiction: Jurisdiction): { port: RosterPort; runtime: ServiceRuntime } {
  const { pool, store, platform, readModels } = kernel;
  const projector = new RosterProjector({
    pool,
    name: ROSTER_PROJECTION,
    // An import is one transaction of up to ~3 events a row; larger batches take it in fewer rounds.
    batchSize: 5_000,
    pollIntervalMs: 250,
    readModels,
    handle: projectRoster,
    onError: (err) => kernel.logger.warn({ err: err.message }, 'roster projection failed, will retry'),
  });
  const readModel = new RosterReadModel(readModels);
  const deps: RosterDeps = {
    pool,
    store,
    hierarchy: platform.hierarchy,
    jurisdiction,
    citizenIds: new PgCitizenIdClaims(readModels),
    reachOf: (ids, tx) => readModel.reachOf(ids, tx),
    today: () => shanghaiDateOf(new Date()),
    newId: () => randomUUID(),
    readYourWrites: readYourWrites(projector, ROSTER_PROJECTION, kernel),
  };
  const port: RosterPort = {
    personFacts: (ids, asOf, tx) => readModel.personFacts(ids, asOf, tx),
    relativesAmong: (ids, tx) => readModel.relativesAmong(ids, tx),
    holdingsOfVillage: (code, tx) => readModel.holdingsOfVillage(code, tx),
    snapshot: async (scopePrefix, date, tx) => {
      const holdings = await readModel.holdingsInForce(scopePrefix, date, tx);
      return { holdings, persons: await readModel.domainPersons([...new Set(holdings.map((h) => h.personId))], tx) };
    },
    villagesOf: async (ids, tx) => new Map((await readModel.persons(ids, tx)).map((p) => [p.personId, p.villages])),
    reachOf: (ids, tx) => readModel.reachOf(ids, tx),
    startTerm: async (change, actor, tx) => {
      await kernel.commandBus.execute(new StartTerm(change, actor, tx));
    },
    readYourWrites: deps.readYourWrites,
  };
  return {
    port,
    runtime: {
      providers: [
        { provide: RosterDeps, useValue: deps },
        { provide: RosterPort, useValue: port },
        { provide: RosterReadModel, useValue: readModel },
        { provide: RosterViews, useValue: new PgRosterViews(readModel) },
        { provide: RosterProjector, useValue: projector },
      ],
      handlers: [...ROSTER_COMMAND_HANDLERS, ...ROSTER_QUERY_HANDLERS],
      start: () => projector.start(),
      stop: () => projector.stop(),
    },
  };
}
