import { ScenarioClient } from './client';
import { dbProbes, type DbProbes } from './db-probes';
import { Cleanup, startDistributedProduct, type DistributedProduct } from './distributed';
import { EXPECTED_END_STATE } from './expected-end-state';
import { TIPPED } from './roster';
import { runScenario } from './scenario';
import { mintUsers } from './users';

// Issue 7's cross-service scenario in distributed mode: vetting, tipline, auditing and grievance as
// four OS processes over Kafka (the test broker, or KAFKA_BROKERS), jobs on Redis (BullMQ), users
// from the IdP (tokens signed with the shared secret). It must end as the embedded run does.
describe('cross-service scenario, distributed mode (four processes over Kafka)', () => {
  // Registered before anything starts: a timeout mid-start still stops every process and the broker.
  const cleanup = new Cleanup();
  let product: DistributedProduct | undefined;
  let probes: DbProbes | undefined;

  afterAll(async () => {
    await probes?.close();
    await cleanup.run();
  }, 90_000);

  it('runs from the election to the reporter\'s feedback and ends in the same state as embedded mode', async () => {
    product = await startDistributedProduct(cleanup);
    probes = dbProbes(product.databaseUrl);
    const client = new ScenarioClient(product.urls);
    const users = await mintUsers(client, product.authSecret, product.county);
    try {
      const { ids, end } = await runScenario(client, users, { electionId: 'e2026scn', log: () => undefined });
      expect(end).toEqual(EXPECTED_END_STATE);
      const disqualified = await probes.disqualificationEvidence(ids.electionId, ids.village);
      expect(disqualified.map((d) => d.nomineeId)).toEqual([TIPPED.nomineeId]);
      expect(JSON.stringify(disqualified[0].evidence)).toContain(ids.tipId);
    } catch (err) {
      // The services' own logs say why an effect never came.
      for (const p of product!.processes) console.error(`--- ${p.name} ---\n${p.output().split('\n').slice(-30).join('\n')}`);
      throw err;
    }
  }, 240_000);
});
