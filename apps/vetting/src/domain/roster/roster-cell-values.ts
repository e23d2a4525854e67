import { isLocalDate, type Gender, type LocalDate } from '@lw/domain';
import type { Education } from '../rules/facts';
import type { PoliticalStatus } from './person';
import type { BodyPost } from './post';

/*
 * Readers for the values clerks type: each returns the typed value, or a Chinese reason that
 * completes "第 N 行：<列名>…" (so it starts with a word that reads on from the column name).
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const no = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** Full-width to half-width and no blanks: "３２０７ ２４" → "320724". */
export function compact(cell: string): string {
  return cell.normalize('NFKC').replace(/\s+/g, '');
}

const EDUCATION: Readonly<Record<string, Education>> = {
  研究生: '研究生', 硕士: '研究生', 硕士研究生: '研究生', 博士: '研究生', 博士研究生: '研究生',
  本科: '本科', 大学本科: '本科', 大学: '本科',
  大专: '大专', 专科: '大专', 大学专科: '大专',
  高中: '高中·中专', 中专: '高中·中专', '高中·中专': '高中·中专', 高中中专: '高中·中专', '高中/中专': '高中·中专', 职高: '高中·中专', 技校: '高中·中专', 中技: '高中·中专',
  初中: '初中',
  小学: '小学', 小学及以下: '小学',
};

/** Education by its usual names; study mode prefixes (在职, 函授 …) do not change the level. */
export function parseEducation(cell: string): Parsed<Education> {
  const s = compact(cell).replace(/[()]/g, '').replace(/^(全日制|在职|函授|自考|成人|电大|网络)/, '').replace(/(学历|毕业)$/, '');
  const e = EDUCATION[s];
  return e ? ok(e) : no(cell.trim() ? `“${cell.trim()}”无法识别（可填：研究生、本科、大专、高中、中专、初中、小学）` : '不能为空');
}

const DEMOCRATIC_PARTIES = /^(民革|民盟|民建|民进|农工党|致公党|九三学社|台盟|中国国民党革命委员会|中国民主同盟|中国民主建国会|中国民主促进会|中国农工民主党|中国致公党)(党员|盟员|会员|社员)?$/;

export function parsePoliticalStatus(cell: string): Parsed<PoliticalStatus> {
  const s = compact(cell);
  if (/^(中共|中国共产党)?党员$/.test(s) || s === '中共党员') return ok('中共党员');
  if (/^(中共)?预备党员$/.test(s)) return ok('预备党员');
  if (s === '群众') return ok('群众');
  if (/^无党派(人士|民主人士)?$/.test(s)) return ok('无党派');
  if (s === '民主党派' || DEMOCRATIC_PARTIES.test(s)) return ok('民主党派');
  // 共青团员 is a real status but not one the roster keeps: the clerk decides (群众 for the roster).
  return no(s ? `“${cell.trim()}”不在可选范围（中共党员、预备党员、群众、民主党派、无党派）` : '不能为空');
}

export function parseGender(cell: string): Parsed<Gender> {
  const s = compact(cell);
  if (s === '男' || s === '男性') return ok('male');
  if (s === '女' || s === '女性') return ok('female');
  return no(`“${cell.trim()}”应为“男”或“女”`);
}

