import { checkCharOf } from '@lw/domain';

/** One row of the clerk's roster sheet; the nominee ids say which nominations the person gets. */
export interface RosterPerson {
  name: string;
  birth: string;
  female: boolean;
  education: string;
  joined: string;
  post: string;
}

/**
 * The village's two committees before the election. Chosen so the default pack's rules pass for
 * everyone (ages at its cut-off, a woman, one under 35, 差额 for 3 seats with 4 nominees), so the
 * scenario is about the services' interplay, not about a rule refusing someone.
 */
export const ROSTER: RosterPerson[] = [
  { name: '赵一', birth: '1975-05-01', female: false, education: '大专', joined: '1995-07-01', post: '村党组织书记、村委会主任' },
  { name: '钱二', birth: '1990-01-01', female: true, education: '本科', joined: '2015-07-01', post: '村委会委员' },
  { name: '孙三', birth: '1993-06-01', female: false, education: '大专', joined: '2015-07-01', post: '后备干部' },
  { name: '李四', birth: '1980-01-01', female: false, education: '高中', joined: '2005-07-01', post: '支部委员' },
  { name: '周五', birth: '1985-03-01', female: false, education: '大专', joined: '2010-07-01', post: '后备干部' },
];

/** [nomineeId, name, body, post]: 李四 is nominated once, so the tip against him names one nominee. */
export const NOMINATIONS: [string, string, 'party' | 'committee', string][] = [
  ['p1', '赵一', 'party', '书记'],
  ['p2', '钱二', 'party', '委员'],
  ['p3', '孙三', 'party', '委员'],
  ['p4', '李四', 'party', '委员'],
  ['p5', '周五', 'party', '委员'],
  ['c1', '赵一', 'committee', '主任'],
  ['c2', '钱二', 'committee', '委员'],
  ['c3', '孙三', 'committee', '委员'],
  ['c4', '周五', 'committee', '委员'],
];

/** The nominee the public tip names. */
export const TIPPED = { nomineeId: 'p4', name: '李四' };

/** A valid 18-digit citizen id in the village's county (sequence and sex digits, then the check character). */
function citizenId(county: string, n: number, birth: string, female: boolean): string {
  const first17 = `${county}${birth.replaceAll('-', '')}${String(n).padStart(2, '0')}${female ? 2 : 1}`;
  return first17 + checkCharOf(first17);
}

/** The roster as the clerk's CSV (UTF-8), the columns POST /vetting/roster/import reads. */
export function rosterCsv(village: string): string {
  const header = '村代码,姓名,身份证号,民族,学历,政治面貌,入党时间,职务';
  const rows = ROSTER.map((p, i) => [village, p.name, citizenId(village.slice(0, 6), 11 + i, p.birth, p.female), '汉族', p.education, '中共党员', p.joined, p.post].join(','));
  return [header, ...rows].join('\n');
}
