import { CitizenId, DivisionCode, DomainValidationError, FULL_DIVISION_CODE_LENGTH, type Gender, type LocalDate } from '@lw/domain';
import { compact, parseBirth, parseDay, parseEducation, parseGender, parsePhone, parsePoliticalStatus, parsePosts } from './roster-cell-values';
import { fieldLabel, mapHeader, type RosterField } from './roster-columns';
import type { Education } from '../rules/facts';
import { isPartyMember, type PoliticalStatus } from './person';
import { isSingleSeat, type BodyPost } from './post';

/** One checked row of a clerk's 花名册: a person and the posts they hold in one village. */
export interface RosterRow {
  /** The spreadsheet's own row number, as the clerk sees it. */
  row: number;
  villageCode: string;
  villageName: string | null;
  name: string;
  citizenId: string;
  gender: Gender;
  birthDate: LocalDate;
  ethnicity: string;
  education: Education;
  politicalStatus: PoliticalStatus;
  partyJoinDate: LocalDate | null;
  posts: BodyPost[];
  phone: string | null;
  tags: string[];
}

/** One problem: `message` is the whole sentence for the clerk, e.g. "第 12 行：身份证号校验位不正确". */
export interface RosterRowError {
  row: number;
  column: string;
  message: string;
}

export interface RosterCheckOptions {
  /** The import day: birth and join dates after it are refused. */
  today: LocalDate;
  /** The villages the importer may write to, code → name; when given, other codes are refused and names must agree. */
  villages?: ReadonlyMap<string, string>;
}

/** A sheet as read from the file: rows[i] is spreadsheet row headerRow + 1 + i (blank rows kept). */
export interface SheetRows {
  header: readonly string[];
  rows: readonly (readonly string[])[];
  headerRow?: number;
}

/**
 * Checks every row (a bad row never hides the next one) and the sheet as a whole: the same person
 * twice in one post of one village, one id number under two names, two holders of a one-seat post.
 * Blank rows are skipped, not reported. Nothing is half-valid: a row with any problem is not in `valid`.
 */
export function validateRoster(sheet: SheetRows, opts: RosterCheckOptions): { valid: RosterRow[]; errors: RosterRowError[] } {
  const headerRow = sheet.headerRow ?? 1;
  const { columns, problems } = mapHeader(sheet.header);
  if (problems.length) return { valid: [], errors: problems.map((p) => ({ row: headerRow, column: '表头', message: `第 ${headerRow} 行（表头）：${p}` })) };
  const valid: RosterRow[] = [];
  const errors: RosterRowError[] = [];
  const firstPost = new Map<string, number>();
  const seat = new Map<string, { row: number; citizenId: string }>();
  const nameOf = new Map<string, { row: number; name: string }>();
  sheet.rows.forEach((cells, i) => {
    if (cells.every((c) => !c.trim())) return;
    const row = headerRow + 1 + i;
    const checked = validateRosterRow(cells, columns, row, opts);
    if (!checked.ok) {
      errors.push(...checked.errors);
      return;
    }
    const r = checked.row;
    const own: RosterRowError[] = [];
    const err = (field: RosterField, text: string) => own.push({ row, column: fieldLabel(field), message: `第 ${row} 行：${fieldLabel(field)}${text}` });
    const named = nameOf.get(r.citizenId);
    if (named && named.name !== r.name) err('name', `“${r.name}”与第 ${named.row} 行同一身份证号的姓名“${named.name}”不一致`);
    for (const p of r.posts) {
      const key = `${r.citizenId}|${r.villageCode}|${p.body}|${p.post}`;
      const first = firstPost.get(key);
      if (first !== undefined) err('citizenId', `与第 ${first} 行重复（同一人在同一村担任同一职务）`);
      const seatKey = `${r.villageCode}|${p.body}|${p.post}`;
      const holder = seat.get(seatKey);
      if (isSingleSeat(p) && holder && holder.citizenId !== r.citizenId) err('post', `“${p.post}”在该村已由第 ${holder.row} 行的人员担任，每村只能有一名`);
    }
    if (own.length) {
      errors.push(...own);
      return;
    }
    // Only a row that passed claims its name, posts and seats: a bad row never blames a good one.
    if (!named) nameOf.set(r.citizenId, { row, name: r.name });
    for (const p of r.posts) {
      firstPost.set(`${r.citizenId}|${r.villageCode}|${p.body}|${p.post}`, row);
      if (!seat.has(`${r.villageCode}|${p.body}|${p.post}`)) seat.set(`${r.villageCode}|${p.body}|${p.post}`, { row, citizenId: r.citizenId });
    }
    valid.push(r);
  });
  return { valid, errors };
}

