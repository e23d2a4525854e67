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
