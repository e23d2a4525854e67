import type { PoolClient } from 'pg';
import { villagesOfPerson, type PersonState } from '../../domain/roster';

/** The roster read model's villages of each person: named by, roles, posts held (RosterPort.reachOf). */
export type ReachReader = (personIds: readonly string[], tx?: PoolClient) => Promise<Map<string, Set<string>>>;

/**
 * Every village a person's records lie in (named by, roles, posts held, past or present): whose
 * decisions a fact recorded on him reaches. The one definition of a person's area, used by roster
 * writes and by assessment grades: a person is outside the caller's area when any of these villages
 * is. `states`, when the caller has loaded the persons' streams in its transaction, adds what the
 * read model may not have projected yet of the person's own stream.
 */
export async function personReach(read: ReachReader, personIds: readonly string[], tx?: PoolClient, states?: ReadonlyMap<string, PersonState>): Promise<Map<string, Set<string>>> {
  const out = personIds.length ? await read(personIds, tx) : new Map<string, Set<string>>();
  for (const id of personIds) {
    const state = states?.get(id);
    out.set(id, new Set([...(out.get(id) ?? []), ...(state ? villagesOfPerson(state) : [])]));
  }
  return out;
}

/** True when some village of the reach lies outside the caller's area. */
export function reachesOutside(reach: ReadonlySet<string> | undefined, inArea: (villageCode: string) => boolean): boolean {
  return [...(reach ?? [])].some((v) => !inArea(v));
}
