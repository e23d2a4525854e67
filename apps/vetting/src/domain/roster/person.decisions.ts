import { DomainConflictError, DomainNotFoundError, DomainValidationError, isLocalDate, type LocalDate } from '@lw/domain';
import type { AppraisalGrade } from './person';
import { relativeKey, sameDetails, type PersonState } from './person.state';
import { recordEndsOn, resolveRecordKind } from './record-kinds';
import type { PersonDetails, PersonEvent } from './person.events';

/*
 * Decisions on one person's stream: each returns the events to append, [] when the command changes
 * nothing (so a repeated request appends nothing), or throws a Chinese domain error.
 */

const GRADES: readonly AppraisalGrade[] = ['优秀', '称职', '基本称职', '不称职'];

function notAfter(date: LocalDate, today: LocalDate, what: string): void {
  if (!isLocalDate(date)) throw new DomainValidationError('roster.bad_date', `${what}不是有效日期`, `bad date ${String(date)}`);
  if (date > today) throw new DomainValidationError('roster.future_date', `${what} ${date} 晚于今天`, `${what} ${date} after ${today}`);
}

function existing(s: PersonState): void {
  if (!s.details) throw new DomainNotFoundError('roster.person_not_found', '该人员不在花名册中', `person ${s.personId} not recorded`);
}

export function recordDetails(s: PersonState, details: PersonDetails): PersonEvent[] {
  if (s.details && sameDetails(s.details, details) && s.villages.has(details.villageCode)) return [];
  return [{ type: 'PersonRecorded', data: { personId: s.personId, ...details } }];
}

export function addRecord(s: PersonState, input: { recordId: string; text: string; date: LocalDate; endsOn?: LocalDate | null; source?: string | null }, today: LocalDate): PersonEvent[] {
  existing(s);
  if (s.records.has(input.recordId)) return [];
  notAfter(input.date, today, '处分（记录）日期');
  const k = resolveRecordKind(input.text);
  const endsOn = recordEndsOn(k, input.date, input.endsOn ?? null);
  return [{ type: 'RecordAdded', data: { personId: s.personId, recordId: input.recordId, text: input.text.trim(), kind: k.code, label: k.label, category: k.category, date: input.date, endsOn, source: input.source ?? null } }];
}

export function endRecord(s: PersonState, recordId: string, endsOn: LocalDate, reason: string | null): PersonEvent[] {
  existing(s);
  const r = s.records.get(recordId);
  if (!r) throw new DomainNotFoundError('roster.record_not_found', '该记录不存在', `record ${recordId} of ${s.personId}`);
  if (endsOn < r.date) throw new DomainValidationError('roster.record_end_before', `截止日期 ${endsOn} 早于记录日期 ${r.date}`, 'end before date');
  if (r.endsOn === endsOn) return [];
  return [{ type: 'RecordEnded', data: { personId: s.personId, recordId, endsOn, reason } }];
}

export function recordAppraisal(s: PersonState, year: number, grade: AppraisalGrade, today: LocalDate): PersonEvent[] {
  existing(s);
  if (!Number.isInteger(year) || year < 1980 || year > Number(today.slice(0, 4))) throw new DomainValidationError('roster.appraisal_year', `考核年度 ${year} 不正确`, `bad year ${year}`);
  if (!GRADES.includes(grade)) throw new DomainValidationError('roster.appraisal_grade', `考核等次应为：${GRADES.join('、')}`, `bad grade ${grade}`);
  // A correction of the year's grade replaces it; the same grade again changes nothing.
  if (s.appraisals.get(year) === grade) return [];
  return [{ type: 'AppraisalRecorded', data: { personId: s.personId, year, grade } }];
}

export function linkRelative(s: PersonState, relative: PersonState, kind: string): PersonEvent[] {
  existing(s);
  if (!relative.details) throw new DomainNotFoundError('roster.relative_not_found', '亲属不在花名册中，请先导入该人员', `relative ${relative.personId} not recorded`);
  if (relative.personId === s.personId) throw new DomainValidationError('roster.relative_self', '亲属关系不能指向本人', 'relative link to self');
  if (s.relatives.has(relativeKey(relative.personId, kind))) return [];
  return [{ type: 'RelativeLinked', data: { personId: s.personId, relativeId: relative.personId, kind } }];
}

export function assignRole(s: PersonState, input: { role: string; villageCode: string; since: LocalDate; until: LocalDate | null }, today: LocalDate): PersonEvent[] {
  existing(s);
  notAfter(input.since, today, '任职日期');
  if (input.until !== null && input.until < input.since) throw new DomainValidationError('roster.role_until', '离任日期早于任职日期', 'until before since');
  const cur = s.roles.get(input.role);
  if (cur && cur.villageCode === input.villageCode && cur.since === input.since && cur.until === input.until) return [];
  return [{ type: 'RoleAssigned', data: { personId: s.personId, ...input } }];
}

export function openInvestigation(s: PersonState, input: { investigationId: string; since: LocalDate; source: string | null }, today: LocalDate): PersonEvent[] {
  existing(s);
  if (s.investigations.has(input.investigationId)) return [];
  notAfter(input.since, today, '立案日期');
  return [{ type: 'InvestigationOpened', data: { personId: s.personId, ...input } }];
}

export function closeInvestigation(s: PersonState, investigationId: string, closedOn: LocalDate, conclusion: string | null, today: LocalDate): PersonEvent[] {
  existing(s);
  const i = s.investigations.get(investigationId);
  if (!i) throw new DomainNotFoundError('roster.investigation_not_found', '该立案审查调查记录不存在', `investigation ${investigationId}`);
  if (i.closedOn) {
    if (i.closedOn === closedOn) return [];
    throw new DomainConflictError('roster.investigation_closed', `该审查调查已于 ${i.closedOn} 办结`, 'already closed');
  }
  notAfter(closedOn, today, '办结日期');
  if (closedOn < i.since) throw new DomainValidationError('roster.investigation_close_before', '办结日期早于立案日期', 'closed before opened');
  return [{ type: 'InvestigationClosed', data: { personId: s.personId, investigationId, closedOn, conclusion } }];
}
