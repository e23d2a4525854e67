import type { LocalDate } from '@lw/domain';
import type { Education } from '../rules/facts';
import type { AppraisalGrade, PoliticalStatus } from './person';
import type { RecordCategory } from './record-kinds';

/*
 * The roster's person events (village holdings: village.events.ts). Two kinds of stream:
 *  - `roster-person-<uuid>`: one person's details and facts (records, appraisals, relatives, roles,
 *    investigations). Edits of different persons never contend, and the election side re-reads a
 *    person's facts on exactly these events (ROSTER_FACT_EVENTS), each carrying data.personId.
 *  - `roster-village-<code>`: the holdings of one village, where the one-seat rules (书记, 主任) and
 *    the hand-over (startTerm) are decided against the village's whole list.
 * Citizen id numbers appear only in PersonRecorded, inside the vetting schema.
 */

export const personStream = (personId: string) => `roster-person-${personId}`;

export interface PersonDetails {
  name: string;
  citizenId: string;
  ethnicity: string;
  education: Education;
  politicalStatus: PoliticalStatus;
  partyJoinDate: LocalDate | null;
  phone: string | null;
  tags: string[];
  /** The village whose roster named the person (scope of who may see and edit them). */
  villageCode: string;
}

/** The person's current details, recorded whole: the first creates the person, later ones replace the details. */
export interface PersonRecorded {
  type: 'PersonRecorded';
  data: PersonDetails & { personId: string };
}

export interface RecordAdded {
  type: 'RecordAdded';
  data: { personId: string; recordId: string; text: string; kind: string; label: string; category: RecordCategory; date: LocalDate; endsOn: LocalDate | null; source: string | null };
}

/** A record stops counting as current (land use rectified, sanction lifted): its last day in effect. */
export interface RecordEnded {
  type: 'RecordEnded';
  data: { personId: string; recordId: string; endsOn: LocalDate; reason: string | null };
}

export interface AppraisalRecorded {
  type: 'AppraisalRecorded';
  data: { personId: string; year: number; grade: AppraisalGrade };
}

export interface RelativeLinked {
  type: 'RelativeLinked';
  /** relativeId is personId's <kind> (配偶, 父母 …); read in either direction. */
  data: { personId: string; relativeId: string; kind: string };
}

/** A village role outside the two committees (会计 …) from `since`; recorded again with `until` (its last day) when it ends. */
export interface RoleAssigned {
  type: 'RoleAssigned';
  data: { personId: string; role: string; villageCode: string; since: LocalDate; until: LocalDate | null };
}

export interface InvestigationOpened {
  type: 'InvestigationOpened';
  data: { personId: string; investigationId: string; since: LocalDate; source: string | null };
}

export interface InvestigationClosed {
  type: 'InvestigationClosed';
  data: { personId: string; investigationId: string; closedOn: LocalDate; conclusion: string | null };
}

export type PersonEvent = PersonRecorded | RecordAdded | RecordEnded | AppraisalRecorded | RelativeLinked | RoleAssigned | InvestigationOpened | InvestigationClosed;
