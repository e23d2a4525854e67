// Grievance ledger (台账): the ledger page our API serves (scope, light computed at read time, count +
// page + row mapping) over 100k cases in a province-sized tree, beside the raw SQL of the same query;
// and the Excel export of 10k rows beside bare ExcelJS rows of the same values.
import { Client } from 'pg';
import ExcelJS from 'exceljs';
import { createPool, migrate, readModelSource } from '@lw/db';
import { CaseQueries, GRIEVANCE_READ_MODELS, grievanceService, ledgerSql, ledgerWorkbook } from '@lw/grievance';
import { chinaDivisionDataDir, readChinaDivision } from '@lw/hierarchy';
import { ServiceKernel } from '@lw/runtime';
import { withDatabase } from '@lw/testing';
import type { DataSource } from 'typeorm';
import type { BenchContext, BenchFigure, BenchSuite } from './bench.types';

const SCHEMA = 'grievance';

export const grievanceBench: BenchSuite = async (ctx) => {
  const name = `bench_grievance_${process.pid}`;
  const admin = new Client({ connectionString: ctx.pgUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const pool = createPool({ url: withDatabase(ctx.pgUrl, name), schema: SCHEMA, max: 4 });
  try {
    await migrate(pool, SCHEMA, ServiceKernel.migrationsFor(grievanceService.migrations));
    const villages: string[] = [];
    for await (const row of readChinaDivision(chinaDivisionDataDir(), (c) => c.startsWith('32'))) if (row.code.length === 12) villages.push(row.code);
    const cases = Math.max(10_000, Math.round(100_000 * ctx.scale));
    await fill(pool, villages, cases);
    ctx.log(`ledger filled: ${cases} cases over ${villages.length} villages of province 32`);
    const readModels = await readModelSource(pool, GRIEVANCE_READ_MODELS);
    const queries = new CaseQueries(readModels, (c) => c);
    try {
      return [await ledgerFigure(ctx, pool, readModels, queries, villages, cases), await exportFigure(ctx, queries)];
    } finally {
      await readModels.destroy();
    }
  } finally {
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
};

/** 100k rows spread over the province: statuses, sources, and limits around now (so every light occurs). */
async function fill(pool: ReturnType<typeof createPool>, villages: string[], n: number): Promise<void> {
  await pool.query(
    `INSERT INTO case_ledger (case_id, version, status, village_code, township_code, source_kind, source_ref, category, severity, description, measures,
        responsible_unit, responsible_name, responsible_post, deadline_start, deadline_due, deadline_ends_at, yellow_at, beyond_horizon, opened_at, closed_at)
     SELECT gen_random_uuid(), 1,
            (ARRAY['assigned','in_progress','returned','closing_applied','closed','closed'])[1 + g % 6],
            v, left(v, 9),
            (ARRAY['tip','audit','inspection','analysis','evaluation','citizen'])[1 + g % 6], 'ref-' || g,
            (ARRAY['三资管理','村务公开','作风建设','班子团结'])[1 + g % 4], (ARRAY['general','major','serious'])[1 + g % 3],
            '问题描述第 ' || g || ' 条：村集体资产台账不清，部分合同未经民主程序。', '建立台账，补齐程序。',
            '某镇党委', '周联村', '镇党委副书记',
            d - 20, d, (d + 1)::timestamp AT TIME ZONE 'Asia/Shanghai', (d - 3)::timestamp AT TIME ZONE 'Asia/Shanghai', false,
            now() - (g % 300) * interval '1 day', CASE WHEN g % 6 >= 4 THEN now() ELSE NULL END
       FROM (SELECT g, $1::text[] AS vs, current_date + (g % 61 - 30) AS d FROM generate_series(1, $2) g) s,
            LATERAL (SELECT vs[1 + (g * 7919) % array_length(vs, 1)] AS v) x`,
    [villages, n],
  );
  await pool.query('ANALYZE case_ledger');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function ledgerFigure(ctx: BenchContext, pool: ReturnType<typeof createPool>, readModels: DataSource, queries: CaseQueries, villages: string[], cases: number): Promise<BenchFigure> {
  const townships = [...new Set(villages.map((v) => v.slice(0, 9)))];
  const counties = [...new Set(villages.map((v) => v.slice(0, 6)))];
  // A mix of what clerks ask: a county's red items, a township's open items, a county's audit cases.
  const filters = Array.from({ length: 300 }, (_, i) => {
    const county = counties[(i * 13) % counties.length];
    const town = townships[(i * 31) % townships.length];
    if (i % 3 === 0) return { scope: county, light: ['red' as const], limit: 50, offset: 0 };
    if (i % 3 === 1) return { scope: town, status: ['assigned' as const, 'in_progress' as const, 'returned' as const], limit: 50, offset: 0 };
    return { scope: county, source: ['audit' as const], limit: 50, offset: 50 };
  });
  const time = async (fn: (f: (typeof filters)[number]) => Promise<unknown>) => {
    for (const f of filters.slice(0, 20)) await fn(f); // warm-up
    const ms: number[] = [];
    for (const f of filters) {
      const t = performance.now();
      await fn(f);
      ms.push(performance.now() - t);
    }
    return ms.sort((a, b) => a - b);
  };
  const ours = await time((f) => queries.ledger(f));
  const raw = await time(async (f) => {
    const q = ledgerSql(readModels, f);
    await pool.query(...q.count);
    await pool.query(...q.page);
  });
  ctx.log(`ledger p50 ${percentile(ours, 0.5).toFixed(2)} ms / p99 ${percentile(ours, 0.99).toFixed(2)} ms; raw p50 ${percentile(raw, 0.5).toFixed(2)} ms`);
  return {
    name: `ledger page (count + 50 rows, light at read time), ${cases} cases, ${villages.length} villages, p50 / p99 ${percentile(ours, 0.99).toFixed(1)} ms`,
    ours: { value: Math.round(percentile(ours, 0.5) * 100) / 100, unit: 'ms p50', higherIsBetter: false },
    baseline: { value: Math.round(percentile(raw, 0.5) * 100) / 100, unit: 'ms p50', higherIsBetter: false, label: 'the same two SQL statements run raw, sequentially, rows not mapped' },
    note: 'ours runs count and page concurrently and maps each row (labels, names, Shanghai times).',
  };
}

async function exportFigure(ctx: BenchContext, queries: CaseQueries): Promise<BenchFigure> {
  const { rows } = await queries.ledger({ scope: '32', limit: 10_000, offset: 0 });
  let t = performance.now();
  const book = await ledgerWorkbook(rows, '问题整改台账');
  const oursMs = performance.now() - t;
  t = performance.now();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('rows');
  for (const r of rows) ws.addRow([r.villageName, r.sourceLabel, r.category, r.description, r.measures, r.responsibleUnit, r.deadline.due, r.statusLabel]);
  await wb.xlsx.writeBuffer();
  const baseMs = performance.now() - t;
  ctx.log(`export ${rows.length} rows: ${Math.round(oursMs)} ms (${book.length} bytes), bare ExcelJS ${Math.round(baseMs)} ms`);
  return {
    name: `ledger Excel export, ${rows.length} rows`,
    ours: { value: Math.round(oursMs), unit: 'ms', higherIsBetter: false },
    baseline: { value: Math.round(baseMs), unit: 'ms', higherIsBetter: false, label: 'bare ExcelJS rows of the same values, no layout' },
    note: 'ours adds the merged title, frozen header, 14 columns and per-row remarks.',
  };
}
