import { CitizenId, DomainValidationError, isLocalDate, type Gender, type LocalDate } from '@lw/domain';
import type { Education } from '../rules/facts';

export const EDUCATIONS: readonly Education[] = ['研究生', '本科', '大专', '高中·中专', '初中', '小学'];

export type PoliticalStatus = '中共党员' | '预备党员' | '群众' | '民主党派' | '无党派';
export const POLITICAL_STATUSES: readonly PoliticalStatus[] = ['中共党员', '预备党员', '群众', '民主党派', '无党派'];

export type AppraisalGrade = '优秀' | '称职' | '基本称职' | '不称职';
const GRADES: readonly AppraisalGrade[] = ['优秀', '称职', '基本称职', '不称职'];

/** Occupation tags the targets count (致富能手 share …); free text beyond these is allowed. */
export const KNOWN_TAGS = ['致富能手', '退役军人', '返乡创业', '大学毕业生', '合作社负责人', '优秀农民工'] as const;

/**
 * A disciplinary sanction (党纪政务处分 …). `effectEndsOn` is the LAST day of its effect period
 * (影响期), inclusive; absent when the sanction has none.
 */
export interface DisciplinaryRecord {
  kind: string;
  date: LocalDate;
  effectEndsOn?: LocalDate;
}

export interface Appraisal {
  year: number;
  grade: AppraisalGrade;
}

/** A family link to another person of the roster; kind as the policy pack names it (配偶, 兄弟姐妹 …). */
export interface RelativeLink {
  personId: string;
  kind: string;
}

export interface PersonInput {
  id: string;
  name: string;
  /** GB 11643 number: the only source of birth date and gender, so the two can never disagree with it. */
  citizenId: string;
  ethnicity: string;
  education: Education;
  politicalStatus: PoliticalStatus;
  partyJoinDate?: LocalDate;
  phone?: string;
  tags: readonly string[];
  disciplinaryRecords: readonly DisciplinaryRecord[];
  appraisals: readonly Appraisal[];
  relatives: readonly RelativeLink[];
}

/** A person of the roster (两委花名册), with birth date and gender derived from the id number. */
export interface Person extends Readonly<PersonInput> {
  readonly birthDate: LocalDate;
  readonly gender: Gender;
}

const PARTY_MEMBER: readonly PoliticalStatus[] = ['中共党员', '预备党员'];

export function isPartyMember(status: PoliticalStatus): boolean {
  return PARTY_MEMBER.includes(status);
}

/** Checks a person's data and derives birth date and gender; throws DomainValidationError in Chinese. */
export function createPerson(input: PersonInput, opts: { today?: LocalDate } = {}): Person {
  const bad = (zh: string, en: string) => new DomainValidationError('roster.person_invalid', `${input.name || '人员'}：${zh}`, `person ${input.id}: ${en}`);
  if (!input.id) throw bad('缺少人员编号', 'missing id');
  if (!input.name.trim() || [...input.name].length > 50) throw bad('姓名为空或超过 50 字', 'name empty or longer than 50');
  const id = CitizenId.parse(input.citizenId, opts);
  if (!input.ethnicity.trim()) throw bad('民族不能为空', 'ethnicity empty');
  if (!EDUCATIONS.includes(input.education)) throw bad(`学历“${input.education}”无法识别`, `unknown education ${input.education}`);
  if (!POLITICAL_STATUSES.includes(input.politicalStatus)) throw bad(`政治面貌“${input.politicalStatus}”无法识别`, `unknown status ${input.politicalStatus}`);
  if (input.partyJoinDate !== undefined) {
    if (!isLocalDate(input.partyJoinDate)) throw bad('入党时间不是有效日期', 'party join date invalid');
    if (!isPartyMember(input.politicalStatus)) throw bad(`政治面貌为${input.politicalStatus}，不应有入党时间`, 'join date on a non-member');
    // Admission needs the applicant to be 18 (党章第一条).
    if (id.ageOn(input.partyJoinDate) < 18) throw bad('入党时间早于年满 18 周岁', 'joined the party before 18');
  }
  for (const r of input.disciplinaryRecords) {
    if (!isLocalDate(r.date) || (r.effectEndsOn !== undefined && (!isLocalDate(r.effectEndsOn) || r.effectEndsOn < r.date))) {
      throw bad(`处分“${r.kind}”的日期或影响期不正确`, `bad disciplinary dates ${r.date}..${String(r.effectEndsOn)}`);
    }
  }
  const years = input.appraisals.map((a) => a.year);
  if (new Set(years).size !== years.length) throw bad('同一年度有两条考核结果', 'two appraisals in one year');
  if (input.appraisals.some((a) => !GRADES.includes(a.grade))) throw bad('考核等次无法识别', 'unknown appraisal grade');
  if (input.relatives.some((r) => r.personId === input.id)) throw bad('亲属关系不能指向本人', 'relative link to self');
  return { ...input, birthDate: id.birthDate, gender: id.gender };
}

/** Full years (周岁) at `date`, by the id number's own rule (29 Feb birthdays fall on 28 Feb). */
export function ageOf(person: Pick<Person, 'citizenId'>, date: LocalDate): number {
  return CitizenId.parse(person.citizenId).ageOn(date);
}

/** Given on or before `date` and its effect period not ended: the period's last day still counts. */
export function isInEffect(record: DisciplinaryRecord, date: LocalDate): boolean {
  return record.date <= date && record.effectEndsOn !== undefined && date <= record.effectEndsOn;
}
