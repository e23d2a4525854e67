import type { PoolClient } from 'pg';
import { DomainValidationError, outsideJurisdiction, type Actor } from '@lw/domain';
import { decideAndAppend, inRetriedTransactionWithId } from '@lw/eventstore';
import { emptyPerson, personDecider, personStream, villageDecider, villageStream, type Holding, type PersonEvent, type PersonState, type VillageEvent } from '../../domain/roster';
import { personReach, reachesOutside } from './person-reach';
import type { RosterDeps } from './roster-deps';
import { loadPersons } from './roster-streams';

/*
 * The roster's writes through the one decider loop (decideAndAppend): a single stream each, re-decided
 * on a concurrent append; then the read model is brought past the write so the clerk reads it back.
 */

/**
 * Whether the actor may change this person: every village where the person's records lie (named
 * by, roles, posts held) is inside the actor's area. Seeing one of them is not enough: a fact
 * recorded on a person reaches every township's review of him.
 */
export function writable(deps: RosterDeps, actor: Actor | null, s: PersonState, reach: ReadonlySet<string> | undefined): boolean {
  if (s.details === null) return false;
  if (actor === null) return true;
  return !reachesOutside(reach, (v) => deps.jurisdiction.covers(actor, v));
}

/**
 * Runs `fn` in the caller's transaction, or in its own, retried whole on a concurrent append (so
 * `fn` keeps its effects inside `tx`), after whose commit the read model catches up.
 */
export async function inTransaction<T>(deps: RosterDeps, fn: (tx: PoolClient) => Promise<T>, tx?: PoolClient): Promise<T> {
  const { result, txId } = await inRetriedTransactionWithId(deps.pool, fn, tx);
  await deps.readYourWrites(txId);
  return result;
}

/** A decision on one person's stream; `others` are read for it (e.g. the relative to link) and must be writable too. */
export async function onPerson(
  deps: RosterDeps,
  personId: string,
  actor: Actor | null,
  decide: (s: PersonState, others: Map<string, PersonState>) => PersonEvent[],
  others: readonly string[] = [],
): Promise<void> {
  const streamId = personStream(personId);
  const decided = await decideAndAppend(
    deps.store,
    personDecider(personId),
    streamId,
    async ({ state }) => {
      const s = state ?? emptyPerson(personId);
      const loaded = await loadPersons(deps.store, others);
      const states = new Map<string, PersonState>([[personId, s], ...[...loaded].map(([id, l]) => [id, l.state] as const)]);
      const reach = actor ? await personReach(deps.reachOf, [...states.keys()], undefined, states) : new Map<string, Set<string>>();
      if (!writable(deps, actor, s, reach.get(personId))) throw outsideJurisdiction('该人员', `person ${personId} unknown or outside scope`);
      // A relative link is read in either direction: it is a fact about the relative too.
      for (const o of others) if (!writable(deps, actor, states.get(o)!, reach.get(o))) throw outsideJurisdiction('亲属', `person ${o} unknown or outside scope`);
      return decide(s, new Map(others.map((o) => [o, states.get(o)!])));
    },
    { actor },
  );
  await deps.readYourWrites(decided.txId);
}

/** A decision on one village's holdings; every person it starts in a post must be on the roster. In the caller's transaction when given. */
export async function onVillage(deps: RosterDeps, villageCode: string, actor: Actor | null, decide: (h: Holding[]) => VillageEvent[], tx?: PoolClient): Promise<void> {
  if (actor) deps.jurisdiction.require(actor, villageCode, '该村（社区）');
  const streamId = villageStream(villageCode);
  const decided = await decideAndAppend(
    deps.store,
    villageDecider,
    streamId,
    async ({ state }) => {
      const events = decide(state ?? []);
      const persons = [...new Set(events.filter((e) => e.type === 'HoldingStarted').map((e) => e.data.personId))];
      const known = await loadPersons(deps.store, persons, tx);
      const unknown = persons.find((p) => !known.get(p)!.state.details);
      if (unknown) throw new DomainValidationError('roster.holding_person_unknown', '任职人员不在花名册中，请先导入该人员', `holding of unknown person ${unknown}`);
      return events;
    },
    { tx, actor },
  );
  if (!tx) await deps.readYourWrites(decided.txId);
}
