import { CitizenId } from '@lw/domain';
import type { Education } from '../rules/facts';
import type { Body, PoliticalStatus } from './roster.types';

/** One row of a clerk's 花名册 once checked. */
export interface RosterRow {
  row: number;
  villageCode: string;
  name: string;
  citizenId: string;
  gender: 'male' | 'female';
  birthDate: string;
  education: Education;
  politicalStatus: PoliticalStatus;
  partyJoinDate: string | null;
  body: Body;
  post: string;
  phone: string | null;
}

export interface RowError {
  row: number;
  reasons: string[];
}

/** Header names clerks use, to our fields. */
const HEADERS: Record<string, keyof Omit<RosterRow, 'row' | 'gender' | 'birthDate' | 'body'> | 'gender'> = {
  村代码: 'villageCode', 村社区代码: 'villageCode', 区划代码: 'villageCode',
  姓名: 'name',
  身份证号: 'citizenId', 身份证号码: 'citizenId', 公民身份号码: 'citizenId',
  性别: 'gender',
  学历: 'education', 文化程度: 'education',
  政治面貌: 'politicalStatus',
  入党时间: 'partyJoinDate',
  职务: 'post', 现任职务: 'post',
  联系电话: 'phone', 电话: 'phone',
};

const EDUCATION: Record<string, Education> = { 研究生: '研究生', 本科: '本科', 大学本科: '本科', 大专: '大专', 专科: '大专', 高中: '高中·中专', 中专: '高中·中专', '高中·中专': '高中·中专', 初中: '初中', 小学: '小学' };
const STATUS: Record<string, PoliticalStatus> = { 中共党员: '中共党员', 党员: '中共党员', 预备党员: '预备党员', 中共预备党员: '预备党员', 群众: '群众', 民主党派: '民主党派', 无党派: '无党派', 无党派人士: '无党派' };
const POSTS: Record<string, { body: Body; post: string }> = {
  书记: { body: 'party', post: '书记' }, 党组织书记: { body: 'party', post: '书记' }, 副书记: { body: 'party', post: '副书记' },
  支部委员: { body: 'party', post: '委员' }, 党组织委员: { body: 'party', post: '委员' }, 纪检委员: { body: 'party', post: '纪检委员' },
  主任: { body: 'committee', post: '主任' }, 村委会主任: { body: 'committee', post: '主任' }, 副主任: { body: 'committee', post: '副主任' },
  村委会委员: { body: 'committee', post: '委员' }, 居委会委员: { body: 'committee', post: '委员' },
  监委会主任: { body: 'supervision', post: '监委会主任' }, 监委会成员: { body: 'supervision', post: '成员' },
  后备干部: { body: 'reserve', post: '后备干部' },
};

/**
 * Checks every row (not just up to the first bad one) and names each problem with its row number and
 * column, in Chinese. Row numbers are the spreadsheet's: the header is row 1.
 */
export function validateRoster(header: string[], rows: string[][], opts: { isVillage: (code: string) => boolean; today: string }): { valid: RosterRow[]; errors: RowError[] } {
  const col = new Map<string, number>();
  header.forEach((h, i) => {
    const key = HEADERS[h.replace(/[\s()（）]/g, '')];
    if (key && !col.has(key)) col.set(key, i);
  });
  const missing = ['villageCode', 'name', 'citizenId', 'education', 'politicalStatus', 'post'].filter((k) => !col.has(k));
  if (missing.length) return { valid: [], errors: [{ row: 1, reasons: [`表头缺少列：${missing.map(labelOf).join('、')}`] }] };
  const valid: RosterRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, i) => {
    const row = i + 2;
    const get = (k: string) => (cells[col.get(k) ?? -1] ?? '').trim();
    const reasons: string[] = [];
    const villageCode = get('villageCode');
    if (!opts.isVillage(villageCode)) reasons.push(`村代码“${villageCode}”不是本县的村（社区）`);
    const name = get('name');
    if (!name || [...name].length > 50) reasons.push('姓名为空或超过 50 字');
    let id: CitizenId | null = null;
    try {
      id = CitizenId.parse(get('citizenId'), { today: opts.today as never });
    } catch (err) {
      reasons.push(`身份证号${(err as { messageZh?: string }).messageZh?.replace(/^身份证号(码)?/, '') ?? '无效'}`);
    }
    const genderCell = get('gender');
    const gender = id ? (Number(id.value[16]) % 2 === 1 ? 'male' : 'female') : null;
    if (id && genderCell && genderCell !== (gender === 'male' ? '男' : '女')) reasons.push(`性别“${genderCell}”与身份证号不符`);
    const education = EDUCATION[get('education')];
    if (!education) reasons.push(`学历“${get('education')}”无法识别`);
    const politicalStatus = STATUS[get('politicalStatus')];
    if (!politicalStatus) reasons.push(`政治面貌“${get('politicalStatus')}”无法识别`);
    const partyJoinDate = get('partyJoinDate') || null;
    if (partyJoinDate && !/^\d{4}-\d{2}-\d{2}$/.test(partyJoinDate)) reasons.push('入党时间格式应为 YYYY-MM-DD');
    const post = POSTS[get('post')];
    if (!post) reasons.push(`职务“${get('post')}”无法识别`);
    if (id && post) {
      const key = `${id.value}|${villageCode}|${post.body}`;
      const first = seen.get(key);
      if (first) reasons.push(`与第 ${first} 行重复（同一人同一村同一班子）`);
      else seen.set(key, row);
    }
    if (reasons.length || !id || !education || !politicalStatus || !post) {
      errors.push({ row, reasons });
      return;
    }
    valid.push({ row, villageCode, name, citizenId: id.value, gender: gender!, birthDate: id.birthDate, education, politicalStatus, partyJoinDate, body: post.body, post: post.post, phone: get('phone') || null });
  });
  return { valid, errors };
}

function labelOf(k: string): string {
  return { villageCode: '村代码', name: '姓名', citizenId: '身份证号', education: '学历', politicalStatus: '政治面貌', post: '职务' }[k] ?? k;
}
