/**
 * The outcome of asking whether one more receipt-code attempt may proceed. A code (locator) locked
 * for failed guesses does not stop the attempt: it is reported (`codeLockedFor`, seconds) so that a
 * wrong guess is answered as locked, while the holder of the right code still gets in. Otherwise
 * anyone who learnt a locator could lock its reporter out with five wrong guesses.
 */
export type LimitVerdict = { allowed: true; codeLockedFor?: number } | { allowed: false; retryAfterSeconds: number };

/**
 * Guards receipt-code lookups against guessing: counts attempts per client and failures per code
 * (the code's public locator), and locks a key out for a while once it passes its limit. Shared by
 * every replica (it keeps its counters in the database).
 */
export abstract class AttemptLimiter {
  /** Counts one attempt for each key and says whether it may proceed (the client's limits decide; see LimitVerdict). */
  abstract attempt(keys: { client: string; code?: string }): Promise<LimitVerdict>;
  /** A failed check (no such code, or wrong secret): counts towards the lock-out of both keys. */
  abstract failure(keys: { client: string; code?: string }): Promise<void>;
  /** A successful check clears the code's failure count and lock (not the client's). */
  abstract success(keys: { client: string; code?: string }): Promise<void>;
}

/** The limiter of public submissions per client and hour (its own keys and policy). */
export abstract class PublicSubmissionLimiter extends AttemptLimiter {}
