import type { PoolClient } from 'pg';
import type { Actor, LocalDate } from '@lw/domain';
import type { Holding } from '../domain/roster/holding';
import type { Person } from '../domain/roster/person';
import type { TermChange } from '../domain/roster/term';
import type { PersonFacts } from '../domain/rules/facts';
import type { RelativeLink } from '../domain/rules/slate';

/**
 * What the election side needs of the roster (两委花名册). The roster owns persons, holdings,
 * records, appraisals and relatives; elections only read them and, at hand-over, start a new term.
 * Implemented in infrastructure/roster on the vetting schema; a class so that handlers can inject it.
 */
export abstract class RosterPort {
  /**
   * Facts for the rules engine, keyed by person id, as of `asOf`: records with their effect periods
   * mapped to the negative list's kinds, appraisals (from the roster and from assessments), roles
   * outside the two committees, an open investigation. Unknown ids are absent from the map.
   */
  abstract personFacts(personIds: readonly string[], asOf: LocalDate, tx?: PoolClient): Promise<Map<string, PersonFacts>>;

  /** Near-relative links with both ends among `personIds` (either direction). */
  abstract relativesAmong(personIds: readonly string[], tx?: PoolClient): Promise<RelativeLink[]>;

  /** Holdings of one village (all bodies, past and present), to tell 连任 / 其他职务 / 新进 and the outgoing heads. */
  abstract holdingsOfVillage(villageCode: string, tx?: PoolClient): Promise<Holding[]>;

  /** Persons and holdings in force on `date` inside a subtree (basic situation, county targets). */
  abstract snapshot(scopePrefix: string, date: LocalDate, tx?: PoolClient): Promise<{ persons: Map<string, Person>; holdings: Holding[] }>;

  /** The villages whose roster names each person (who may see them); unknown ids are absent. */
  abstract villagesOf(personIds: readonly string[], tx?: PoolClient): Promise<Map<string, string[]>>;

  /**
   * Every village each person's records lie in (named by, roles, posts held): read through
   * personReach, the one definition of "outside the caller's area". Unknown ids are absent.
   */
  abstract reachOf(personIds: readonly string[], tx?: PoolClient): Promise<Map<string, Set<string>>>;

  /** Hand-over: the renewed bodies of the village move to the new term, in the caller's transaction. */
  abstract startTerm(change: TermChange, actor: Actor | null, tx?: PoolClient): Promise<void>;

  /** After transaction `txId` committed (a hand-over's; null: nothing written): the roster read model has applied it. */
  abstract readYourWrites(txId: string | null): Promise<void>;
}

/**
 * Roster event types whose appending changes a person's facts; the election side listens for them
 * (by reading the event store) and re-evaluates open nominations of `data.personId`.
 */
export const ROSTER_FACT_EVENTS = ['PersonRecorded', 'RecordAdded', 'RecordEnded', 'AppraisalRecorded', 'RelativeLinked', 'RoleAssigned', 'InvestigationOpened', 'InvestigationClosed'] as const;
