import type { Body } from '../roster/post';
import type { PersonFacts } from './facts';
import type { Slate } from './slate';

/** Distinct persons nominated to any of `bodies` (a cross-appointed nominee counts once). */
export function personsIn(slate: Slate, bodies: readonly Body[]): PersonFacts[] {
  const byId = new Map<string, PersonFacts>();
  for (const n of slate.nominees) if (bodies.includes(n.nomination.body)) byId.set(n.facts.personId, n.facts);
  return [...byId.values()];
}

export const TWO_COMMITTEES: readonly Body[] = ['party', 'committee'];

/** The near-relative link between two persons, read in either direction, if its kind is in `kinds`. */
export function nearLink(slate: Slate, a: string, b: string, kinds: readonly string[]) {
  return slate.relatives.find((r) => kinds.includes(r.kind) && ((r.personId === a && r.relativeId === b) || (r.personId === b && r.relativeId === a)));
}
