/** The outcome of asking whether one more receipt-code attempt may proceed. */
export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Guards receipt-code lookups against guessing: counts attempts per client and failures per code
 * (the code's public locator), and locks a key out for a while once it passes its limit. Shared by
 * every replica (it keeps its counters in the database).
 */
export interface AttemptLimiter {
  /** Counts one attempt for each key and says whether it may proceed (all keys must allow it). */
  attempt(keys: { client: string; code?: string }): Promise<LimitVerdict>;
  /** A failed check (no such code, or wrong secret): counts towards the lock-out of both keys. */
  failure(keys: { client: string; code?: string }): Promise<void>;
  /** A successful check clears the code's failure count (not the client's). */
  success(keys: { client: string; code?: string }): Promise<void>;
}