/** Checks one row on its own: every problem of the row, each naming its column. */
export function validateRosterRow(
  cells: readonly string[],
  columns: ReadonlyMap<RosterField, number>,
  row: number,
  opts: RosterCheckOptions,
): { ok: true; row: RosterRow } | { ok: false; errors: RosterRowError[] } {
  const errors: RosterRowError[] = [];
  const get = (f: RosterField) => {
    const i = columns.get(f);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const err = (f: RosterField, text: string) => errors.push({ row, column: fieldLabel(f), message: `第 ${row} 行：${fieldLabel(f)}${text}` });
  const take = <T>(f: RosterField, p: { ok: true; value: T } | { ok: false; reason: string }): T | null => {
    if (p.ok) return p.value;
    err(f, p.reason);
    return null;
  };

  const villageName = get('villageName') || null;
  const villageCode = checkVillage(compact(get('villageCode')), villageName, opts, (t) => err('villageCode', t));
  const name = get('name').replace(/\s+/g, '');
  if (!name) err('name', '不能为空');
  else if ([...name].length > 50) err('name', '超过 50 字');
  const id = checkCitizenId(get('citizenId'), opts.today, (t) => err('citizenId', t));
  if (get('gender')) {
    const g = take('gender', parseGender(get('gender')));
    if (g && id && g !== id.gender) err('gender', `“${get('gender')}”与身份证号不符（身份证号为${id.gender === 'male' ? '男' : '女'}性）`);
  }
  if (get('birth') && id) {
    const b = take('birth', parseBirth(get('birth')));
    if (b && !id.birthDate.startsWith(b)) err('birth', `“${get('birth')}”与身份证号不符（身份证号为 ${id.birthDate}）`);
  }
  const ethnicityCell = compact(get('ethnicity'));
  const ethnicity = ethnicityCell.length === 1 ? `${ethnicityCell}族` : ethnicityCell; // "汉" → "汉族"
  if (!ethnicity) err('ethnicity', '不能为空');
  const education = take('education', parseEducation(get('education')));
  const status = take('politicalStatus', parsePoliticalStatus(get('politicalStatus')));
  const partyJoinDate = checkJoinDate(get('partyJoinDate'), status, id, opts.today, (t) => err('partyJoinDate', t));
  const posts = take('post', parsePosts(get('post')));
  const party = posts?.find((p) => p.body === 'party');
  // Probationary members cannot be elected to the party committee (党章第七条: no right to be elected).
  if (party && status && status !== '中共党员') err('post', `“${party.post}”须由正式党员担任，该人员政治面貌为${status}`);
  const phone = get('phone') ? take('phone', parsePhone(get('phone'))) : null;
  const tags = get('tags') ? compact(get('tags')).split(/[、,，;；/]/).filter(Boolean) : [];

  if (errors.length || !villageCode || !id || !education || !status || !posts || partyJoinDate === undefined) return { ok: false, errors };
  return {
    ok: true,
    row: { row, villageCode, villageName, name, citizenId: id.value, gender: id.gender, birthDate: id.birthDate, ethnicity, education, politicalStatus: status, partyJoinDate, posts, phone, tags },
  };
}

/** Reports the problem and gives the "no value" marker, to keep the checks below one line each. */
function failWith<T>(err: (t: string) => void, text: string, none: T): T {
  err(text);
  return none;
}

function checkVillage(code: string, name: string | null, opts: RosterCheckOptions, err: (t: string) => void): string | null {
  if (!code) return failWith(err, '不能为空', null);
  if (code.length !== FULL_DIVISION_CODE_LENGTH || !DivisionCode.isValid(code) || DivisionCode.parse(code).level !== 'village') return failWith(err, `“${code}”不是 12 位村（社区）级区划代码`, null);
  if (opts.villages) {
    const known = opts.villages.get(code);
    if (known === undefined) return failWith(err, `“${code}”不在本次导入范围内的村（社区）中`, null);
    if (name && compact(name) !== compact(known)) return failWith(err, `“${code}”是${known}，与村（社区）“${name}”不符`, null);
  }
  return code;
}

function checkCitizenId(cell: string, today: LocalDate, err: (t: string) => void): CitizenId | null {
  // Excel shows an 18-digit number as 3.20724E+17 and keeps 15 digits: the rest is gone for good.
  if (/^\d(\.\d+)?E\+?\d+$/i.test(cell)) return failWith(err, '被存成了数字（科学计数法），末几位已丢失：请把该列设为“文本”格式后重新填写', null);
  const s = compact(cell).replace(/^'/, '');
  if (!s) return failWith(err, '不能为空', null);
  try {
    return CitizenId.parse(s, { today });
  } catch (e) {
    if (!(e instanceof DomainValidationError)) throw e;
    if (e.code === 'citizen_id.legacy_15') return failWith(err, '为 15 位旧号码，请换算为 18 位后再填写', null);
    return failWith(err, e.messageZh.replace(/^身份证号(码)?无效：/, ''), null);
  }
}

/** undefined = a problem was reported; null = no join date (and none needed). */
function checkJoinDate(cell: string, status: PoliticalStatus | null, id: CitizenId | null, today: LocalDate, err: (t: string) => void): LocalDate | null | undefined {
  if (!status) return cell ? undefined : null;
  if (!isPartyMember(status)) return cell ? failWith(err, `不应填写：政治面貌为${status}`, undefined) : null;
  if (!cell) return failWith(err, `不能为空：政治面貌为${status}`, undefined);
  const d = parseDay(cell);
  if (!d.ok) return failWith(err, d.reason, undefined);
  if (d.value > today) return failWith(err, `“${cell}”晚于今天`, undefined);
  if (id && d.value >= id.birthDate && id.ageOn(d.value) < 18) return failWith(err, `“${cell}”时未满 18 周岁`, undefined);
  if (id && d.value < id.birthDate) return failWith(err, `“${cell}”早于出生日期`, undefined);
  return d.value;
}
