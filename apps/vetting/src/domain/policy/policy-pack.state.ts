import type { PolicyPackEvent } from './policy-pack.events';
import type { PolicyPack } from './policy-pack';

/** A released pack is the pack itself. */
export type PolicyPackState = PolicyPack;

export function evolvePolicyPack(_state: PolicyPackState | null, e: PolicyPackEvent): PolicyPackState {
  return e.data.pack;
}
