// Division tree: our import (COPY into staging + derived columns + set-based merge into the indexed,
// versioned table) against a raw COPY of the same CSV rows into a plain table; and the in-memory
// isInside scope check against a bare string prefix test.
import { Client, Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Writable } from 'stream';
import { createPool, migrate } from '@lw/db';
import { chinaDivisionDataDir, Hierarchy, hierarchyMigrations, importDivisions, readChinaDivision } from '@lw/hierarchy';
import { withDatabase } from '@lw/testing';
import type { BenchContext, BenchFigure, BenchSuite } from './bench.types';

const SCHEMA = 'hierarchy';

export const hierarchyBench: BenchSuite = async (ctx) => {
  // The whole country at full scale; a quick run imports 江苏 (≈23k rows) instead.
  const scope = ctx.scale >= 1 ? 'all' : '32';
  const name = `bench_hierarchy_${process.pid}`;
  const admin = new Client({ connectionString: ctx.pgUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const pool = createPool({ url: withDatabase(ctx.pgUrl, name), schema: SCHEMA, max: 2 });
  try {
    await migrate(pool, SCHEMA, hierarchyMigrations);
    return [...(await importFigures(ctx, pool, scope)), await isInsideFigure(ctx, pool)];
  } finally {
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
};

async function importFigures(ctx: BenchContext, pool: Pool, scope: string): Promise<BenchFigure[]> {
  let t = performance.now();
  const rawRows = await rawCopy(pool, scope);
  const rawRate = rawRows / ((performance.now() - t) / 1000);
  ctx.log(`raw COPY ${scope}: ${rawRows} rows, ${Math.round(rawRate)} rows/s`);

  t = performance.now();
  const first = await importDivisions(pool, { scope, validFrom: '2023-06-30' });
  const firstRate = first.inserted / ((performance.now() - t) / 1000);
  ctx.log(`importDivisions ${scope}: ${JSON.stringify(first)}, ${Math.round(firstRate)} rows/s`);
  if (first.inserted !== rawRows) throw new Error(`import inserted ${first.inserted} rows, raw COPY ${rawRows}`);

  t = performance.now();
  const again = await importDivisions(pool, { scope, validFrom: '2024-06-30' });
  const againRate = again.unchanged / ((performance.now() - t) / 1000);
  ctx.log(`re-import ${scope}: ${JSON.stringify(again)}, ${Math.round(againRate)} rows/s`);

  const baseline = { value: Math.round(rawRate), unit: 'rows/s', higherIsBetter: true, label: 'raw COPY of the CSV rows into a plain table' };
  const rows = scope === 'all' ? `whole country, ${rawRows} rows` : `province ${scope}, ${rawRows} rows`;
  return [
    {
      name: `division import, ${rows}, first import`,
      ours: { value: Math.round(firstRate), unit: 'rows/s', higherIsBetter: true },
      baseline,
      note: 'ours also computes pinyin initials and kinds per row, and writes a versioned table with six indexes through a staging merge.',
    },
    {
      name: `division import, ${rows}, re-import of unchanged data`,
      ours: { value: Math.round(againRate), unit: 'rows/s', higherIsBetter: true },
      baseline,
      note: 'the merge writes nothing; the time is the CSV scan, pinyin and the staging COPY plus anti-joins.',
    },
  ];
}

/** The baseline: the same rows streamed into an unindexed table, nothing derived. */
async function rawCopy(pool: Pool, scope: string): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('CREATE TABLE raw_divisions (code text, name text, parent_code text)');
    const stream: Writable = client.query(copyFrom('COPY raw_divisions FROM STDIN'));
    const done = new Promise<void>((resolve, reject) => stream.on('finish', resolve).on('error', reject));
    const wanted = scope === 'all' ? () => true : (code: string) => code.startsWith(scope) || scope.startsWith(code);
    let chunk = '';
    let count = 0;
    for await (const row of readChinaDivision(chinaDivisionDataDir(), wanted)) {
      chunk += `${row.code}\t${row.name}\t${row.parentCode ?? '\\N'}\n`;
      count++;
      if (chunk.length >= 65536) {
        if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
        chunk = '';
      }
    }
    stream.end(chunk);
    await done;
    return count;
  } finally {
    client.release();
  }
}

async function isInsideFigure(ctx: BenchContext, pool: Pool): Promise<BenchFigure> {
  const t = performance.now();
  const tree = await Hierarchy.load(pool);
  ctx.log(`Hierarchy.load: ${tree.size} codes in ${Math.round(performance.now() - t)} ms`);
  const sample = (await pool.query<{ code: string }>(`SELECT code FROM divisions WHERE level = 'village' ORDER BY random() LIMIT 65536`)).rows.map(
    (r) => r.code,
  );
  // Half the checks ask about the village's own county (true), half about the next sample's county.
  const codes = sample;
  const ancestors = sample.map((c, i) => (i % 2 === 0 ? c.slice(0, 6) : sample[(i + 1) % sample.length].slice(0, 6)));
  const n = Math.max(200_000, Math.round(5_000_000 * ctx.scale));
  const mask = sample.length - 1;

  const run = (check: (code: string, ancestor: string) => boolean): { rate: number; hits: number } => {
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (check(codes[i & mask], ancestors[i & mask])) hits++; // warm-up
    hits = 0;
    const start = performance.now();
    for (let i = 0; i < n; i++) if (check(codes[i & mask], ancestors[i & mask])) hits++;
    return { rate: n / ((performance.now() - start) / 1000), hits };
  };
  const ours = run((c, a) => tree.isInside(c, a));
  const base = run((c, a) => c.startsWith(a));
  if (ours.hits !== base.hits) throw new Error(`isInside disagrees with the prefix test: ${ours.hits} vs ${base.hits}`);
  ctx.log(`isInside ${Math.round(ours.rate)}/s, startsWith ${Math.round(base.rate)}/s over ${tree.size} codes`);
  return {
    name: `isInside on the loaded tree (${tree.size} codes), village in county`,
    ours: { value: Math.round(ours.rate), unit: 'checks/s', higherIsBetter: true },
    baseline: { value: Math.round(base.rate), unit: 'checks/s', higherIsBetter: true, label: 'string startsWith' },
    note: 'ours does two map lookups and up to four parent hops, so unknown codes are refused; startsWith accepts any string that looks like a descendant.',
  };
}
