import type { PolicyPack } from './policy-pack';

/** A released pack's stream holds its one release: a released version never changes. */
export type PolicyPackEvent = { type: 'PolicyPackReleased'; data: { pack: PolicyPack } };
