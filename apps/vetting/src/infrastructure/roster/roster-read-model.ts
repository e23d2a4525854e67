import type { PoolClient } from 'pg';
import { Brackets, In, type DataSource, type EntityManager } from 'typeorm';
import type { LocalDate } from '@lw/domain';
import { subtreePattern } from '@lw/hierarchy';
import type { Holding, Person } from '../../domain/roster';
import { isSanction, type AppraisalGrade } from '../../domain/roster';
import type { PersonFacts, RecordFact } from '../../domain/rules/facts';
import type { RelativeLink } from '../../domain/rules/slate';
import { readModelManager, runAll } from '@lw/db';
import { RosterAppraisalRecord } from './roster-appraisals.entity';
import { RosterEvaluationRecord } from './roster-evaluations.entity';
import { RosterHoldingRecord } from './roster-holdings.entity';
import { RosterInvestigationRecord } from './roster-investigations.entity';
import { RosterPersonRecord } from './roster-persons.entity';
import { RosterRecordRecord } from './roster-records.entity';
import { RosterRelativeRecord } from './roster-relatives.entity';
import { RosterRoleRecord } from './roster-roles.entity';

function toHolding(r: RosterHoldingRecord): Holding {
  const h: Holding = { personId: r.personId, villageCode: r.villageCode, body: r.body, post: r.post, from: r.fromDate };
  return r.toDate ? { ...h, to: r.toDate } : h;
}

const toLink = (r: RosterRelativeRecord): RelativeLink => ({ personId: r.personId, relativeId: r.relativeId, kind: r.kind });

/** Reads of the roster's read model (projection 'roster'); `tx`: inside the caller's transaction. */
export class RosterReadModel {
  constructor(private readonly source: DataSource) {}

  private m(tx?: PoolClient): EntityManager {
    return readModelManager(this.source, tx);
  }

  async persons(ids: readonly string[], tx?: PoolClient): Promise<RosterPersonRecord[]> {
    if (!ids.length) return [];
    return this.m(tx).findBy(RosterPersonRecord, { personId: In([...ids]) });
  }

  async records(ids: readonly string[], tx?: PoolClient): Promise<RosterRecordRecord[]> {
    if (!ids.length) return [];
    return this.m(tx).find(RosterRecordRecord, { where: { personId: In([...ids]) }, order: { date: 'ASC', recordId: 'ASC' } });
  }

  async appraisals(ids: readonly string[], tx?: PoolClient): Promise<RosterAppraisalRecord[]> {
    if (!ids.length) return [];
    return this.m(tx).find(RosterAppraisalRecord, { where: { personId: In([...ids]) }, order: { year: 'ASC', source: 'ASC', ref: 'ASC' } });
  }

  /** Negative 民主测评 grades of approved campaign dossiers, oldest first. */
  async evaluations(ids: readonly string[], tx?: PoolClient): Promise<RosterEvaluationRecord[]> {
    if (!ids.length) return [];
    return this.m(tx).find(RosterEvaluationRecord, { where: { personId: In([...ids]) }, order: { date: 'ASC', campaignId: 'ASC', subjectCode: 'ASC' } });
  }

  async roles(ids: readonly string[], tx?: PoolClient): Promise<RosterRoleRecord[]> {
    if (!ids.length) return [];
    return this.m(tx).find(RosterRoleRecord, { where: { personId: In([...ids]) }, order: { role: 'ASC' } });
  }

  async investigations(ids: readonly string[], tx?: PoolClient): Promise<RosterInvestigationRecord[]> {
    if (!ids.length) return [];
    return this.m(tx).find(RosterInvestigationRecord, { where: { personId: In([...ids]) }, order: { since: 'ASC' } });
  }

  async holdingsOfPersons(ids: readonly string[], tx?: PoolClient): Promise<Holding[]> {
    if (!ids.length) return [];
    const rows = await this.m(tx).find(RosterHoldingRecord, { where: { personId: In([...ids]) }, order: { fromDate: 'ASC', villageCode: 'ASC', body: 'ASC', post: 'ASC' } });
    return rows.map(toHolding);
  }

