import { DomainConflictError, DomainValidationError, outsideJurisdiction } from '@lw/domain';
import { TIP_STATUS_LABELS, type TipStatus } from './tip-status';
import type { TipState } from './tip.state';

/** A step that does not fit where the tip stands (409): e.g. concluding a tip twice. */
export function wrongStatus(action: string, actionZh: string, status: TipStatus): DomainConflictError {
  return new DomainConflictError(
    'tip.wrong_status',
    `该举报当前状态为“${TIP_STATUS_LABELS[status]}”，不能${actionZh}`,
    `cannot ${action} a tip in status ${status}`,
  );
}

export function invalidTip(code: string, messageZh: string, detail: string): DomainValidationError {
  return new DomainValidationError(`tip.${code}`, messageZh, detail);
}

const TIP_ID = /^[0-9a-f-]{36}$/i;

/** The one refusal for a tip that does not exist, lies outside the actor's area or is not theirs to open. */
export function tipNotFound(detail: string): Error {
  return outsideJurisdiction('该举报', detail);
}

/** The tip's state, or the refusal when there is none. */
export function existingTip(state: TipState | null, tipId: string): TipState {
  if (!state) throw tipNotFound(`no tip ${tipId}`);
  return state;
}

/** A malformed id is the same refusal, without a query. */
export function checkTipId(tipId: string): void {
  if (!TIP_ID.test(tipId)) throw tipNotFound(`no tip ${tipId}`);
}
