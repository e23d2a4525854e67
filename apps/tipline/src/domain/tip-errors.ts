import { DomainConflictError, DomainValidationError } from '@lw/domain';
import { TIP_STATUS_LABELS, type TipStatus } from './tip-status';

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
