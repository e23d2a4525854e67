/**
 * Base of every error the domain raises on purpose. Carries a stable machine code, a message for
 * the user in Chinese (`messageZh`) and an English `detail` for logs; `message` is the detail so
 * stack traces and log lines stay English.
 */
export abstract class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly messageZh: string,
    readonly detail: string,
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

/** Input that breaks a value object's rules; the HTTP layer maps it to 400/422. */
export class DomainValidationError extends DomainError {}

/** A command that does not fit the current state (already concluded, closed, …): HTTP 409. */
export class DomainConflictError extends DomainError {}

/** The user may see the thing but not do this to it (e.g. approve their own request): HTTP 403. */
export class DomainForbiddenError extends DomainError {}

/** The thing a command or query names does not exist (or is outside the user's view): HTTP 404. */
export class DomainNotFoundError extends DomainError {}

/** Too many attempts: HTTP 429, with the seconds after which to try again. */
export class DomainRateLimitError extends DomainError {
  constructor(code: string, messageZh: string, detail: string, readonly retryAfterSeconds: number) {
    super(code, messageZh, detail);
  }
}
