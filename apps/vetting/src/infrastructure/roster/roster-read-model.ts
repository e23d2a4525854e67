import { runAll } from '@lw/db';
import type { Pool, PoolClient } from 'pg';
import { DivisionCode, type LocalDate } from '@lw/domain';
import type { Holding, Person } from '../../domain/roster';
import { isSanction, type AppraisalGrade, type Body, type PoliticalStatus, type Post, type RecordCategory } from '../../domain/roster';
import type { Education, PersonFacts, RecordFact } from '../../domain/rules/facts';
import type { RelativeLink } from '../../domain/rules/slate';

type Db = Pool | PoolClient;

/** Dates come back as text (YYYY-MM-DD): no time zone can shift a day. */
const day = (column: string, as = column) => `to_char(${column}, 'YYYY-MM-DD') AS ${as}`;

interface PersonRow {
  person_id: string;
  citizen_id: string;
  name: string;
  gender: 'male' | 'female';
  birth_date: LocalDate;
  ethnicity: string;
  education: Education;
  political_status: PoliticalStatus;
  party_join_date: LocalDate | null;
  phone: string | null;
  tags: string[];
  villages: string[];
}

interface RecordRow {
  record_id: string;
  person_id: string;
  text: string;
  kind: string;
  label: string;
  category: RecordCategory;
  date: LocalDate;
  ends_on: LocalDate | null;
  source: string | null;
}

const PERSON_COLUMNS = `person_id, citizen_id, name, gender, ${day('birth_date')}, ethnicity, education, political_status, ${day('party_join_date')}, phone, tags, villages`;
const HOLDING_COLUMNS = `person_id, village_code, body, post, ${day('from_date')}, ${day('to_date')}`;

function toHolding(r: { person_id: string; village_code: string; body: Body; post: Post; from_date: LocalDate; to_date: LocalDate | null }): Holding {
  const h: Holding = { personId: r.person_id, villageCode: r.village_code, body: r.body, post: r.post, from: r.from_date };
  return r.to_date ? { ...h, to: r.to_date } : h;
}

/** Reads of the roster's read model (projection 'roster'). */
export class RosterReadModel {
  constructor(private readonly pool: Pool) {}

  private db(tx?: PoolClient): Db {
    return tx ?? this.pool;
  }

  async persons(ids: readonly string[], tx?: PoolClient): Promise<PersonRow[]> {
    if (!ids.length) return [];
    return (await this.db(tx).query<PersonRow>(`SELECT ${PERSON_COLUMNS} FROM roster_persons WHERE person_id = ANY ($1::text[])`, [ids])).rows;
  }

  async records(ids: readonly string[], tx?: PoolClient): Promise<RecordRow[]> {
    if (!ids.length) return [];
    const sql = `SELECT record_id, person_id, text, kind, label, category, ${day('date')}, ${day('ends_on')}, source FROM roster_records WHERE person_id = ANY ($1::text[]) ORDER BY date, record_id`;
    return (await this.db(tx).query<RecordRow>(sql, [ids])).rows;
  }

  async appraisals(ids: readonly string[], tx?: PoolClient): Promise<{ person_id: string; year: number; grade: AppraisalGrade; source: string; ref: string }[]> {
    if (!ids.length) return [];
    return (await this.db(tx).query('SELECT person_id, year, grade, source, ref FROM roster_appraisals WHERE person_id = ANY ($1::text[]) ORDER BY year, source, ref', [ids])).rows;
  }

  async roles(ids: readonly string[], tx?: PoolClient): Promise<{ person_id: string; role: string; village_code: string; since: LocalDate; until: LocalDate | null }[]> {
    if (!ids.length) return [];
    return (await this.db(tx).query(`SELECT person_id, role, village_code, ${day('since')}, ${day('until')} FROM roster_roles WHERE person_id = ANY ($1::text[]) ORDER BY role`, [ids])).rows;
  }