const DATE = /^(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:[-/.月])\s*(\d{1,2})\s*日?$/;
const YEAR_MONTH = /^(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*月?$/;
const pad = (n: string) => n.padStart(2, '0');

/**
 * A day: 2001-07-01, 2001/7/1, 2001.7.1, 2001年7月1日 or 20010701. A month alone is refused: the
 * party-standing rule (≥ 1 year for a secretary) needs the day.
 */
export function parseDay(cell: string): Parsed<LocalDate> {
  const s = compact(cell);
  const m = DATE.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const d = `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
    return isLocalDate(d) ? ok(d) : no(`“${cell.trim()}”不是有效日期`);
  }
  if (YEAR_MONTH.test(s)) return no(`“${cell.trim()}”应精确到日（如 2001-07-01）`);
  return no(`“${cell.trim()}”不是日期（应如 2001-07-01）`);
}

/** 出生年月 as clerks keep it: "1970.05", "1970年5月" or a full day; returns "yyyy-mm" or "yyyy-mm-dd". */
export function parseBirth(cell: string): Parsed<string> {
  const s = compact(cell);
  const m = YEAR_MONTH.exec(s) ?? /^(\d{4})(\d{2})$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return ok(`${m[1]}-${pad(m[2])}`);
  const d = parseDay(cell);
  return d.ok ? d : no(`“${cell.trim()}”不是年月（应如 1970.05 或 1970-05-20）`);
}

/** Mobile (11 digits from 1) or landline with area code; hyphens and blanks are ignored. */
export function parsePhone(cell: string): Parsed<string> {
  const s = compact(cell).replace(/-/g, '');
  return /^1\d{10}$/.test(s) || /^0\d{9,11}$/.test(s) ? ok(s) : no(`“${cell.trim()}”格式不正确（应为 11 位手机号或带区号的固定电话）`);
}

/** "村委会主任", "居民委员会委员", "村主任" (as villagers say it) … */
const COMMITTEE = /^(?:(?:社区)?[村居](?:民委员会|委会|委)?)?(副主任|主任|委员)$/;
/** "党支部书记", "社区党委委员", "村支书" …; a 委员 counts as party only when a party organ is named. */
const PARTY = /^(?:村|社区)?(党总支|党支部|党委|党组织|总支|支部)?(副书记|书记|纪检委员|委员|支书)$/;
const SUPERVISION = /^(?:[村居]务)?(?:监督委员会|监委会|监委)(主任|成员|委员)$/;
const RESERVE = /^(?:村级|村|社区)?后备(?:干部|人选)?$/;
/** Written beside the posts by some clerks; derived from the posts here, so not read. */
const DERIVED = new Set(['一肩挑', '交叉任职']);

/**
 * One or more posts in one cell: "党支部书记、村委会主任", "书记兼主任", "副书记(兼纪检委员)".
 * A bare "委员" is refused: it exists on both committees and the row must say which.
 */
export function parsePosts(cell: string): Parsed<BodyPost[]> {
  const s = compact(cell).replace(/\(([^)]*)\)/g, (_, inner: string) => (/^(社区|居|村|村居|居委)$/.test(inner) ? '' : `、${inner}`));
  const parts = s.split(/[、,;/+&和及]|兼任?/).filter((p) => p && !DERIVED.has(p));
  if (!parts.length) return no('不能为空');
  const out: BodyPost[] = [];
  for (const p of parts) {
    const post = onePost(p);
    if (!post.ok) return post;
    if (!out.some((o) => o.body === post.value.body && o.post === post.value.post)) out.push(post.value);
  }
  return ok(out);
}

function onePost(p: string): Parsed<BodyPost> {
  if (p === '委员') return no('“委员”不明确：请写“支部委员”或“村（居）委会委员”');
  let m = SUPERVISION.exec(p);
  if (m) return ok(m[1] === '主任' ? { body: 'supervision', post: '监委会主任' } : { body: 'supervision', post: '成员' });
  if (RESERVE.test(p)) return ok({ body: 'reserve', post: '后备干部' });
  if (p === '支委') return ok({ body: 'party', post: '委员' });
  m = PARTY.exec(p);
  if (m && (m[2] !== '委员' || m[1])) return ok({ body: 'party', post: m[2] === '支书' ? '书记' : (m[2] as '书记' | '副书记' | '纪检委员' | '委员') });
  m = COMMITTEE.exec(p);
  if (m) return ok({ body: 'committee', post: m[1] as '主任' | '副主任' | '委员' });
  return no(`“${p}”无法识别（可填：书记、副书记、支部委员、纪检委员、主任、副主任、村委会委员、监委会主任、监委会成员、后备干部）`);
}
