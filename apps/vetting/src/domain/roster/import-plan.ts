import type { LocalDate } from '@lw/domain';
import type { Holding } from './holding';
import { sameDetails } from './person.state';
import type { PersonDetails, PersonEvent } from './person.events';
import type { RosterRow, RosterRowError } from './roster-row';
import { planHolding } from './village.decisions';
import type { VillageEvent } from './village.events';
import { evolveVillage } from './village.state';

export type RowOutcome = 'created' | 'updated' | 'unchanged';

/** A citizen id the roster already claims. */
export interface KnownPerson {
  personId: string;
  /** Null when the id is claimed but no details were ever recorded: the id cannot be taken again. */
  details: PersonDetails | null;
  /** The villages whose rosters named the person. */
  villages: ReadonlySet<string>;
  /** Every village where the person's records lie (named by, roles, posts held): whose decisions an edit reaches. */
  reach: ReadonlySet<string>;
}

/** What the roster already holds for the import's persons and villages. */
export interface ImportBasis {
  /** citizen id → the person claiming it. */
  persons: ReadonlyMap<string, KnownPerson>;
  /** village code → its holdings (all, past and present). */
  villages: ReadonlyMap<string, readonly Holding[]>;
  /** The villages the importer may write to (the subtree of their node). */
  area: ReadonlySet<string>;
}

/**
 * The one answer for a citizen id the importer may not take: the same whether the person's records
 * lie in another township or the id cannot be used for any other reason, so that an import never
 * tells a known id from an unknown one beyond "not here". Moving a person between townships is the
 * county's (组织部) to do.
 */
export const CITIZEN_ID_NOT_IMPORTABLE = '该身份证号码无法在本辖区导入，请联系县委组织部核实';

/** True when every village where the known person's records lie is inside the importer's area. */
export function mayImportOver(known: KnownPerson, area: ReadonlySet<string>): boolean {
  return known.details !== null && [...known.villages, ...known.reach].every((v) => area.has(v));
}

export interface ImportPlan {
  outcomes: { row: number; outcome: RowOutcome }[];
  /** Rows refused against the roster's state (a one-seat post held by someone else, two rows disagreeing on one person, an id not to be taken here). */
  errors: RosterRowError[];
  /** Per person: events to append, and whether the person is new (the citizen id must be claimed). */
  persons: Map<string, { citizenId: string; isNew: boolean; events: PersonEvent[] }>;
  villages: Map<string, VillageEvent[]>;
}

export function detailsOf(r: RosterRow): PersonDetails {
  return { name: r.name, citizenId: r.citizenId, ethnicity: r.ethnicity, education: r.education, politicalStatus: r.politicalStatus, partyJoinDate: r.partyJoinDate, phone: r.phone, tags: r.tags, villageCode: r.villageCode };
}

const DETAIL_LABELS: readonly [keyof PersonDetails, string][] = [['name', '姓名'], ['ethnicity', '民族'], ['education', '学历'], ['politicalStatus', '政治面貌'], ['partyJoinDate', '入党时间'], ['phone', '联系电话'], ['tags', '人员类别']];

/**
 * Decides an import of checked rows against the roster: a row creates its person, updates their
 * details, starts the posts not yet held from `date`, or changes nothing. A row that cannot be
 * applied is refused whole (it writes nothing) and later rows see the roster without it. Re-importing
 * the same sheet therefore plans no events at all. `newId` names new persons.
 *
 * A citizen id whose person has records outside the importer's area is refused (CITIZEN_ID_NOT_IMPORTABLE):
 * one person, one id, so it can be neither taken over nor created again. That check comes after the
 * checks a new person would meet too (the seats of the importer's own village), so a row with a
 * taken seat reads the same whoever's id it carries.
 */
export function planImport(rows: readonly RosterRow[], basis: ImportBasis, date: LocalDate, newId: () => string): ImportPlan {
  const plan: ImportPlan = { outcomes: [], errors: [], persons: new Map(), villages: new Map() };
  const known = new Map<string, { personId: string; details: PersonDetails; villages: ReadonlySet<string> }>();
  const refusedIds = new Set<string>();
  for (const [citizenId, p] of basis.persons) {
    if (p.details && mayImportOver(p, basis.area)) known.set(citizenId, { personId: p.personId, details: p.details, villages: p.villages });
    else refusedIds.add(citizenId);
  }
  const firstRow = new Map<string, number>();
  const holdings = new Map<string, Holding[]>();
  const holdingsOf = (v: string) => holdings.get(v) ?? [...(basis.villages.get(v) ?? [])];
  for (const r of rows) {
    const details = detailsOf(r);
    const prior = known.get(r.citizenId);
    const earlier = firstRow.get(r.citizenId);
    if (earlier !== undefined && prior && !sameDetails(prior.details, details)) {
      const fields = DETAIL_LABELS.filter(([k]) => JSON.stringify(prior.details[k]) !== JSON.stringify(details[k])).map(([, l]) => l);
      plan.errors.push({ row: r.row, column: fields[0] ?? '姓名', message: `第 ${r.row} 行：${fields.join('、')}与第 ${earlier} 行同一身份证号的人员不一致` });
      continue;
    }
    // A refused id is planned as a new person would be, so its seat checks read the same.
    const personId = prior?.personId ?? newId();
    const villageEvents: VillageEvent[] = [];
    let working = holdingsOf(r.villageCode);
    let refused: string | null = null;
    for (const p of r.posts) {
      const planned = planHolding(working, { personId, villageCode: r.villageCode, body: p.body, post: p.post, from: date });
      if (!Array.isArray(planned)) {
        refused = planned.reason;
        break;
      }
      villageEvents.push(...planned);
      working = planned.reduce(evolveVillage, working);
    }
    if (refused) {
      plan.errors.push({ row: r.row, column: '职务', message: `第 ${r.row} 行：${refused}` });
      continue;
    }
    if (refusedIds.has(r.citizenId)) {
      plan.errors.push({ row: r.row, column: '身份证号', message: `第 ${r.row} 行：${CITIZEN_ID_NOT_IMPORTABLE}` });
      continue;
    }
    // A new village naming a known person is recorded too: it widens who may see and edit them.
    const changed = !prior || !sameDetails(prior.details, details) || !prior.villages.has(r.villageCode);
    const personEvents: PersonEvent[] = changed ? [{ type: 'PersonRecorded', data: { personId, ...details } }] : [];
    const entry = plan.persons.get(personId) ?? { citizenId: r.citizenId, isNew: !prior, events: [] };
    entry.events.push(...personEvents);
    if (entry.events.length || entry.isNew) plan.persons.set(personId, entry);
    if (villageEvents.length) plan.villages.set(r.villageCode, [...(plan.villages.get(r.villageCode) ?? []), ...villageEvents]);
    holdings.set(r.villageCode, working);
    known.set(r.citizenId, { personId, details, villages: new Set([...(prior?.villages ?? []), r.villageCode]) });
    if (earlier === undefined) firstRow.set(r.citizenId, r.row);
    plan.outcomes.push({ row: r.row, outcome: !prior ? 'created' : personEvents.length || villageEvents.length ? 'updated' : 'unchanged' });
  }
  return plan;
}
