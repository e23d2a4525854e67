import type { BenchSuite } from './bench.types';
import { auditingBench } from './auditing.bench';
import { consoleBench } from './console.bench';
import { distributedBench } from './distributed.bench';
import { eventstoreBench } from './eventstore.bench';
import { grievanceBench } from './grievance.bench';
import { hierarchyBench } from './hierarchy.bench';
import { messagingBench } from './messaging.bench';
import { tiplineBench } from './tipline.bench';
import { vettingBench } from './vetting.bench';

/** Every benchmark suite, in the order BENCHMARKS.md lists them. */
export const suites: Record<string, BenchSuite> = {
  eventstore: eventstoreBench,
  messaging: messagingBench,
  hierarchy: hierarchyBench,
  tipline: tiplineBench,
  vetting: vettingBench,
  auditing: auditingBench,
  grievance: grievanceBench,
  console: consoleBench,
  distributed: distributedBench,
};
