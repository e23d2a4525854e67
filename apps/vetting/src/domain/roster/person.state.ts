import type { LocalDate } from '@lw/domain';
import type { AppraisalGrade } from './person';
import type { PersonDetails, PersonEvent } from './person.events';

/** One person as their stream tells it: what the person commands decide against. */
export interface PersonState {
  personId: string;
  details: PersonDetails | null;
  /** Every village whose roster named them: who may see and edit the person. */
  villages: ReadonlySet<string>;
  records: ReadonlyMap<string, { kind: string; date: LocalDate; endsOn: LocalDate | null }>;
  appraisals: ReadonlyMap<number, AppraisalGrade>;
  relatives: ReadonlySet<string>;
  roles: ReadonlyMap<string, { villageCode: string; since: LocalDate; until: LocalDate | null }>;
  investigations: ReadonlyMap<string, { since: LocalDate; closedOn: LocalDate | null }>;
}

export function emptyPerson(personId: string): PersonState {
  return { personId, details: null, villages: new Set(), records: new Map(), appraisals: new Map(), relatives: new Set(), roles: new Map(), investigations: new Map() };
}

/** The villages the person's own stream places them in: named by a roster, or given a role. */
export function villagesOfPerson(s: PersonState): Set<string> {
  return new Set([...s.villages, ...[...s.roles.values()].map((r) => r.villageCode)]);
}

export const relativeKey = (relativeId: string, kind: string) => `${relativeId}|${kind}`;

export function evolvePerson(s: PersonState, e: PersonEvent): PersonState {
  switch (e.type) {
    case 'PersonRecorded': {
      const { personId: _id, ...details } = e.data;
      return { ...s, details, villages: new Set([...s.villages, details.villageCode]) };
    }
    case 'RecordAdded':
      return { ...s, records: new Map(s.records).set(e.data.recordId, { kind: e.data.kind, date: e.data.date, endsOn: e.data.endsOn }) };
    case 'RecordEnded': {
      const r = s.records.get(e.data.recordId);
      return r ? { ...s, records: new Map(s.records).set(e.data.recordId, { ...r, endsOn: e.data.endsOn }) } : s;
    }
    case 'AppraisalRecorded':
      return { ...s, appraisals: new Map(s.appraisals).set(e.data.year, e.data.grade) };
    case 'RelativeLinked':
      return { ...s, relatives: new Set([...s.relatives, relativeKey(e.data.relativeId, e.data.kind)]) };
    case 'RoleAssigned':
      return { ...s, roles: new Map(s.roles).set(e.data.role, { villageCode: e.data.villageCode, since: e.data.since, until: e.data.until }) };
    case 'InvestigationOpened':
      return { ...s, investigations: new Map(s.investigations).set(e.data.investigationId, { since: e.data.since, closedOn: null }) };
    case 'InvestigationClosed': {
      const i = s.investigations.get(e.data.investigationId);
      return i ? { ...s, investigations: new Map(s.investigations).set(e.data.investigationId, { ...i, closedOn: e.data.closedOn }) } : s;
    }
  }
}

/** Same details apart from the village that named them (a person on two villages' rosters is one person). */
export function sameDetails(a: PersonDetails, b: PersonDetails): boolean {
  return (
    a.name === b.name &&
    a.citizenId === b.citizenId &&
    a.ethnicity === b.ethnicity &&
    a.education === b.education &&
    a.politicalStatus === b.politicalStatus &&
    a.partyJoinDate === b.partyJoinDate &&
    a.phone === b.phone &&
    a.tags.length === b.tags.length &&
    a.tags.every((t, i) => t === b.tags[i])
  );
}

/** How the person's stream folds (the decider loop starts from null: a person not recorded yet). */
export const personDecider = (personId: string) => ({
  evolve: (s: PersonState | null, e: PersonEvent): PersonState => evolvePerson(s ?? emptyPerson(personId), e),
});
