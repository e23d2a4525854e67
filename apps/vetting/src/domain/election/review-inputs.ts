import type { LocalDate } from '@lw/domain';
import { holdingsInForce, type Holding } from '../roster/holding';
import { isPostOf, isTwoCommittees, type BodyPost } from '../roster/post';
import type { PersonFacts } from '../rules/facts';
import type { Nomination, Tenure } from '../rules/nomination';
import type { RelativeLink, Slate } from '../rules/slate';
import { nomineesInRunning } from './village-election.decisions';
import type { NomineeRef } from './village-election.events';
import type { VillageElectionState } from './village-election.state';

/**
 * 连任 / 其他职务 / 新进, from the village's holdings on `date`: the same post in the same body is
 * continuing; any other seat on the two committees is another post; otherwise new.
 */
export function tenureOf(n: Pick<NomineeRef, 'personId' | 'body' | 'post'>, villageHoldings: readonly Holding[], date: LocalDate): Tenure {
  const held = holdingsInForce(villageHoldings, date).filter((h) => h.personId === n.personId);
  if (held.some((h) => h.body === n.body && h.post === n.post)) return 'continuing';
  return held.some((h) => isTwoCommittees(h.body)) ? 'other_post' : 'new';
}

/** The nomination the person rules judge: a post of a body (checked at listing) and the tenure. */
export function nominationOf(n: Pick<NomineeRef, 'personId' | 'body' | 'post'>, villageHoldings: readonly Holding[], date: LocalDate): Nomination {
  if (!isPostOf(n.body, n.post)) throw new Error(`nominee post ${n.post} is not of body ${n.body}`);
  return { body: n.body, post: n.post, tenure: tenureOf(n, villageHoldings, date) } as BodyPost & { tenure: Tenure };
}

/**
 * The village's slate for the slate rules: the nominees still in the running (at the final stage,
 * those on notice), each with their facts. Nominees whose facts are missing are left out (their own
 * first review already blocks them).
 */
export function slateOf(
  s: VillageElectionState,
  stage: Slate['stage'],
  facts: ReadonlyMap<string, PersonFacts>,
  relatives: readonly RelativeLink[],
  villageHoldings: readonly Holding[],
  date: LocalDate,
): Slate {
  const running = stage === 'final' ? [...s.nominees.values()].filter((n) => n.status === 'on_notice') : nomineesInRunning(s);
  const nominees = running.flatMap((n) => {
    const f = facts.get(n.personId);
    return f ? [{ facts: f, nomination: nominationOf(n, villageHoldings, date) }] : [];
  });
  return { villageCode: s.villageCode, stage, seats: { party: s.seats.party, committee: s.seats.committee, supervision: s.seats.supervision }, nominees, relatives };
}
