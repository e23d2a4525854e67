import { DomainValidationError } from '@lw/domain';

/** A file the import cannot read: the message tells the clerk what to do about it. */
export function unreadable(code: string, messageZh: string, detail: string): DomainValidationError {
  return new DomainValidationError(`import.${code}`, messageZh, detail);
}
