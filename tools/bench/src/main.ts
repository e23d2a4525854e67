// `npm run bench`: runs every suite against the local PostgreSQL / Redis / Kafka test broker and
// writes BENCHMARKS.md. BENCH_QUICK=1 runs a tenth of the sizes; BENCH_ONLY=name runs one suite.
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { cpus, totalmem } from 'os';
import { join } from 'path';
import { TEST_PG_URL } from '@lw/testing';
import type { BenchContext, BenchSuite } from './bench.types';
import { mergeMarkdown, renderSection, SuiteOutcome } from './report';
import { suites } from './suites';

async function main(): Promise<void> {
  const scale = process.env.BENCH_QUICK ? 0.1 : Number(process.env.BENCH_SCALE ?? 1);
  const only = process.env.BENCH_ONLY;
  const ctx: BenchContext = { pgUrl: TEST_PG_URL, scale, log: (m) => console.log(`  ${m}`) };
  const outcomes: SuiteOutcome[] = [];
  for (const [name, suite] of Object.entries(suites) as [string, BenchSuite][]) {
    if (only && only !== name) continue;
    console.log(`bench: ${name}`);
    const t0 = performance.now();
    try {
      outcomes.push({ suite: name, figures: await suite(ctx), seconds: (performance.now() - t0) / 1000 });
    } catch (err) {
      console.error(err);
      outcomes.push({ suite: name, figures: [], error: (err as Error).message, seconds: (performance.now() - t0) / 1000 });
    }
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
  const meta = { date: new Date().toISOString().slice(0, 10), machine, scale };
  const out = join(__dirname, '..', '..', '..', 'BENCHMARKS.md');
  const previous = existsSync(out) ? readFileSync(out, 'utf8') : '';
  writeFileSync(out, mergeMarkdown(previous, new Map(outcomes.map((o) => [o.suite, renderSection(o, meta)])), Object.keys(suites)));
  console.log(`wrote ${out}`);
  if (outcomes.some((o) => o.error)) process.exitCode = 1;
  // Suites close their own pools; a lingering handle must not keep the command alive.
  setTimeout(() => process.exit(), 1000).unref();
}

void main();
