/** Counts messages being handled per consumer, for the in-flight gauge. */
export class InFlightCounter {
  private readonly counts = new Map<string, number>();

  async around<T>(consumer: string, fn: () => Promise<T>): Promise<T> {
    this.counts.set(consumer, (this.counts.get(consumer) ?? 0) + 1);
    try {
      return await fn();
    } finally {
      this.counts.set(consumer, (this.counts.get(consumer) ?? 1) - 1);
    }
  }

  get(consumer: string): number {
    return this.counts.get(consumer) ?? 0;
  }
}
