/**
 * Waiting in tests and tools: on an effect that arrives asynchronously (a projection, a reaction in
 * another service, a job), never a fixed sleep. Deadlines bound the wait; they are not timing
 * assertions: a slow run passes, a missing effect fails naming what it waited for.
 */

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Until the condition holds. An error thrown by the condition is a failure at once, not a "not yet". */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'condition', intervalMs = 25): Promise<void> {
  await poll(async () => ((await condition()) ? true : undefined), { timeoutMs, interval: () => intervalMs, retryErrors: false, fail: () => new Error(`timed out waiting for ${what}`) });
}

/**
 * Until `probe` yields something (not undefined, null or false), which it returns: the row, the
 * view, the id another service made. A probe that throws is "not yet"; the deadline's error names
 * the last one. Polls back off from 100 ms to 500 ms: the effects cross a bus, sometimes processes.
 */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  return poll(
    async () => {
      const found = await probe();
      return found === undefined || found === null || found === false ? undefined : found;
    },
    {
      timeoutMs,
      interval: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 3), 500),
      retryErrors: true,
      fail: (last) => new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`),
    },
  );
}

/** An eventual assertion: runs `check` (expect calls) until it passes; at the deadline its last failure is thrown as is. */
export async function expectEventually<T>(check: () => Promise<T>, timeoutMs = 20_000, intervalMs = 50): Promise<T> {
  const passed = await poll(async () => ({ value: await check() }), { timeoutMs, interval: () => intervalMs, retryErrors: true, fail: (last) => last });
  return passed.value;
}

interface PollOptions {
  timeoutMs: number;
  interval(attempt: number): number;
  /** Whether a throwing probe means "not yet" (else the error ends the wait). */
  retryErrors: boolean;
  /** What to throw at the deadline, given the probe's last error. */
  fail(lastError: unknown): unknown;
}

/** The one polling loop: `probe` answers undefined for "not yet". */
async function poll<T>(probe: () => Promise<T | undefined>, o: PollOptions): Promise<T> {
  const deadline = Date.now() + o.timeoutMs;
  let lastError: unknown;
  for (let attempt = 0; ; attempt++) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      if (!o.retryErrors) throw err;
      lastError = err;
    }
    if (Date.now() > deadline) throw o.fail(lastError);
    await sleep(o.interval(attempt));
  }
}
