/**
 * One reading shared by the gauges of one scrape (lag, in-flight and dead letters come from the
 * same Kafka admin calls): the promise is reused for `ttlMs`, then read afresh.
 */
export function sharedReading<T>(read: () => Promise<T>, ttlMs = 1000): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    const now = Date.now();
    if (!cached || now - cached.at > ttlMs) {
      const value = read();
      cached = { at: now, value };
      // A failure is not kept for the next scrape.
      value.catch(() => (cached = undefined));
    }
    return cached.value;
  };
}
