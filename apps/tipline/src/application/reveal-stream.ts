import type { Decider } from '@lw/eventstore';
import { EMPTY_REVEAL_STATE, evolveReveal, type RevealEvent, type RevealState } from '../domain';

/** One stream per tip for its reveal requests (not "tip-…": the inbox projection reads those). */
export function revealStreamId(tipId: string): string {
  return `reveal-${tipId}`;
}

/** How a tip's reveal requests fold, for the one load–decide–append loop (no stream: no requests). */
export const revealDecider: Decider<RevealState, RevealEvent> = { evolve: (state, e) => evolveReveal(state ?? EMPTY_REVEAL_STATE, e) };
