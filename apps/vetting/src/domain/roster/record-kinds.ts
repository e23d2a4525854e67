import { DomainValidationError, type LocalDate } from '@lw/domain';
import { effectEndsOn } from './effect-period';

/**
 * What clerks write for a record (处分、刑事处罚、行政处罚 …) mapped to the negative list's kind
 * codes (domain/policy/default-pack.ts recordKinds) and to the effect period (影响期) the
 * regulations give when no end date is typed:
 *  - 中国共产党纪律处分条例 第十条、第十一条 as this project applies them: 警告 6 months, 严重警告
 *    12, 撤销党内职务 24, 留党察看 the 察看期 given (1 or 2 years), 开除党籍 5 years;
 *  - 公职人员政务处分法 第八条: 警告 6 months, 记过 12, 记大过 18, 降级 and 撤职 24; 开除 has none.
 * Penal and administrative records, vote buying and the like have no effect period: the negative
 * list looks back from their date. Investigations and unrectified matters last until ended.
 */
export type RecordCategory = 'party_sanction' | 'government_sanction' | 'criminal' | 'admin_penalty' | 'election' | 'investigation' | 'unrectified' | 'conduct';

export interface RecordKind {
  /** The negative list's code (several labels may share one: 留党察看 and 开除党籍 are both "撤销党内职务及以上"). */
  code: string;
  /** The kind in the words of the regulations, as shown back to the clerk. */
  label: string;
  category: RecordCategory;
  /** Effect period in months from the record's date; null: none (or until ended, for current matters). */
  effectMonths: number | null;
  /** 留党察看 without its 察看期: an end date must be typed. */
  needsEndDate?: boolean;
}

/** Party and government sanctions (党纪政务处分): what the basic situation counts as "受到处分". */
export function isSanction(category: RecordCategory): boolean {
  return category === 'party_sanction' || category === 'government_sanction';
}

export const ACCEPTED_RECORD_TEXT =
  '党内警告、党内严重警告、撤销党内职务、留党察看一年（或二年）、开除党籍；政务警告、记过、记大过、降级、撤职、开除；' +
  '判处有期徒刑、拘役、管制等刑事处罚；因赌博、吸毒、嫖娼、聚众斗殴、敲诈勒索、非法拘禁受到行政拘留或罚款；' +
  '拉票贿选被查处；立案审查调查；不合格党员；违法用地、违章建房、破坏生态环境、严重失信；村霸、涉黑涉恶、参与非法宗教活动、非法组织集体上访';

const kind = (code: string, label: string, category: RecordCategory, effectMonths: number | null): RecordKind => ({ code, label, category, effectMonths });

