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

/** BENCHMARKS.md: one table per suite, every figure beside the baseline measured in the same run. */
export function renderMarkdown(outcomes: SuiteOutcome[], meta: { date: string; machine: string; command: string; scale: number }): string {
  const lines: string[] = [
    '# Benchmarks',
    '',
    `Measured ${meta.date} on ${meta.machine} by \`${meta.command}\` (scale ${meta.scale}).`,
    'Every figure stands beside a baseline measured in the same run on the same rows; the ratio is',
    'ours relative to the baseline, oriented so that 1.00 = as good as the baseline (higher is better).',
    '',
  ];
  for (const o of outcomes) {
    lines.push(`## ${o.suite}`, '');
    if (o.error) {
      lines.push(`**Failed:** ${o.error}`, '');
      continue;
    }
    lines.push('| what | ours | baseline | ratio | note |', '|---|---|---|---|---|');
    for (const f of o.figures) {
      lines.push(
        `| ${f.name} | ${num(f.ours.value)} ${f.ours.unit} | ${num(f.baseline.value)} ${f.baseline.unit} (${f.baseline.label}) | ${ratio(f).toFixed(2)} | ${f.note ?? ''} |`,
      );
    }
    lines.push('', `_${o.seconds.toFixed(1)} s_`, '');
  }
  return lines.join('\n');
}
