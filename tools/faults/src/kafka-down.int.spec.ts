import { ScenarioClient, mintUsers } from '@lw/scenario';
import { eventually, sleep } from '@lw/testing';
import { probes } from './probes';
import { COUNTY, startFaultProduct, Undo, type FaultProduct } from './product';
import { concludeWithRectification, pooled, submitPublicTip } from './tips';

const TIPS = 1000;
const OUTAGE_MS = 30_000;
const CONCLUDED_IN_OUTAGE = 3;

// Issue 7, faults: Kafka down for 30 s during a burst of 1,000 public tips ⇒ every tip is accepted
// with a receipt (the outbox keeps the events), and after recovery every downstream effect is there
// exactly once: each TipReceived in vetting's and grievance's inbox, and the cases grievance opens
// for tips concluded with rectification while the brokers were down.
describe('faults: Kafka down during a burst of public tips', () => {
  const undo = new Undo();
  let product: FaultProduct | undefined;
  afterAll(() => undo.run(), 120_000);

  it('accepts every tip during the outage and delivers every effect once after it', async () => {
    // Auditing does not read the tip-line's topic: three processes, not four, on two shared cores.
    product = await startFaultProduct({ services: ['vetting', 'tipline', 'grievance'], redisDb: 11 }, undo.steps);
    const { kafka } = product;
    const probe = probes(product.db);
    const client = new ScenarioClient(product.urls);
    const users = await mintUsers(client, product.authSecret, COUNTY);
    const names = Array.from({ length: TIPS }, (_, i) => `断网${String(i).padStart(4, '0')}`);
    try {
      let phase: 'before' | 'outage' | 'after' = 'before';
      const answeredIn = { before: 0, outage: 0, after: 0 };
      const burst = pooled(names, 6, async (name) => {
        const r = await submitPublicTip(client, users.village, name);
        answeredIn[phase]++;
        return r;
      });

      await eventually('the first 50 tips answered', async () => answeredIn.before >= 50, 120_000);
      await kafka.down('all');
      phase = 'outage';
      const downAt = Date.now();
      // Staff keep working too: conclusions with rectification wait in the outbox as TipConcluded.
      const concluded: string[] = [];
      for (const name of names.slice(0, CONCLUDED_IN_OUTAGE)) {
        const tipId = await eventually(`tip ${name} in the tip-line's read model`, () => probe.tipIdByName(name), 60_000);
        await concludeWithRectification(client, users, tipId);
        concluded.push(tipId);
      }
      await sleep(Math.max(0, OUTAGE_MS - (Date.now() - downAt)));
      await kafka.up('all');
      phase = 'after';
      const upAt = Date.now();
      const answers = await burst;

      const failed = answers.filter((a) => a.status !== 201 || !a.receiptCode);
      expect(failed.slice(0, 3)).toEqual([]);
      expect(new Set(answers.map((a) => a.receiptCode)).size).toBe(TIPS);
      expect(answeredIn.outage).toBeGreaterThan(0);

      // Every TipReceived reaches both consumers once, and is the very envelope the outbox held.
      const outbox = await eventually('the outbox drained', async () => {
        const o = await probe.tiplineOutbox('tipline.TipReceived');
        return o.total === TIPS && o.unsent === 0 && o;
      }, 240_000);
      for (const consumer of ['vetting', 'grievance'] as const) {
        await eventually(`${consumer} inbox holding ${TIPS} TipReceived`, async () => (await probe.inbox(consumer, 'tipline.TipReceived')).rows >= TIPS, 240_000);
        expect(await probe.inbox(consumer, 'tipline.TipReceived')).toEqual({ rows: TIPS, distinct: TIPS });
        const matched = await probe.count(
          `SELECT count(*) AS n FROM ${consumer}.inbox i JOIN tipline.outbox o ON (o.envelope->>'id')::uuid = i.event_id WHERE i.consumer = $1 AND i.event_type = 'tipline.TipReceived'`,
          [consumer],
        );
        expect(matched).toBe(TIPS);
      }
      for (const tipId of concluded) {
        await eventually(`grievance case for tip ${tipId}`, async () => (await probe.casesOpenedForTip(tipId)) > 0, 120_000);
        expect(await probe.casesOpenedForTip(tipId)).toBe(1);
      }
      expect(await probe.inbox('grievance', 'tipline.TipConcluded')).toEqual({ rows: CONCLUDED_IN_OUTAGE, distinct: CONCLUDED_IN_OUTAGE });
      // Nothing was dead-lettered: the outage is the transport's, not the messages'.
      expect(product.logs(200)).not.toContain('message dead-lettered');
      console.info(
        `kafka-down: tips answered before/during/after the ${OUTAGE_MS / 1000} s outage: ${answeredIn.before}/${answeredIn.outage}/${answeredIn.after}; ` +
          `outbox had ${outbox.total} TipReceived; every effect present ${((Date.now() - upAt) / 1000).toFixed(1)} s after the brokers came back`,
      );
    } catch (err) {
      console.error(product.logs());
      throw err;
    }
  }, 600_000);
});
