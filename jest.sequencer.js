// Which suites start first. With timings from an earlier run Jest's own order stands (failed first,
// then slowest first). Without them (a clean clone, CI) Jest orders by file size, which put the
// fuzz attack (≈5 min) and the distributed scaling suite near the end of a 25-minute run, with one
// worker idle meanwhile; a suite's tier, in its name, says more about its length than its size.
const Sequencer = require('@jest/test-sequencer').default;

const SLOW_FIRST = [
  /\.attack\.e2e\.spec\.ts$/,
  /\.distributed\.[a-z]+\.spec\.ts$/,
  /\/tools\/faults\//,
  /\/apps\/console\/e2e\//,
  /\.e2e\.spec\.ts$/,
  /\.int\.spec\.ts$/,
  /\.pg\.spec\.ts$/,
];
const tier = (path) => {
  const i = SLOW_FIRST.findIndex((pattern) => pattern.test(path));
  return i < 0 ? SLOW_FIRST.length : i;
};

class SlowTiersFirst extends Sequencer {
  sort(tests) {
    const byJest = super.sort(tests);
    if (byJest.some((t) => t.duration != null)) return byJest;
    // Stable within a tier: Jest's size order.
    return byJest.map((test, i) => ({ test, i })).sort((a, b) => tier(a.test.path) - tier(b.test.path) || a.i - b.i).map(({ test }) => test);
  }
}

module.exports = SlowTiersFirst;