  async investigations(ids: readonly string[], tx?: PoolClient): Promise<{ investigation_id: string; person_id: string; since: LocalDate; closed_on: LocalDate | null; source: string | null }[]> {
    if (!ids.length) return [];
    const sql = `SELECT investigation_id, person_id, ${day('since')}, ${day('closed_on')}, source FROM roster_investigations WHERE person_id = ANY ($1::text[]) ORDER BY since`;
    return (await this.db(tx).query(sql, [ids])).rows;
  }

  async holdingsOfPersons(ids: readonly string[], tx?: PoolClient): Promise<Holding[]> {
    if (!ids.length) return [];
    return (await this.db(tx).query(`SELECT ${HOLDING_COLUMNS} FROM roster_holdings WHERE person_id = ANY ($1::text[]) ORDER BY from_date, village_code, body, post`, [ids])).rows.map(toHolding);
  }

  /**
   * Each person's villages: named by, roles, posts held (past or present), through the person_id
   * indexes. Unknown ids are absent.
   */
  async reachOf(ids: readonly string[], tx?: PoolClient): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    if (!ids.length) return out;
    const sql = `SELECT person_id, unnest(villages) AS village_code FROM roster_persons WHERE person_id = ANY ($1::text[])
                 UNION SELECT person_id, village_code FROM roster_roles WHERE person_id = ANY ($1::text[])
                 UNION SELECT person_id, village_code FROM roster_holdings WHERE person_id = ANY ($1::text[])`;
    const { rows } = await this.db(tx).query<{ person_id: string; village_code: string }>(sql, [ids]);
    for (const r of rows) out.set(r.person_id, (out.get(r.person_id) ?? new Set()).add(r.village_code));
    return out;
  }

  async holdingsOfVillage(villageCode: string, tx?: PoolClient): Promise<Holding[]> {
    const sql = `SELECT ${HOLDING_COLUMNS} FROM roster_holdings WHERE village_code = $1 ORDER BY from_date, body, post, person_id`;
    return (await this.db(tx).query(sql, [villageCode])).rows.map(toHolding);
  }

  /** Holdings in force on `date` in a subtree (significant digits of the scope as a prefix). */
  async holdingsInForce(scopePrefix: string, date: LocalDate, tx?: PoolClient): Promise<Holding[]> {
    const prefix = DivisionCode.parse(scopePrefix).code;
    const sql = `SELECT ${HOLDING_COLUMNS} FROM roster_holdings
                  WHERE village_code LIKE $1 || '%' AND from_date <= $2 AND (to_date IS NULL OR to_date > $2)
                  ORDER BY village_code, body, post, person_id`;
    return (await this.db(tx).query(sql, [prefix, date])).rows.map(toHolding);
  }

  async relativesAmong(ids: readonly string[], tx?: PoolClient): Promise<RelativeLink[]> {
    if (!ids.length) return [];
    const sql = 'SELECT person_id, relative_id, kind FROM roster_relatives WHERE person_id = ANY ($1::text[]) AND relative_id = ANY ($1::text[]) ORDER BY person_id, relative_id, kind';
    return (await this.db(tx).query(sql, [ids])).rows.map((r) => ({ personId: r.person_id, relativeId: r.relative_id, kind: r.kind }));
  }

  /** Links in either direction that touch one person. */
  async relativesOf(personId: string, tx?: PoolClient): Promise<RelativeLink[]> {
    const sql = 'SELECT person_id, relative_id, kind FROM roster_relatives WHERE person_id = $1 OR relative_id = $1 ORDER BY person_id, relative_id, kind';
    return (await this.db(tx).query(sql, [personId])).rows.map((r) => ({ personId: r.person_id, relativeId: r.relative_id, kind: r.kind }));
  }

  async personIdByName(villageCode: string, name: string, tx?: PoolClient): Promise<string[]> {
    const sql = `SELECT person_id FROM roster_persons WHERE name = $2 AND ($1 = ANY (villages) OR person_id IN (SELECT person_id FROM roster_holdings WHERE village_code = $1))
                 ORDER BY person_id`;
    return (await this.db(tx).query(sql, [villageCode, name])).rows.map((r) => r.person_id);
  }

  /** Persons as the domain knows them: sanctions (党纪政务处分) as disciplinary records, roster appraisals. */
  async domainPersons(ids: readonly string[], tx?: PoolClient): Promise<Map<string, Person>> {
    const [persons, records, appraisals, relatives] = await runAll(tx, [() => this.persons(ids, tx), () => this.records(ids, tx), () => this.appraisals(ids, tx), () => this.relativesAmong(ids, tx)] as const);
    const out = new Map<string, Person>();
    for (const p of persons) {
      const perYear = new Map<number, AppraisalGrade>();
      // One grade a year (createPerson's rule): the roster's own, else an assessment's.
      for (const a of appraisals.filter((x) => x.person_id === p.person_id)) if (a.source === 'roster' || !perYear.has(a.year)) perYear.set(a.year, a.grade);
      out.set(p.person_id, {
        id: p.person_id,
        name: p.name,
        citizenId: p.citizen_id,
        ethnicity: p.ethnicity,
        education: p.education,
        politicalStatus: p.political_status,
        ...(p.party_join_date ? { partyJoinDate: p.party_join_date } : {}),
        ...(p.phone ? { phone: p.phone } : {}),
        tags: p.tags,
        disciplinaryRecords: records
          .filter((r) => r.person_id === p.person_id && isSanction(r.category))
          .map((r) => (r.ends_on ? { kind: r.label, date: r.date, effectEndsOn: r.ends_on } : { kind: r.label, date: r.date })),
        appraisals: [...perYear].sort((a, b) => a[0] - b[0]).map(([year, grade]) => ({ year, grade })),
        relatives: relatives.filter((r) => r.personId === p.person_id).map((r) => ({ personId: r.relativeId, kind: r.kind })),
        birthDate: p.birth_date,
        gender: p.gender,
      });
    }
    return out;
  }

  /** Facts for the rules engine, as of `asOf`: only what was known on that day. */
  async personFacts(ids: readonly string[], asOf: LocalDate, tx?: PoolClient): Promise<Map<string, PersonFacts>> {
    const [persons, records, appraisals, roles, investigations] = await runAll(tx, [() => this.persons(ids, tx), () => this.records(ids, tx), () => this.appraisals(ids, tx), () => this.roles(ids, tx), () => this.investigations(ids, tx)] as const);
    const out = new Map<string, PersonFacts>();
    for (const p of persons) {
      const mine = <T extends { person_id: string }>(rows: T[]) => rows.filter((r) => r.person_id === p.person_id);
      const open = mine(investigations).filter((i) => i.since <= asOf && (i.closed_on === null || i.closed_on > asOf));
      const years = new Map<string, { year: number; grade: AppraisalGrade }>();
      for (const a of mine(appraisals)) years.set(`${a.year}|${a.grade}`, { year: a.year, grade: a.grade });
      out.set(p.person_id, {
        personId: p.person_id,
        name: p.name,
        asOf,
        birthDate: p.birth_date,
        gender: p.gender,
        education: p.education,
        politicalStatus: p.political_status,
        partyJoinDate: p.party_join_date,
        records: mine(records)
          .filter((r) => r.date <= asOf)
          .map((r): RecordFact => ({ kind: r.kind, date: r.date, endsOn: r.ends_on, source: [r.text, r.source].filter(Boolean).join(' ') })),
        appraisals: [...years.values()].sort((a, b) => a.year - b.year),
        underInvestigation: open.length ? { since: open[0].since, ...(open[0].source ? { source: open[0].source } : {}) } : null,
        substantiatedTips: [],
        roles: mine(roles).filter((r) => r.since <= asOf && (r.until === null || r.until >= asOf)).map((r) => r.role),
      });
    }
    return out;
  }
}
