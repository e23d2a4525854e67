import type { ExpectedVersion } from './event.types';

/** Optimistic concurrency conflict: reload the stream and decide again (see decideAndAppend). */
export class WrongExpectedVersionError extends Error {
  /** What a user sees when retries are exhausted. */
  readonly userMessage = '该记录已被他人修改，请刷新后重试';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
    detail?: string,
  ) {
    super(
      `wrong expected version for stream ${streamId}: expected ${expected}, actual ${actual}` +
        (detail ? ` (${detail})` : ''),
    );
    this.name = 'WrongExpectedVersionError';
  }
}
