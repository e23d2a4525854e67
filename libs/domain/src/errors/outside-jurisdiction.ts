import { DomainNotFoundError } from './domain-error';

/**
 * The one refusal for anything outside the user's area, or that does not exist: 404 with the same
 * Chinese sentence, so a user cannot tell another township's record from a missing one.
 * `what` names the record in the clerk's words (该事项, 该村/社区…).
 */
export function outsideJurisdiction(what: string, detail: string): DomainNotFoundError {
  return new DomainNotFoundError('scope.outside', `${what}不存在或不在您的管辖范围内`, detail);
}
