// The behaviour every IntegrationBus adapter promises, run by each adapter's spec against real
// PostgreSQL (and the Kafka test broker for the Kafka adapter). Not a spec itself: the adapters'
// spec files call describeBusContract with a factory.
import type { Pool } from 'pg';
import { migrate } from '@lw/db';
import { createTestDatabase, expectEventually, TestDatabase } from '@lw/testing';
import { ContractViolationError, type IntegrationEvent } from '@lw/domain';
import type { IntegrationBus } from '../bus.port';
import { messagingMigrations } from '../migrations';
import { RetryPolicy } from '../retry-policy';
import { ScenarioPayload, testEvent } from './test-events';

export const CONTRACT_PRODUCER = 'alpha';
export const CONTRACT_CONSUMERS = ['consumer_a', 'consumer_b'] as const;
/** Short backoff so a poison message is given up within a second. */
export const CONTRACT_RETRY: RetryPolicy = { attempts: 3, initialBackoffMs: 20, maxBackoffMs: 100 };

export interface DeadLetterView {
  eventId: string | null;
  error: string;
  attempts: number;
}

export interface BusHarness {
  /** Not started yet; the suite subscribes its consumers, then starts it. */
  bus: IntegrationBus;
  /** Puts a raw message that is no valid envelope where consumers of `producer` read. */
  injectRaw(producer: string, villageCode: string, raw: string): Promise<void>;
  deadLetters(consumer: string): Promise<DeadLetterView[]>;
  close(): Promise<void>;
}

export interface ContractContext {
  db: TestDatabase;
  retry: RetryPolicy;
}

interface Effect {
  event_id: string;
  village: string | null;
  scenario: string;
  seq: number;
}

