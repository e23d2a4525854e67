import { ScenarioClient } from './client';
import { startEmbeddedProduct, type EmbeddedProduct } from './embedded';
import { EXPECTED_END_STATE } from './expected-end-state';
import { dbProbes, type DbProbes } from './db-probes';
import { TIPPED } from './roster';
import { runScenario } from './scenario';
import { loginDemoUsers } from './users';

// Issue 7's cross-service scenario in embedded mode: the four services in one process, the
// in-process bus, jobs in PostgreSQL; users are the demo accounts logging in.
describe('cross-service scenario, embedded mode', () => {
  let product: EmbeddedProduct | undefined;
  let probes: DbProbes | undefined;

  afterAll(async () => {
    await probes?.close();
    await product?.stop();
  });

  it('runs from the election to the reporter\'s feedback and ends in the expected state', async () => {
    product = await startEmbeddedProduct();
    probes = dbProbes(product.databaseUrl);
    const client = new ScenarioClient({ vetting: product.url, tipline: product.url, auditing: product.url, grievance: product.url });
    const users = await loginDemoUsers(client, product.password);
    const { ids, end } = await runScenario(client, users, { electionId: 'e2026scn', log: () => undefined });
    expect(end).toEqual(EXPECTED_END_STATE);
    // Disqualified with the tip as evidence (the event vetting recorded; the view shows the status only).
    const disqualified = await probes.disqualificationEvidence(ids.electionId, ids.village);
    expect(disqualified.map((d) => d.nomineeId)).toEqual([TIPPED.nomineeId]);
    expect(JSON.stringify(disqualified[0].evidence)).toContain(ids.tipId);
  }, 150_000);
});
