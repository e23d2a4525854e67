import type { Pool, PoolClient } from 'pg';
import { DomainNotFoundError, DomainValidationError, type Actor, type LocalDate } from '@lw/domain';
import { withTransaction } from '@lw/db';
import { WrongExpectedVersionError, type EventStore } from '@lw/eventstore';
import {
  CITIZEN_ID_NOT_IMPORTABLE,
  createPerson,
  endHolding,
  personStream,
  planHolding,
  termEvents,
  villageStream,
  type Body,
  type Holding,
  type PersonDetails,
  type PersonEvent,
  type PersonState,
  type TermChange,
  type VillageEvent,
} from '../../domain/roster';
import { recordDetails } from '../../domain/roster/person-decisions';
import { personReach, reachesOutside, type ReachReader } from './person-reach';
import { appendTo, claim, claimedIds, loadPersons, loadVillages, lockCitizenIds } from './roster-streams';

export interface RosterCommandsDeps {
  pool: Pool;
  store: EventStore;
  /** True when the village lies inside the actor's node. */
  inScope: (actor: Actor, villageCode: string) => boolean;
  /** The roster read model's villages of each person (RosterQueries.reachOf): read through personReach. */
  reachOf: ReachReader;
  /** Today in Asia/Shanghai. */
  today: () => LocalDate;
  newId: () => string;
  /** After a commit of transaction `txId` (null: nothing written): bring the read model past it, so the clerk reads what was just written. */
  afterCommit: (txId: string | null) => Promise<void>;
}

const MAX_ATTEMPTS = 5;

/**
 * The roster's commands: load the streams in a transaction, decide with the domain, append at the
 * versions read. A concurrent append to one of the streams fails the transaction; it is then run
 * again on the new history (unless it runs in the caller's transaction, which must retry itself).
 */
export class RosterCommands {
  constructor(readonly deps: RosterCommandsDeps) {}

  today(): LocalDate {
    return this.deps.today();
  }

