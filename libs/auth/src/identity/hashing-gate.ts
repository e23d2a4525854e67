/** Thrown when too many password hashes are already running or waiting: answer 429, do not queue. */
export class HashingBusyError extends Error {
  constructor() {
    super('too many password hashes in flight');
  }
}

/**
 * Bounds concurrent scrypt runs. scrypt runs on libuv's thread pool (4 threads by default), which
 * public tip intake also needs (receipt hashing, file and DNS work): without a bound, 40 bogus logins
 * occupy every thread and a public tip waits seconds. `running` hashes at once, `waiting` queued;
 * beyond that a login is refused at once.
 */
export class HashingGate {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    readonly running = 2,
    readonly waiting = 16,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.running) {
      if (this.queue.length >= this.waiting) throw new HashingBusyError();
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiter (active stays the same), or free it.
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** One gate per process: every identity store of the process shares the thread pool. */
export const PASSWORD_HASHING = new HashingGate();
