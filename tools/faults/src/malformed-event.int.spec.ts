import { randomUUID } from 'crypto';
import { ScenarioClient, mintUsers } from '@lw/scenario';
import { eventually } from '@lw/testing';
import { probes } from './probes';
import { COUNTY, startFaultProduct, Undo, type FaultProduct } from './product';
import { rawKafka, tipConcludedEnvelope } from './raw-kafka';

// Issue 7, faults: a malformed event on a topic ⇒ dead-letter, the rest flows. Three kinds of bad
// message go onto the tip-line's topic between valid TipConcluded events, all on one key (one
// partition, in order): each bad one lands in both consumers' dead-letter topics with its reason,
// and every valid one after it opens its grievance case.
describe('faults: malformed events on a topic', () => {
  const undo = new Undo();
  let product: FaultProduct | undefined;
  afterAll(() => undo.run(), 120_000);

  it('dead-letters each malformed message with a reason and applies the valid ones after it', async () => {
    // The tip-line topic's two consumers; nothing else is needed (the test is the producer).
    product = await startFaultProduct({ services: ['vetting', 'grievance'], redisDb: 14 }, undo.steps);
    const probe = probes(product.db);
    const users = await mintUsers(new ScenarioClient(product.urls), product.authSecret, COUNTY);
    const raw = await rawKafka(product.kafka.brokers);
    undo.steps.push(() => raw.close());
    try {
      const valid = ['坏消息甲', '坏消息乙', '坏消息丙', '坏消息丁'].map((name) => tipConcludedEnvelope(users.village, name));
      const badPayload = { ...tipConcludedEnvelope(users.village, '坏载荷'), id: randomUUID(), payload: { tipId: 42, finding: 'maybe' } };
      const bad = ['{"type": "tipline.TipConcluded", not json', JSON.stringify({ hello: '不是信封', type: 'tipline.TipConcluded' }), JSON.stringify(badPayload)];
      const values = [valid[0], bad[0], valid[1], bad[1], valid[2], bad[2], valid[3]].map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
      await raw.sendToTipline(users.village, values);

      for (const e of valid) {
        const tipId = (e.payload as { tipId: string }).tipId;
        await eventually(`grievance case for ${tipId}`, async () => (await probe.casesOpenedForTip(tipId)) > 0, 120_000);
        expect(await probe.casesOpenedForTip(tipId)).toBe(1);
      }
      await eventually('three dead letters per consumer', async () => raw.dead.length >= 6, 120_000);
      for (const consumer of ['grievance', 'vetting']) {
        const mine = raw.dead.filter((d) => d.consumer === consumer);
        expect(mine.map((d) => d.value)).toEqual(bad);
        expect(mine[0].error).toMatch(/not JSON/);
        expect(mine[1].error).toMatch(/invalid envelope/);
        // An undecodable message goes before any handling; a payload breaking its contract after the
        // handler's first try (poison: retrying cannot help and would hold up the partition).
        expect(mine.map((d) => d.attempts)).toEqual([0, 0, 1]);
        expect(mine[2].error).toMatch(/ContractViolationError: payload of tipline\.TipConcluded v1 violates its contract: tipId/);
      }
      expect(await probe.inbox('grievance', 'tipline.TipConcluded')).toEqual({ rows: valid.length, distinct: valid.length });
      console.info(`malformed-event: dead letters\n${raw.dead.map((d) => `  ${d.consumer} (attempts ${d.attempts}): ${d.error.slice(0, 160)}`).join('\n')}`);
    } catch (err) {
      console.error(product.logs());
      throw err;
    }
  }, 400_000);
});