  async transact<T>(fn: (tx: PoolClient) => Promise<T>, tx?: PoolClient): Promise<T> {
    if (tx) return fn(tx);
    for (let attempt = 1; ; attempt++) {
      try {
        const { result, txId } = await withTransaction(this.deps.pool, async (t) => {
          const r = await fn(t);
          const { rows } = await t.query<{ x: string | null }>('SELECT pg_current_xact_id_if_assigned()::text AS x');
          return { result: r, txId: rows[0].x };
        });
        await this.deps.afterCommit(txId);
        return result;
      } catch (err) {
        if (!(err instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
      }
    }
  }

  /**
   * Whether the actor may change this person: every village where the person's records lie (named
   * by, roles, posts held) is inside the actor's node. Seeing one of them is not enough: a fact
   * recorded on a person reaches every township's review of him.
   */
  private writable(actor: Actor | null, s: PersonState, reach: ReadonlySet<string> | undefined): boolean {
    if (s.details === null) return false;
    if (actor === null) return true;
    return !reachesOutside(reach, (v) => this.deps.inScope(actor, v));
  }

  private checkVillage(actor: Actor | null, villageCode: string): void {
    if (actor && !this.deps.inScope(actor, villageCode)) {
      throw new DomainNotFoundError('roster.village_not_found', '该村（社区）不存在或不在您的管辖范围内', `village ${villageCode} outside ${actor.node}`);
    }
  }

  /**
   * Records a person's details: the citizen id finds them (or claims a new person id under the
   * id's lock). Returns the person id. Used by loaders and tests; clerks record persons by import.
   */
  async recordPerson(details: PersonDetails, actor: Actor | null, tx?: PoolClient): Promise<string> {
    this.checkVillage(actor, details.villageCode);
    // The person's own rules (id number, education, party join date at 18 …), in Chinese.
    const { partyJoinDate, phone, ...rest } = details;
    createPerson({ ...rest, id: 'new', ...(partyJoinDate ? { partyJoinDate } : {}), ...(phone ? { phone } : {}), disciplinaryRecords: [], appraisals: [], relatives: [] }, { today: this.today() });
    return this.transact(async (t) => {
      await lockCitizenIds(t, [details.citizenId]);
      const known = (await claimedIds(t, [details.citizenId])).get(details.citizenId);
      const personId = known ?? this.deps.newId();
      if (!known) await claim(t, [{ citizenId: details.citizenId, personId }]);
      const { state, version } = (await loadPersons(t, [personId])).get(personId)!;
      if (known && actor && !this.writable(actor, state, (await personReach(this.deps.reachOf, [personId], t, new Map([[personId, state]]))).get(personId))) {
        throw new DomainValidationError('roster.citizen_id_not_importable', CITIZEN_ID_NOT_IMPORTABLE, `citizen id claimed by a person outside ${actor.node}`);
      }
      await appendTo(this.deps.store, t, personStream(personId), version, recordDetails(state, details), actor);
      return personId;
    }, tx);
  }

  /** Runs a decision on one person's stream (and reads `others`, e.g. the relative to link). */
  async onPerson(personId: string, actor: Actor | null, decide: (s: PersonState, others: Map<string, PersonState>) => PersonEvent[], others: string[] = []): Promise<PersonState> {
    return this.transact(async (tx) => {
      const loaded = await loadPersons(tx, [personId, ...others]);
      const held = actor ? await personReach(this.deps.reachOf, [personId, ...others], tx, new Map([...loaded].map(([id, l]) => [id, l.state]))) : new Map<string, Set<string>>();
      const { state, version } = loaded.get(personId)!;
      if (!this.writable(actor, state, held.get(personId))) throw new DomainNotFoundError('roster.person_not_found', '该人员不存在或不在您的管辖范围内', `person ${personId} unknown or outside scope`);
      for (const o of others) {
        // A relative link is read in either direction: it is a fact about the relative too.
        if (!this.writable(actor, loaded.get(o)!.state, held.get(o))) throw new DomainNotFoundError('roster.relative_not_found', '亲属不在花名册中或不在您的管辖范围内', `person ${o} unknown or outside scope`);
      }
      const events = decide(state, new Map(others.map((o) => [o, loaded.get(o)!.state])));
      await appendTo(this.deps.store, tx, personStream(personId), version, events, actor);
      return state;
    });
  }

  private async onVillage(villageCode: string, actor: Actor | null, decide: (h: Holding[]) => VillageEvent[], tx?: PoolClient): Promise<VillageEvent[]> {
    this.checkVillage(actor, villageCode);
    return this.transact(async (t) => {
      const { state, version } = (await loadVillages(t, [villageCode])).get(villageCode)!;
      const events = decide(state);
      const persons = [...new Set(events.filter((e) => e.type === 'HoldingStarted').map((e) => e.data.personId))];
      const known = await loadPersons(t, persons);
      const unknown = persons.find((p) => !known.get(p)!.state.details);
      if (unknown) throw new DomainValidationError('roster.holding_person_unknown', '任职人员不在花名册中，请先导入该人员', `holding of unknown person ${unknown}`);
      await appendTo(this.deps.store, t, villageStream(villageCode), version, events, actor);
      return events;
    }, tx);
  }

  /** One post from a day (loaders, corrections); a one-seat post held by another is refused. */
  async startHolding(h: { personId: string; villageCode: string; body: Body; post: string; from: LocalDate }, actor: Actor | null): Promise<void> {
    await this.onVillage(h.villageCode, actor, (holdings) => {
      const planned = planHolding(holdings, h);
      if (!Array.isArray(planned)) throw new DomainValidationError('roster.seat_taken', planned.reason, `seat ${h.body}/${h.post} of ${h.villageCode} taken`);
      return planned;
    });
  }

  /** 离任: the post is no longer held from `on`. */
  async endHolding(p: { villageCode: string; personId: string; body: Body; post: string; on: LocalDate }, actor: Actor | null): Promise<void> {
    await this.onVillage(p.villageCode, actor, (holdings) => endHolding(holdings, p));
  }

  /** Hand-over: the renewed bodies move to the new term, in the caller's transaction when given. */
  async startTerm(change: TermChange, actor: Actor | null, tx?: PoolClient): Promise<void> {
    await this.onVillage(change.villageCode, actor, (holdings) => termEvents(holdings, change), tx);
  }
}