  /**
   * Each person's villages: named by, roles, posts held (past or present), through the person_id
   * indexes. Unknown ids are absent.
   */
  async reachOf(ids: readonly string[], tx?: PoolClient): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    if (!ids.length) return out;
    const m = this.m(tx);
    const where = { personId: In([...ids]) };
    const [persons, roles, holdings] = await runAll(tx, [
      () => m.find(RosterPersonRecord, { select: { personId: true, villages: true }, where }),
      () => m.find(RosterRoleRecord, { select: { personId: true, villageCode: true }, where }),
      () => m.find(RosterHoldingRecord, { select: { personId: true, villageCode: true }, where }),
    ] as const);
    const add = (personId: string, villageCode: string) => out.set(personId, (out.get(personId) ?? new Set()).add(villageCode));
    for (const p of persons) for (const v of p.villages) add(p.personId, v);
    for (const r of [...roles, ...holdings]) add(r.personId, r.villageCode);
    return out;
  }

  async holdingsOfVillage(villageCode: string, tx?: PoolClient): Promise<Holding[]> {
    const rows = await this.m(tx).find(RosterHoldingRecord, { where: { villageCode }, order: { fromDate: 'ASC', body: 'ASC', post: 'ASC', personId: 'ASC' } });
    return rows.map(toHolding);
  }

  /** Holdings in force on `date` in a subtree (either form of the scope's code). */
  async holdingsInForce(scopePrefix: string, date: LocalDate, tx?: PoolClient): Promise<Holding[]> {
    const rows = await this.m(tx)
      .createQueryBuilder(RosterHoldingRecord, 'h')
      .where('h.villageCode LIKE :scope', { scope: subtreePattern(scopePrefix) })
      .andWhere('h.fromDate <= :date AND (h.toDate IS NULL OR h.toDate > :date)', { date })
      .orderBy('h.villageCode')
      .addOrderBy('h.body')
      .addOrderBy('h.post')
      .addOrderBy('h.personId')
      .getMany();
    return rows.map(toHolding);
  }

  async relativesAmong(ids: readonly string[], tx?: PoolClient): Promise<RelativeLink[]> {
    if (!ids.length) return [];
    const rows = await this.m(tx).find(RosterRelativeRecord, { where: { personId: In([...ids]), relativeId: In([...ids]) }, order: { personId: 'ASC', relativeId: 'ASC', kind: 'ASC' } });
    return rows.map(toLink);
  }

  /** Links in either direction that touch one person. */
  async relativesOf(personId: string, tx?: PoolClient): Promise<RelativeLink[]> {
    const rows = await this.m(tx).find(RosterRelativeRecord, { where: [{ personId }, { relativeId: personId }], order: { personId: 'ASC', relativeId: 'ASC', kind: 'ASC' } });
    return rows.map(toLink);
  }

  /** Persons of that name named by the village or holding a post there. */
  async personIdByName(villageCode: string, name: string, tx?: PoolClient): Promise<string[]> {
    const qb = this.m(tx).createQueryBuilder(RosterPersonRecord, 'p').select('p.personId');
    const heldThere = qb.subQuery().select('h.personId').from(RosterHoldingRecord, 'h').where('h.villageCode = :village').getQuery();
    const rows = await qb
      .where('p.name = :name', { name })
      .andWhere(new Brackets((w) => w.where(':village = ANY (p.villages)').orWhere(`p.personId IN ${heldThere}`)))
      .setParameter('village', villageCode)
      .orderBy('p.personId')
      .getMany();
    return rows.map((r) => r.personId);
  }

  /** Persons as the domain knows them: sanctions (党纪政务处分) as disciplinary records, roster appraisals. */
  async domainPersons(ids: readonly string[], tx?: PoolClient): Promise<Map<string, Person>> {
    const [persons, records, appraisals, relatives] = await runAll(tx, [() => this.persons(ids, tx), () => this.records(ids, tx), () => this.appraisals(ids, tx), () => this.relativesAmong(ids, tx)] as const);
    const out = new Map<string, Person>();
    for (const p of persons) {
      const perYear = new Map<number, AppraisalGrade>();
      // One grade a year (createPerson's rule): the roster's own, else an assessment's.
      for (const a of appraisals.filter((x) => x.personId === p.personId)) if (a.source === 'roster' || !perYear.has(a.year)) perYear.set(a.year, a.grade);
      out.set(p.personId, {
        id: p.personId,
        name: p.name,
        citizenId: p.citizenId,
        ethnicity: p.ethnicity,
        education: p.education,
        politicalStatus: p.politicalStatus,
        ...(p.partyJoinDate ? { partyJoinDate: p.partyJoinDate } : {}),
        ...(p.phone ? { phone: p.phone } : {}),
        tags: p.tags,
        disciplinaryRecords: records
          .filter((r) => r.personId === p.personId && isSanction(r.category))
          .map((r) => (r.endsOn ? { kind: r.label, date: r.date, effectEndsOn: r.endsOn } : { kind: r.label, date: r.date })),
        appraisals: [...perYear].sort((a, b) => a[0] - b[0]).map(([year, grade]) => ({ year, grade })),
        relatives: relatives.filter((r) => r.personId === p.personId).map((r) => ({ personId: r.relativeId, kind: r.kind })),
        birthDate: p.birthDate,
        gender: p.gender,
      });
    }
    return out;
  }

  /** Facts for the rules engine, as of `asOf`: only what was known on that day. */
  async personFacts(ids: readonly string[], asOf: LocalDate, tx?: PoolClient): Promise<Map<string, PersonFacts>> {
    const [persons, records, appraisals, evaluations, roles, investigations] = await runAll(tx, [
      () => this.persons(ids, tx),
      () => this.records(ids, tx),
      () => this.appraisals(ids, tx),
      () => this.evaluations(ids, tx),
      () => this.roles(ids, tx),
      () => this.investigations(ids, tx),
    ] as const);
    const out = new Map<string, PersonFacts>();
    for (const p of persons) {
      const mine = <T extends { personId: string }>(rows: T[]) => rows.filter((r) => r.personId === p.personId);
      const open = mine(investigations).filter((i) => i.since <= asOf && (i.closedOn === null || i.closedOn > asOf));
      const years = new Map<string, { year: number; grade: AppraisalGrade }>();
      for (const a of mine(appraisals)) years.set(`${a.year}|${a.grade}`, { year: a.year, grade: a.grade });
      out.set(p.personId, {
        personId: p.personId,
        name: p.name,
        asOf,
        birthDate: p.birthDate,
        gender: p.gender,
        education: p.education,
        politicalStatus: p.politicalStatus,
        partyJoinDate: p.partyJoinDate,
        records: mine(records)
          .filter((r) => r.date <= asOf)
          .map((r): RecordFact => ({ kind: r.kind, date: r.date, endsOn: r.endsOn, source: [r.text, r.source].filter(Boolean).join(' ') })),
        appraisals: [...years.values()].sort((a, b) => a.year - b.year),
        evaluations: mine(evaluations)
          .filter((e) => e.date <= asOf)
          .map((e) => ({ date: e.date, grade: e.grade, campaignId: e.campaignId, campaignName: e.campaignName, subjectCode: e.subjectCode })),
        underInvestigation: open.length ? { since: open[0].since, ...(open[0].source ? { source: open[0].source } : {}) } : null,
        substantiatedTips: [],
        roles: mine(roles).filter((r) => r.since <= asOf && (r.until === null || r.until >= asOf)).map((r) => r.role),
      });
    }
    return out;
  }
}
