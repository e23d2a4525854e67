import { CitizenId, type LocalDate } from '@lw/domain';
import { ageOf, BODY_LABELS, crossAppointed, holdingsInForce, oneShoulder, type Holding } from '../../domain/roster';
import type { PersonView, RosterViews, VillageRosterView } from '../../application/roster/roster-views.port';
import type { RosterReadModel } from './roster-read-model';

/** The clerk's views of the roster read model (RosterViews). */
export class PgRosterViews implements RosterViews {
  constructor(private readonly queries: RosterReadModel) {}

  person(personId: string): Promise<PersonView | null> {
    return personView(this.queries, personId);
  }

  village(villageCode: string, date: LocalDate): Promise<VillageRosterView> {
    return villageRosterView(this.queries, villageCode, date);
  }
}

async function personView(queries: RosterReadModel, personId: string): Promise<PersonView | null> {
  const [p] = await queries.persons([personId]);
  if (!p) return null;
  const [records, appraisals, roles, investigations, holdings] = await Promise.all([
    queries.records([personId]),
    queries.appraisals([personId]),
    queries.roles([personId]),
    queries.investigations([personId]),
    queries.holdingsOfPersons([personId]),
  ]);
  return {
    personId: p.personId,
    name: p.name,
    citizenId: CitizenId.parse(p.citizenId).masked(),
    gender: p.gender === 'female' ? '女' : '男',
    birthDate: p.birthDate,
    ethnicity: p.ethnicity,
    education: p.education,
    politicalStatus: p.politicalStatus,
    partyJoinDate: p.partyJoinDate,
    phone: p.phone,
    tags: p.tags,
    villages: [...new Set([...p.villages, ...holdings.map((h) => h.villageCode)])].sort(),
    holdings: holdings.map((h) => ({ ...h, bodyLabel: BODY_LABELS[h.body] })),
    records: records.map((r) => ({ recordId: r.recordId, text: r.text, kind: r.kind, label: r.label, category: r.category, date: r.date, endsOn: r.endsOn, source: r.source })),
    appraisals: appraisals.map((a) => ({ year: a.year, grade: a.grade, source: a.source, ref: a.ref || null })),
    relatives: (await queries.relativesOf(personId)).map((r) => ({ personId: r.personId === personId ? r.relativeId : r.personId, kind: r.kind, direction: r.personId === personId ? 'is_my' : 'i_am_their' })),
    roles: roles.map((r) => ({ role: r.role, villageCode: r.villageCode, since: r.since, until: r.until })),
    investigations: investigations.map((i) => ({ investigationId: i.investigationId, since: i.since, closedOn: i.closedOn, source: i.source })),
  };
}

async function villageRosterView(queries: RosterReadModel, villageCode: string, date: LocalDate): Promise<VillageRosterView> {
  const holdings: Holding[] = holdingsInForce(await queries.holdingsOfVillage(villageCode), date);
  const persons = await queries.persons([...new Set(holdings.map((h) => h.personId))]);
  const cross = crossAppointed(holdings);
  const shoulder = new Set(oneShoulder(holdings).map((o) => o.personId));
  return {
    villageCode,
    date,
    members: persons
      .map((p): VillageRosterView['members'][number] => ({
        personId: p.personId,
        name: p.name,
        gender: p.gender === 'female' ? '女' : '男',
        age: ageOf({ citizenId: p.citizenId }, date < p.birthDate ? p.birthDate : date),
        education: p.education,
        politicalStatus: p.politicalStatus,
        posts: holdings.filter((h) => h.personId === p.personId).map((h) => ({ body: h.body, bodyLabel: BODY_LABELS[h.body], post: h.post, from: h.from })),
        crossAppointed: cross.has(p.personId),
        oneShoulder: shoulder.has(p.personId),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh') || a.personId.localeCompare(b.personId)),
  };
}
