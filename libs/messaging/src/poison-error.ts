import { ContractViolationError, UnknownContractError } from '@lw/domain';

/**
 * Errors that say "this message can never be handled": a payload breaking its contract, or a
 * contract this consumer does not know. Retrying only delays the messages behind it on the same
 * partition, so the buses dead-letter such a message on its first failure.
 */
export function isPoisonMessageError(err: unknown): boolean {
  return err instanceof ContractViolationError || err instanceof UnknownContractError;
}
