import type { LocalDate } from '@lw/domain';
import type { AppraisalGrade, Body, Holding, PoliticalStatus, Post, RecordCategory } from '../../domain/roster';
import type { Education } from '../../domain/rules/facts';

/** One person as a clerk sees them: the id number masked (the full number stays in the vetting schema). */
export interface PersonView {
  personId: string;
  name: string;
  citizenId: string;
  gender: '女' | '男';
  birthDate: LocalDate;
  ethnicity: string;
  education: Education;
  politicalStatus: PoliticalStatus;
  partyJoinDate: LocalDate | null;
  phone: string | null;
  tags: string[];
  /** Named by, and posts held: whose users may see the person. */
  villages: string[];
  holdings: (Holding & { bodyLabel: string })[];
  records: { recordId: string; text: string; kind: string; label: string; category: RecordCategory; date: LocalDate; endsOn: LocalDate | null; source: string | null }[];
  appraisals: { year: number; grade: AppraisalGrade; source: string; ref: string | null }[];
  relatives: { personId: string; kind: string; direction: 'is_my' | 'i_am_their' }[];
  roles: { role: string; villageCode: string; since: LocalDate; until: LocalDate | null }[];
  investigations: { investigationId: string; since: LocalDate; closedOn: LocalDate | null; source: string | null }[];
}

/** A village's two committees (and supervision, reserve) on a day, one entry per person with their posts. */
export interface VillageRosterView {
  villageCode: string;
  date: LocalDate;
  members: {
    personId: string;
    name: string;
    gender: '女' | '男';
    age: number;
    education: Education;
    politicalStatus: PoliticalStatus;
    posts: { body: Body; bodyLabel: string; post: Post; from: LocalDate }[];
    crossAppointed: boolean;
    oneShoulder: boolean;
  }[];
}

/** The roster read model as clerks see it (implemented on the vetting schema in infrastructure/roster). */
export abstract class RosterViews {
  /** null when the read model does not know the person. */
  abstract person(personId: string): Promise<PersonView | null>;
  abstract village(villageCode: string, date: LocalDate): Promise<VillageRosterView>;
}