/** Tried in order: the first match wins, so the specific forms come before the general ones. */
const RULES: readonly { test: RegExp; kind: (m: RegExpExecArray) => RecordKind }[] = [
  // A crime outranks its subject: "因赌博罪被判处有期徒刑" is a criminal penalty, not an administrative one.
  { test: /有期徒刑|无期徒刑|死刑|拘役|管制|判刑|判处|刑事处罚|缓刑|罚金/, kind: () => kind('criminal_penalty', '刑事处罚', 'criminal', null) },
  { test: /贿选|拉票/, kind: () => kind('vote_buying', '拉票贿选被查处', 'election', null) },
  { test: /立案|审查调查/, kind: () => kind('investigation', '立案审查调查', 'investigation', null) },
  { test: /赌/, kind: () => kind('admin_penalty_gambling', '因赌博受到行政处罚', 'admin_penalty', null) },
  { test: /毒/, kind: () => kind('admin_penalty_drugs', '因吸毒受到行政处罚', 'admin_penalty', null) },
  { test: /嫖|娼|涉黄|卖淫/, kind: () => kind('admin_penalty_vice', '因涉黄受到行政处罚', 'admin_penalty', null) },
  { test: /斗殴|打架/, kind: () => kind('admin_penalty_affray', '因聚众斗殴受到行政处罚', 'admin_penalty', null) },
  { test: /敲诈|勒索/, kind: () => kind('admin_penalty_extortion', '因敲诈勒索受到行政处罚', 'admin_penalty', null) },
  { test: /非法拘禁/, kind: () => kind('admin_penalty_detention', '因非法拘禁受到行政处罚', 'admin_penalty', null) },
  { test: /不合格党员/, kind: () => kind('unqualified_member', '被评为不合格党员', 'conduct', null) },
  { test: /违法用地|违法占地|非法占地|非法占用|违法占用/, kind: () => kind('illegal_land_use', '严重违法用地', 'unrectified', null) },
  { test: /违章建|违法建/, kind: () => kind('illegal_building', '严重违章建房', 'unrectified', null) },
  { test: /生态|污染/, kind: () => kind('environmental_damage', '严重损害生态环境', 'unrectified', null) },
  { test: /失信/, kind: () => kind('serious_discredit', '严重失信', 'unrectified', null) },
  { test: /村霸/, kind: () => kind('village_bully', '村霸', 'conduct', null) },
  { test: /涉黑|涉恶|黑恶/, kind: () => kind('gang_related', '涉黑涉恶', 'conduct', null) },
  { test: /宗教|邪教/, kind: () => kind('illegal_religion', '参与非法宗教活动', 'conduct', null) },
  { test: /上访|缠访|闹访/, kind: () => kind('illegal_collective_petition', '非法组织、参与集体上访', 'conduct', null) },
  { test: /开除党籍/, kind: () => kind('party_sanction_removal_or_above', '开除党籍', 'party_sanction', 60) },
  {
    test: /留党察看(一|二|两|1|2)?年?/,
    kind: (m) => {
      const years = m[1] === undefined ? null : /一|1/.test(m[1]) ? 1 : 2;
      return years === null
        ? { ...kind('party_sanction_removal_or_above', '留党察看', 'party_sanction', null), needsEndDate: true }
        : kind('party_sanction_removal_or_above', `留党察看${years === 1 ? '一' : '二'}年`, 'party_sanction', years * 12);
    },
  },
  { test: /撤销党内(?:一切)?职务/, kind: () => kind('party_sanction_removal_or_above', '撤销党内职务', 'party_sanction', 24) },
  { test: /严重警告/, kind: () => kind('party_serious_warning', '党内严重警告', 'party_sanction', 12) },
  { test: /^(?:党内|党纪)警告|^警告[（(]?党内/, kind: () => kind('party_warning', '党内警告', 'party_sanction', 6) },
  { test: /记大过/, kind: () => kind('government_major_demerit', '记大过', 'government_sanction', 18) },
  { test: /记过/, kind: () => kind('government_demerit', '记过', 'government_sanction', 12) },
  { test: /降级/, kind: () => kind('government_demotion', '降级', 'government_sanction', 24) },
  { test: /撤职/, kind: () => kind('government_sanction_dismissal_or_above', '撤职', 'government_sanction', 24) },
  { test: /^(?:政务|行政|政纪)?开除(?:公职)?(?:处分)?$/, kind: () => kind('government_sanction_dismissal_or_above', '开除', 'government_sanction', null) },
  { test: /^(?:政务|行政|政纪)警告/, kind: () => kind('government_warning', '政务警告', 'government_sanction', 6) },
];

/** Full-width to half-width, no blanks or quotes: "党内 严重警告（处分）" reads like "党内严重警告(处分)". */
function normalise(text: string): string {
  return text.normalize('NFKC').replace(/[\s"“”'‘’]/g, '');
}

/** The kind a clerk's text names; throws a Chinese DomainValidationError listing what is accepted. */
export function resolveRecordKind(text: string): RecordKind {
  const s = normalise(text);
  if (!s) throw new DomainValidationError('roster.record_kind_empty', `请填写处分或记录类别。可填写：${ACCEPTED_RECORD_TEXT}`, 'empty record kind');
  if (/^警告(处分)?$/.test(s)) {
    throw new DomainValidationError('roster.record_kind_ambiguous', '“警告”不明确：请写“党内警告”或“政务警告”（两者影响期均为 6 个月，但负面清单按类别区分）', 'bare warning');
  }
  for (const r of RULES) {
    const m = r.test.exec(s);
    if (m) return r.kind(m);
  }
  throw new DomainValidationError('roster.record_kind_unknown', `“${text.trim().slice(0, 40)}”无法识别。可填写：${ACCEPTED_RECORD_TEXT}`, 'unknown record kind');
}

/**
 * The record's last day in effect: the typed end date when given (not before the record's date),
 * else the kind's effect period, else null (no effect period, or until ended).
 */
export function recordEndsOn(k: RecordKind, date: LocalDate, typedEnd?: LocalDate | null): LocalDate | null {
  if (typedEnd) {
    if (typedEnd < date) throw new DomainValidationError('roster.record_end_before', `影响期截止日期 ${typedEnd} 早于处分日期 ${date}`, `end ${typedEnd} before ${date}`);
    return typedEnd;
  }
  if (k.needsEndDate) throw new DomainValidationError('roster.record_needs_end', '留党察看请写明察看期（“留党察看一年”或“留党察看二年”），或填写影响期截止日期', 'probation without period');
  return k.effectMonths === null ? null : effectEndsOn(date, k.effectMonths);
}
