import type { ServiceKernel, ServiceRuntime } from '@lw/runtime';
import type { RosterPort } from '../../application/roster-port';

/** The roster's moving parts (projections, providers) and the port elections read it through. */
export function rosterRuntime(_kernel: ServiceKernel): { port: RosterPort; runtime: ServiceRuntime } {
  const empty = async () => new Map();
  const port: RosterPort = {
    personFacts: empty,
    relativesAmong: async () => [],
    holdingsOfVillage: async () => [],
    snapshot: async () => ({ persons: new Map(), holdings: [] }),
    personIdByName: async () => [],
    startTerm: async () => undefined,
  };
  return { port, runtime: {} };
}
