/**
 * A benchmark compares one of our mechanisms with a baseline measured in the same run on the
 * same rows (e.g. our event append vs a raw batched INSERT), so the ratio survives a slower machine.
 */
export interface BenchFigure {
  /** What is measured, e.g. "append, 1 stream, 100k events". */
  name: string;
  ours: Measurement;
  baseline: Measurement & { label: string };
  /** Where the difference goes, in one or two sentences. */
  note?: string;
}

export interface Measurement {
  /** e.g. 52000 */
  value: number;
  /** e.g. "events/s", "ms p50" */
  unit: string;
  /** true when a larger value is better (rates); false for latencies. */
  higherIsBetter: boolean;
}

export interface BenchContext {
  /** PostgreSQL server to create scratch databases on. */
  pgUrl: string;
  /** Scale factor 0..1 for quick runs (BENCH_QUICK=1 sets 0.1). */
  scale: number;
  log(message: string): void;
}

export type BenchSuite = (ctx: BenchContext) => Promise<BenchFigure[]>;
