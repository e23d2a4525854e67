import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import type { CaseSourceKind } from '../domain';

/** Namespace of case ids derived from their source: a redelivered or repeated source event names the same case. */
const CASE_NAMESPACE = '9b2f5c7e-3d41-4a8e-b6f0-2c1d8e7a5f13';

export function caseIdForSource(kind: CaseSourceKind, ref: string): string {
  return uuidv5(`${kind}/${ref}`, CASE_NAMESPACE);
}

/** A hand-entered case: no source id to derive from. */
export function newCaseId(): string {
  return uuidv7();
}
