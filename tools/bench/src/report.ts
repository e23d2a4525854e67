import type { BenchFigure } from './bench.types';

/** Ours divided by the baseline, oriented so that 1.00 means "as good as the baseline" and more is better. */
export function ratio(f: BenchFigure): number {
  const r = f.ours.value / f.baseline.value;
  return f.ours.higherIsBetter ? r : 1 / r;
}

function num(v: number): string {
  if (v >= 100) return Math.round(v).toLocaleString('en-US');
  return v.toPrecision(3);
}

export interface SuiteOutcome {
  suite: string;
  figures: BenchFigure[];
  error?: string;
  seconds: number;
}

/** One suite's section: its table, and when, where and at which scale it was measured. */
export function renderSection(o: SuiteOutcome, meta: { date: string; machine: string; scale: number }): string {
  const lines: string[] = [`## ${o.suite}`, ''];
  if (o.error) lines.push(`**Failed:** ${o.error}`, '');
  else {
    lines.push('| what | ours | baseline | ratio | note |', '|---|---|---|---|---|');
    for (const f of o.figures) {
      lines.push(
        `| ${f.name} | ${num(f.ours.value)} ${f.ours.unit} | ${num(f.baseline.value)} ${f.baseline.unit} (${f.baseline.label}) | ${ratio(f).toFixed(2)} | ${f.note ?? ''} |`,
      );
    }
    lines.push('');
  }
  lines.push(`_${o.seconds.toFixed(1)} s, measured ${meta.date} at scale ${meta.scale} on ${meta.machine}_`, '');
  return lines.join('\n');
}

const HEADER = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (`BENCH_ONLY=name` re-measures one suite and keeps the others\' sections).',
  'Every figure stands beside a baseline measured in the same run on the same rows; the ratio is',
  'ours relative to the baseline, oriented so that 1.00 = as good as the baseline (higher is better).',
  'Each section says when and at which scale (1 = full size, 0.1 = `BENCH_QUICK=1`) it was measured.',
  '',
].join('\n');

/**
 * BENCHMARKS.md with the sections of this run replacing those of the same suites in `previous`;
 * other suites' sections are kept as they were, all in `order`.
 */
export function mergeMarkdown(previous: string, sections: ReadonlyMap<string, string>, order: readonly string[]): string {
  const kept = new Map<string, string>();
  for (const block of previous.split(/^(?=## )/m).filter((b) => b.startsWith('## '))) {
    kept.set(block.slice(3, block.indexOf('\n')).trim(), block.trimEnd() + '\n');
  }
  for (const [name, section] of sections) kept.set(name, section);
  const names = [...order.filter((n) => kept.has(n)), ...[...kept.keys()].filter((n) => !order.includes(n))];
  return [HEADER, ...names.map((n) => kept.get(n)!)].join('\n');
}
