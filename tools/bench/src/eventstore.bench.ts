import { randomUUID } from 'crypto';
import type { Pool } from 'pg';
import { migrate } from '@lw/db';
import { ALL_START, EventStore, eventstoreMigrations, NewEvent } from '@lw/eventstore';
import { createTestDatabase } from '@lw/testing';
import type { BenchFigure, BenchSuite } from './bench.types';

// Our append (version check, optimistic concurrency, tx id for gap-safe reads) against a raw
// batched INSERT of the same rows into a plain copy of the events table, in the same database.
const RAW_TABLE = `
  CREATE TABLE raw_events (
    position bigserial PRIMARY KEY, stream_id text NOT NULL, stream_version integer NOT NULL,
    type text NOT NULL, type_version integer NOT NULL DEFAULT 1, data jsonb NOT NULL,
    metadata jsonb NOT NULL DEFAULT '{}'::jsonb, event_id uuid NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(), UNIQUE (stream_id, stream_version))`;

const data = (i: number) => ({ tipId: `t-${i}`, villageCode: '320724101200', category: '优亲厚友', text: '村干部在低保评定中优亲厚友' });

function batchOf(start: number, size: number): NewEvent[] {
  return Array.from({ length: size }, (_, k) => ({ type: 'TipReceived', data: data(start + k), id: randomUUID() }));
}

async function rawInsert(pool: Pool, stream: string, fromVersion: number, events: NewEvent[]): Promise<void> {
  const values: string[] = [];
  const params: unknown[] = [];
  events.forEach((e, k) => {
    const p = params.length;
    values.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5})`);
    params.push(stream, fromVersion + k, e.type, JSON.stringify(e.data), e.id);
  });
  await pool.query(`INSERT INTO raw_events (stream_id, stream_version, type, data, event_id) VALUES ${values.join(',')}`, params);
}

async function rate(n: number, run: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await run();
  return n / ((performance.now() - t0) / 1000);
}

const perSecond = (value: number) => ({ value, unit: 'events/s', higherIsBetter: true });

export const eventstoreBench: BenchSuite = async (ctx) => {
  const db = await createTestDatabase('bench_es');
  const pool = db.pool('svc', 10);
  const figures: BenchFigure[] = [];
  try {
    await migrate(pool, 'svc', eventstoreMigrations);
    await pool.query(RAW_TABLE);
    const store = new EventStore(pool);
    const total = Math.max(2000, Math.round(100_000 * ctx.scale));

    for (const batch of [1, 100]) {
      const n = batch === 1 ? Math.round(total / 10) : total;
      const stream = `one-${batch}`;
      const ours = await rate(n, async () => {
        for (let v = 0; v < n; v += batch) await store.append(stream, v, batchOf(v, batch));
      });
      const base = await rate(n, async () => {
        for (let v = 0; v < n; v += batch) await rawInsert(pool, stream, v + 1, batchOf(v, batch));
      });
      ctx.log(`append 1 stream, ${batch}/append: ${Math.round(ours)} vs raw ${Math.round(base)} events/s`);
      figures.push({
        name: `append, 1 stream, ${batch} event(s) per append, ${n.toLocaleString('en-US')} events`,
        ours: perSecond(ours),
        baseline: { ...perSecond(base), label: `raw INSERT of ${batch} row(s) per statement` },
        note:
          batch === 1
            ? 'one round trip each, the statement prepared once per connection; the append adds the head lookup and the tx-id guard to the same statement'
            : 'rows go in through jsonb_array_elements in one statement; the rest is the version check and the unique index',
      });
    }

    // 1,000 streams, 8 concurrent writers, each owning its own streams, 10 events per append.
    const writers = 8;
    const streams = 1000;
    const perAppend = 10;
    const rounds = Math.max(1, Math.round(total / (streams * perAppend)));
    const n = streams * perAppend * rounds;
    const work = async (append: (stream: string, version: number, events: NewEvent[]) => Promise<void>) => {
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let r = 0; r < rounds; r++) {
            for (let s = w; s < streams; s += writers) await append(`s-${s}`, r * perAppend, batchOf(r * perAppend, perAppend));
          }
        }),
      );
    };
    const ours = await rate(n, () => work(async (stream, v, events) => void (await store.append(stream, v, events))));
    const base = await rate(n, () => work((stream, v, events) => rawInsert(pool, stream, v + 1, events)));
    ctx.log(`append 1000 streams x 8 writers: ${Math.round(ours)} vs raw ${Math.round(base)} events/s`);
    figures.push({
      name: `append, ${streams.toLocaleString('en-US')} streams × ${writers} concurrent writers, ${perAppend} per append, ${n.toLocaleString('en-US')} events`,
      ours: perSecond(ours),
      baseline: { ...perSecond(base), label: `raw INSERT, ${writers} connections` },
      note: 'same statement shape as above; concurrency is bounded by two cores shared with PostgreSQL',
    });

    // Read everything back: gap-safe read-all pages vs a raw keyset SELECT.
    const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM events');
    const stored = Number(rows[0].n);
    const page = 1000;
    const readOurs = await rate(stored, async () => {
      let after = ALL_START;
      for (;;) {
        const { events, next } = await store.readAll(after, page);
        if (events.length === 0) break;
        after = next;
      }
    });
    const readRaw = await rate(stored, async () => {
      let last = 0;
      for (;;) {
        const r = await pool.query<{ position: string }>(
          'SELECT position, stream_id, stream_version, type, type_version, data, metadata, event_id, created_at FROM events WHERE position > $1 ORDER BY position LIMIT $2',
          [last, page],
        );
        if (r.rows.length === 0) break;
        last = Number(r.rows[r.rows.length - 1].position);
      }
    });
    ctx.log(`read-all: ${Math.round(readOurs)} vs raw ${Math.round(readRaw)} events/s`);
    figures.push({
      name: `read-all, ${stored.toLocaleString('en-US')} events in pages of ${page}`,
      ours: perSecond(readOurs),
      baseline: { ...perSecond(readRaw), label: 'raw SELECT … WHERE position > $1 ORDER BY position' },
      note: 'ours first lists other databases\' open xids (pg_stat_activity), then walks the (tx_id, position) index below the bound and maps rows to events',
    });
    return figures;
  } finally {
    await db.drop();
  }
};
