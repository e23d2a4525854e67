import { Kafka, logLevel, type Admin } from 'kafkajs';
import { consumerGroup, integrationTopic } from '@lw/messaging';
import { ScenarioClient, mintUsers } from '@lw/scenario';
import { eventually } from '@lw/testing';
import { probes } from './probes';
import { COUNTY, startFaultProduct, Undo, type FaultProduct } from './product';
import { concludeWithRectification, submitPublicTip } from './tips';

const FAULT_EXIT_CODE = 86; // libs/messaging/src/kafka/fault-injection.ts

/** Messages on the topic past grievance's committed offsets (a partition never committed counts from its start). */
async function uncommitted(admin: Admin, topic: string): Promise<number> {
  const committed = (await admin.fetchOffsets({ groupId: consumerGroup('grievance'), topics: [topic] }))[0].partitions;
  const ends = await admin.fetchTopicOffsets(topic);
  return ends.reduce((sum, p) => {
    const at = Number(committed.find((c) => c.partition === p.partition)?.offset ?? -1);
    return sum + Number(p.high) - Math.max(at, Number(p.low));
  }, 0);
}

// Issue 7, faults: a consumer crash between effect and offset commit ⇒ effect applied once.
// Grievance runs with the test-only switch LW_FAULT_EXIT_AFTER_EFFECT=tipline.TipConcluded: it
// opens the case (inbox row and case committed together) and exits before committing the offset.
// Restarted without the switch, it is handed the same message again; the inbox skips it.
describe('faults: consumer crash between effect and offset commit', () => {
  const undo = new Undo();
  let product: FaultProduct | undefined;
  afterAll(() => undo.run(), 120_000);

  it('redelivers the message after the restart and keeps the effect exactly once', async () => {
    // Auditing takes no part (it does not read the tip-line's topic): three processes, not four.
    product = await startFaultProduct({ services: ['vetting', 'tipline', 'grievance'], redisDb: 13, serviceEnv: { grievance: { LW_FAULT_EXIT_AFTER_EFFECT: 'tipline.TipConcluded' } } }, undo.steps);
    const probe = probes(product.db);
    const client = new ScenarioClient(product.urls);
    const users = await mintUsers(client, product.authSecret, COUNTY);
    const kafka = new Kafka({ clientId: 'faults-offsets', brokers: product.kafka.brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    undo.steps.push(() => admin.disconnect());
    try {
      const grievance = product.processes.get('grievance')!;
      const exited = new Promise<number | null>((resolve) => grievance.child.once('exit', (code) => resolve(code)));
      expect((await submitPublicTip(client, users.village, '崩溃甲')).status).toBe(201);
      const tipId = await eventually('the tip in the read model', () => probe.tipIdByName('崩溃甲'));
      await concludeWithRectification(client, users, tipId);

      const concludedAt = Date.now();
      expect(await exited).toBe(FAULT_EXIT_CODE);
      const crashedAfterMs = Date.now() - concludedAt;
      // The effect committed before the crash; the offset did not.
      expect(await probe.casesOpenedForTip(tipId)).toBe(1);
      expect(await probe.inbox('grievance', 'tipline.TipConcluded')).toEqual({ rows: 1, distinct: 1 });
      const { rows } = await product.db.query<{ id: string }>(`SELECT envelope->>'id' AS id FROM tipline.outbox WHERE envelope->>'type' = 'tipline.TipConcluded'`);
      const eventId = rows[0].id;
      const topic = integrationTopic('tipline');
      const behind = await uncommitted(admin, topic);
      expect(behind).toBeGreaterThan(0);

      const restartAt = Date.now();
      const restarted = await product.restart('grievance');
      const listeningAfterMs = Date.now() - restartAt;
      await eventually(
        'the redelivered TipConcluded skipped by the inbox',
        async () => restarted.output().split('\n').some((l) => l.includes('duplicate delivery skipped') && l.includes(eventId)),
        180_000,
      );
      const redeliveredAfterMs = Date.now() - restartAt;
      expect(await probe.casesOpenedForTip(tipId)).toBe(1);
      expect(await probe.inbox('grievance', 'tipline.TipConcluded')).toEqual({ rows: 1, distinct: 1 });
      // Once the redelivered message is done its offset is committed: nothing left behind.
      await eventually('the grievance group caught up', async () => (await uncommitted(admin, topic)) === 0, 60_000);
      const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
      console.info(
        `consumer-crash: grievance exited ${FAULT_EXIT_CODE} ${s(crashedAfterMs)} after the conclusion with ${behind} message(s) uncommitted; ` +
          `restarted, listening in ${s(listeningAfterMs)}, redelivered ${eventId} skipped as a duplicate ${s(redeliveredAfterMs)} after the restart; ` +
          `offsets committed ${s(Date.now() - restartAt)} after it`,
      );
    } catch (err) {
      console.error(product.logs());
      throw err;
    }
  }, 500_000);
});
