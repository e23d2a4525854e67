import { DomainConflictError, DomainValidationError } from '@lw/domain';
import { CASE_STATUS_LABELS, type CaseStatus } from './case-status';

/** A step that does not fit where the case stands (409): closing a closed case, applying twice. */
export function wrongStatus(action: string, actionZh: string, status: CaseStatus): DomainConflictError {
  return new DomainConflictError('case.wrong_status', `该问题当前状态为“${CASE_STATUS_LABELS[status]}”，不能${actionZh}`, `cannot ${action} a case in status ${status}`);
}

export function invalidCase(code: string, messageZh: string, detail: string): DomainValidationError {
  return new DomainValidationError(`case.${code}`, messageZh, detail);
}
