import { Pool } from 'pg';
import { eventually, sleep } from '@lw/testing';
import { ScenarioClient, type Service } from './client';
import { Cleanup, SERVICES, startDistributedProduct, type DistributedProduct } from './distributed';
import { effectProblems } from './effect-counts';
import { consumerSpread, killLeader, type Takeover } from './failover';
import { leadersPerLoop } from './replica-probes';
import { inParallel, tipFlow } from './tip-flow';
import { mintUsers } from './users';

// Issue 7, scaling: two replicas of each service as OS processes over Kafka (the test broker),
// HTTP behind a round-robin balancer, consumer groups sharing partitions, one relay and projector
// leader per service. The relay leader of every service is SIGKILLed mid-flow: its twin takes over
// within 10 s, and every effect of the workload exists exactly once across the four services.
const ELECTION = 'e2026scale';
const BEFORE = 24; // tips handled before the kill
const ROUND = 6; // tips per round while waiting for the consumer groups to share partitions
const DURING = 36; // tips in flight while the leaders die

describe('scaling, two replicas per service (eight processes over Kafka)', () => {
  const cleanup = new Cleanup();
  let product: DistributedProduct | undefined;
  let pool: Pool | undefined;

  afterAll(async () => {
    await pool?.end();
    await cleanup.run();
  }, 90_000);

  it('spreads requests and partitions, keeps one leader per loop, survives losing the leaders with every effect exactly once', async () => {
    product = await startDistributedProduct(cleanup, { replicas: 2, redisDb: 10, env: { TIPLINE_PUBLIC_SUBMISSIONS_PER_HOUR: '0' } });
    const { replicaUrls, balancers } = product as Required<DistributedProduct>;
    pool = new Pool({ connectionString: product.databaseUrl, max: 6, application_name: 'scenario:scaling' });
    pool.on('error', () => undefined);
    // Observation only: which replica handled each delivery (its pool's application_name names it).
    for (const s of SERVICES) await pool.query(`ALTER TABLE ${s}.inbox ADD COLUMN handled_by text DEFAULT current_setting('application_name')`);

    const client = new ScenarioClient(product.urls);
    const users = await mintUsers(client, product.authSecret, product.county);
    const villages = ((await client.ok('GET', `/hierarchy/nodes/${users.townshipNode}/children`, { token: users.org })) as { code: string }[]).map((v) => v.code);
    const flow = tipFlow(client, users, product.databaseUrl, villages);
    const tips: string[] = [];
    const runTips = (from: number, count: number, parallel: number) =>
      inParallel(Array.from({ length: count }, (_, i) => from + i), parallel, async (i) => {
        const tipId = await flow.submit(i);
        tips.push(tipId);
        await flow.conclude(tipId);
      });
    try {
      await client.ok('POST', '/vetting/elections', {
        token: users.org,
        json: { electionId: ELECTION, name: '2026 年村（社区）“两委”换届', scope: users.townshipNode, seats: { party: 3, committee: 3, supervision: 3 } },
      });
      await runTips(0, BEFORE, 6);
      await eventually('the first tips\' cases in the ledger', async () => (await flow.visibleCases()).length >= BEFORE, 90_000);
      const planned = await eventually('the election on the board', async () => {
        const r = await client.call('GET', `/vetting/elections/${ELECTION}`, { token: users.org });
        return r.status === 200 && (r.body.totals.villages as number);
      });
      await eventually('the outgoing audits planned', async () => (await client.ok('GET', `/auditing/engagements?electionId=${ELECTION}&limit=1`, { token: users.auditor })).total === planned);

      // (a) Both replicas of every service answered requests through the balancer (a few reads of
      // each service's lists first: auditing saw little traffic so far).
      // The organisation department sees tip statistics only (the tip-line's access policy).
      const reads = ['/vetting/elections', '/tipline/tips/statistics?from=2026-01-01&to=2026-12-31', `/auditing/engagements?electionId=${ELECTION}&limit=1`, '/grievance/ledger?limit=1'];
      for (const path of reads) for (let i = 0; i < 4; i++) await client.ok('GET', path, { token: users.org });
      for (const s of SERVICES) expect({ s, served: balancers[s].backends.map((b) => b.served > 0) }).toEqual({ s, served: [true, true] });
      // (c) Exactly one replica leads each loop (relay, every projector).
      const loops = {} as Record<Service, string[]>;
      for (const s of SERVICES) {
        const byLoop = await eventually(`${s}: one leader per loop`, async () => {
          const m = await leadersPerLoop(replicaUrls[s]);
          return m.size > 1 && [...m.values()].every((l) => l.length === 1) && m;
        });
        loops[s] = [...byLoop.keys()];
      }
      // (b) Each consumer group's two members hold partitions: in a round of tips, both replicas
      // handle deliveries, never from the same partition. A member that joins is given partitions
      // when the group rebalances, which the test broker completes about a session timeout (30 s,
      // kafkajs's default, which the services keep) after the join: hence rounds until it shows.
      let next = BEFORE;
      const spread = await eventually('every consumer group shared by both replicas', async () => {
        const from = new Date();
        await runTips(next, ROUND, ROUND);
        next += ROUND;
        await sleep(3000); // the round's events delivered
        const sp = await consumerSpread(pool!, from, new Date());
        return SERVICES.every((s) => sp[s].replicas === 2 && sp[s].shared.length === 0) && sp;
      }, 150_000);
      console.log(`partitions handled per replica in the last round: ${JSON.stringify(spread)}`);

      // (d) Mid-flow, the relay leader of every service dies at once; its twin must lead every loop within 10 s.
      const during = runTips(next, DURING, 4);
      await eventually('the second wave under way', async () => tips.length >= next + 6);
      const takeovers: Takeover[] = await Promise.all(SERVICES.map((s) => killLeader(product!, pool!, s, loops[s])));
      console.log(`takeover after SIGKILL: ${takeovers.map((t) => `${t.service} ${t.ms} ms (on its /metrics after ${t.reportedMs} ms)`).join(', ')}`);
      for (const t of takeovers) expect({ service: t.service, within10s: t.ms < 10_000 }).toEqual({ service: t.service, within10s: true });
      await during;

      await eventually('every tip\'s case in the ledger', async () => (await flow.visibleCases()).length === tips.length, 150_000);
      // Then everything settles (replies to grievance, projections), and every effect is counted.
      await eventually('every effect exactly once', async () => {
        const problems = await effectProblems(pool!, { tipIds: tips, electionId: ELECTION, engagements: planned });
        if (problems.length) throw new Error(problems.join('; '));
        return true;
      }, 90_000);
    } catch (err) {
      for (const p of product.processes) console.error(`--- ${p.name} ---\n${p.output().split('\n').slice(-8).join('\n')}`);
      throw err;
    } finally {
      await flow.close();
    }
  }, 330_000);
});
