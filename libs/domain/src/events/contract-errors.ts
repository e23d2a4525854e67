import type { z } from 'zod';
import { DomainError } from '../errors/domain-error';

/** No contract for this type (or version: a newer producer). Consumers decide: skip or dead-letter. */
export class UnknownContractError extends DomainError {
  constructor(readonly type: string, readonly version: number | null, readonly latestVersion: number | null) {
    super(
      'contract.unknown',
      `未知的事件契约：${type} v${String(version)}`,
      latestVersion === null
        ? `unknown event contract ${type}`
        : `event ${type} v${String(version)} is not registered (known up to v${latestVersion})`,
    );
  }
}

/** An event or payload that breaks its contract; `issues` says where. Never retry: it is poison. */
export class ContractViolationError extends DomainError {
  constructor(readonly type: string, readonly version: number | null, readonly issues: readonly z.core.$ZodIssue[], what = 'payload') {
    super(
      'contract.violation',
      `事件不符合契约：${type} v${String(version)}`,
      `${what} of ${type} v${String(version)} violates its contract: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
}