export function describeBusContract(name: string, factory: (ctx: ContractContext) => Promise<BusHarness>): void {
  describe(`IntegrationBus contract: ${name}`, () => {
    let db: TestDatabase;
    let harness: BusHarness;
    const pools = new Map<string, Pool>();
    /** Handler calls per consumer and event id, including failed ones. */
    const calls = new Map<string, number>();

    beforeAll(async () => {
      db = await createTestDatabase('msg_contract');
      harness = await factory({ db, retry: CONTRACT_RETRY });
      for (const consumer of CONTRACT_CONSUMERS) {
        const pool = db.pool(consumer, 12);
        await migrate(pool, consumer, [
          ...messagingMigrations,
          { id: 'contract/001_effects', sql: 'CREATE TABLE effects (id bigserial PRIMARY KEY, event_id uuid NOT NULL, village text, scenario text NOT NULL, seq int NOT NULL)' },
        ]);
        pools.set(consumer, pool);
        await harness.bus.subscribe({
          consumer,
          producers: [CONTRACT_PRODUCER],
          pool,
          handle: async (event, tx) => {
            const p = event.payload as ScenarioPayload;
            const key = `${consumer}:${event.id}`;
            const n = (calls.get(key) ?? 0) + 1;
            calls.set(key, n);
            // Written before throwing, to prove the rollback drops the effect with the inbox row.
            await tx.query('INSERT INTO effects (event_id, village, scenario, seq) VALUES ($1, $2, $3, $4)', [event.id, event.villageCode, p.scenario, p.seq]);
            if (n <= (p.dropConnectionTimes ?? 0)) await tx.query('SELECT pg_terminate_backend(pg_backend_pid())');
            if (p.poison) throw new Error(`poison ${p.scenario}#${p.seq}`);
            if (p.breaksContract) throw new ContractViolationError(event.type, event.version, [{ code: 'custom', path: ['seq'], message: 'broken', input: p.seq }]);
            if (n <= (p.failTimes ?? 0)) throw new Error(`flaky ${p.scenario}#${p.seq} attempt ${n}`);
          },
        });
      }
      await harness.bus.start();
    });

    afterAll(async () => {
      await harness?.bus.stop();
      await harness?.close();
      await db?.drop();
    });

    const effects = async (consumer: string, scenario: string): Promise<Effect[]> =>
      (await pools.get(consumer)!.query<Effect>('SELECT event_id, village, scenario, seq FROM effects WHERE scenario = $1 ORDER BY id', [scenario])).rows;

    const publish = (events: IntegrationEvent[]): Promise<void> => harness.bus.publish(events);

    /** Waits until every consumer applied the marker event: anything published before it in its village was handled. */
    const waitFor = async (marker: IntegrationEvent): Promise<void> => {
      const p = marker.payload as ScenarioPayload;
      await expectEventually(async () => {
        for (const c of CONTRACT_CONSUMERS) {
          const rows = await effects(c, p.scenario);
          if (!rows.some((r) => r.event_id === marker.id)) throw new Error(`${c} has not applied ${p.scenario}#${p.seq}`);
        }
      });
    };

    it('delivers every event once to each consumer', async () => {
      const events = Array.from({ length: 6 }, (_, i) => testEvent(CONTRACT_PRODUCER, `3301020010${i % 3}`, { scenario: 'fanout', seq: i }));
      await publish(events);
      await expectEventually(async () => {
        for (const c of CONTRACT_CONSUMERS) expect((await effects(c, 'fanout')).length).toBeGreaterThanOrEqual(6);
      });
      // A marker behind every village shows no late duplicate is still in flight.
      const markers = ['33010200100', '33010200101', '33010200102'].map((v, i) => testEvent(CONTRACT_PRODUCER, v, { scenario: 'fanout', seq: 100 + i }));
      await publish(markers);
      for (const m of markers) await waitFor(m);
      for (const c of CONTRACT_CONSUMERS) {
        const ids = (await effects(c, 'fanout')).filter((r) => r.seq < 100).map((r) => r.event_id);
        expect(ids.sort()).toEqual(events.map((e) => e.id).sort());
      }
    });

    it('applies a redelivered envelope once (inbox)', async () => {
      const e = testEvent(CONTRACT_PRODUCER, '330102001001', { scenario: 'dup', seq: 1 });
      await publish([e]);
      await publish([e, e]);
      const marker = testEvent(CONTRACT_PRODUCER, '330102001001', { scenario: 'dup', seq: 2 });
      await publish([marker]);
      await waitFor(marker);
      for (const c of CONTRACT_CONSUMERS) {
        expect((await effects(c, 'dup')).map((r) => r.seq)).toEqual([1, 2]);
        // Delivered three times, handled once: the duplicates never reached the handler.
        expect(calls.get(`${c}:${e.id}`)).toBe(1);
        const inbox = await pools.get(c)!.query('SELECT 1 FROM inbox WHERE consumer = $1 AND event_id = $2', [c, e.id]);
        expect(inbox.rowCount).toBe(1);
      }
    });

    it('retries a handler that fails twice, then applies the event once', async () => {
      const e = testEvent(CONTRACT_PRODUCER, '330102001002', { scenario: 'flaky', seq: 1, failTimes: 2 });
      await publish([e]);
      await waitFor(e);
      for (const c of CONTRACT_CONSUMERS) {
        expect(calls.get(`${c}:${e.id}`)).toBe(3);
        expect(await effects(c, 'flaky')).toHaveLength(1);
        expect((await harness.deadLetters(c)).some((d) => d.eventId === e.id)).toBe(false);
      }
    });

    it('does not spend attempts while the consumer database is unreachable', async () => {
      // More connection losses than the retry policy allows attempts: they must not count.
      const e = testEvent(CONTRACT_PRODUCER, '330102001005', { scenario: 'outage', seq: 1, dropConnectionTimes: CONTRACT_RETRY.attempts + 1 });
      await publish([e]);
      await waitFor(e);
      for (const c of CONTRACT_CONSUMERS) {
        expect(calls.get(`${c}:${e.id}`)).toBe(CONTRACT_RETRY.attempts + 2);
        expect(await effects(c, 'outage')).toHaveLength(1);
        expect((await harness.deadLetters(c)).some((d) => d.eventId === e.id)).toBe(false);
      }
    });

    it('dead-letters a poison message after bounded attempts while later ones keep flowing', async () => {
      const village = '330102001003';
      const poison = testEvent(CONTRACT_PRODUCER, village, { scenario: 'poison', seq: 0, poison: true });
      const later = [1, 2, 3].map((seq) => testEvent(CONTRACT_PRODUCER, village, { scenario: 'poison', seq }));
      await publish([poison]);
      await publish(later);
      await waitFor(later[2]);
      for (const c of CONTRACT_CONSUMERS) {
        // The poison's own effect rows were rolled back with each failed attempt.
        expect((await effects(c, 'poison')).map((r) => r.seq)).toEqual([1, 2, 3]);
        expect(calls.get(`${c}:${poison.id}`)).toBe(CONTRACT_RETRY.attempts);
        const dead = await expectEventually(async () => {
          const d = (await harness.deadLetters(c)).find((x) => x.eventId === poison.id);
          if (!d) throw new Error('not dead-lettered yet');
          return d;
        });
        expect(dead.attempts).toBe(CONTRACT_RETRY.attempts);
        expect(dead.error).toContain('poison poison#0');
        const inbox = await pools.get(c)!.query('SELECT 1 FROM inbox WHERE event_id = $1', [poison.id]);
        expect(inbox.rowCount).toBe(0);
      }
    });

    it('dead-letters a payload that breaks its contract on the first failure: retrying cannot mend it', async () => {
      const village = '330102001006';
      const broken = testEvent(CONTRACT_PRODUCER, village, { scenario: 'contract', seq: 0, breaksContract: true });
      const later = testEvent(CONTRACT_PRODUCER, village, { scenario: 'contract', seq: 1 });
      await publish([broken, later]);
      await waitFor(later);
      for (const c of CONTRACT_CONSUMERS) {
        expect(calls.get(`${c}:${broken.id}`)).toBe(1);
        const dead = await expectEventually(async () => {
          const d = (await harness.deadLetters(c)).find((x) => x.eventId === broken.id);
          if (!d) throw new Error('not dead-lettered yet');
          return d;
        });
        expect(dead.attempts).toBe(1);
        expect(dead.error).toContain('ContractViolationError');
      }
    });

    it('dead-letters messages that are not valid envelopes without blocking the village', async () => {
      const village = '330102001004';
      await harness.injectRaw(CONTRACT_PRODUCER, village, 'not json {');
      const badEnvelope = { ...testEvent(CONTRACT_PRODUCER, village, { scenario: 'garbage', seq: 0 }), version: 0, occurredAt: 'yesterday' };
      await harness.injectRaw(CONTRACT_PRODUCER, village, JSON.stringify(badEnvelope));
      const good = testEvent(CONTRACT_PRODUCER, village, { scenario: 'garbage', seq: 1 });
      await publish([good]);
      await waitFor(good);
      for (const c of CONTRACT_CONSUMERS) {
        expect((await effects(c, 'garbage')).map((r) => r.seq)).toEqual([1]);
        const dead = await expectEventually(async () => {
          const d = await harness.deadLetters(c);
          const notJson = d.find((x) => x.eventId === null && /not JSON/.test(x.error));
          const invalid = d.find((x) => x.eventId === badEnvelope.id);
          if (!notJson || !invalid) throw new Error('both bad messages should be dead-lettered');
          return { notJson, invalid };
        });
        expect(dead.invalid.error).toMatch(/invalid envelope/);
        // Undecodable messages cannot get better: no retries are spent on them.
        expect(dead.notJson.attempts).toBe(0);
        expect(calls.has(`${c}:${badEnvelope.id}`)).toBe(false);
      }
    });

    it('keeps each village in publish order, across batches and retries', async () => {
      const villages = ['330102001010', '330102001011', '330102001012'];
      const perVillage = 20;
      const events: IntegrationEvent[] = [];
      for (let seq = 0; seq < perVillage; seq++) {
        for (const v of villages) {
          // Some events fail once: a retry must hold back the village's later events, not let them pass.
          events.push(testEvent(CONTRACT_PRODUCER, v, { scenario: 'order', seq, failTimes: seq % 7 === 3 ? 1 : 0 }));
        }
      }
      for (let i = 0; i < events.length; i += 10) await publish(events.slice(i, i + 10));
      for (const v of villages) await waitFor(events.filter((e) => e.villageCode === v).at(-1)!);
      for (const c of CONTRACT_CONSUMERS) {
        const rows = await effects(c, 'order');
        for (const v of villages) {
          expect(rows.filter((r) => r.village === v).map((r) => r.seq)).toEqual(Array.from({ length: perVillage }, (_, i) => i));
        }
      }
    });
  });
}
