/** The columns of a clerk's 花名册 that the import reads; other columns (年龄, 备注 …) are ignored. */
export type RosterField =
  | 'villageName'
  | 'villageCode'
  | 'name'
  | 'citizenId'
  | 'gender'
  | 'birth'
  | 'ethnicity'
  | 'education'
  | 'politicalStatus'
  | 'partyJoinDate'
  | 'post'
  | 'phone'
  | 'tags';

/** Header names met in township spreadsheets, already normalised (see normaliseHeader). The first is the label. */
const SYNONYMS: Readonly<Record<RosterField, readonly string[]>> = {
  villageName: ['村社区', '村居', '村社区名称', '村名', '村别', '所在村', '所在村社区', '单位'],
  villageCode: ['村代码', '村社区代码', '村居代码', '区划代码', '统计用区划代码', '行政区划代码', '村级代码'],
  name: ['姓名'],
  citizenId: ['身份证号', '身份证号码', '公民身份号码', '身份证'],
  gender: ['性别'],
  birth: ['出生年月', '出生日期', '出生年月日'],
  ethnicity: ['民族'],
  education: ['学历', '文化程度', '最高学历'],
  politicalStatus: ['政治面貌'],
  partyJoinDate: ['入党时间', '入党日期', '入党年月'],
  post: ['职务', '现任职务', '担任职务', '任职情况'],
  phone: ['联系电话', '电话', '手机', '手机号', '手机号码', '联系方式'],
  tags: ['人员类别', '身份类别', '标签'],
};

export const REQUIRED_FIELDS: readonly RosterField[] = ['villageCode', 'name', 'citizenId', 'ethnicity', 'education', 'politicalStatus', 'post'];

export function fieldLabel(f: RosterField): string {
  return f === 'villageName' ? '村（社区）' : SYNONYMS[f][0];
}

/** Full-width to half-width (NFKC), no blanks, no brackets, no required-field marks: "村（社区） *" → "村社区". */
export function normaliseHeader(h: string): string {
  return h.normalize('NFKC').replace(/[\s()[\]【】*:：]/g, '');
}

const BY_NAME = new Map<string, RosterField>(Object.entries(SYNONYMS).flatMap(([f, names]) => names.map((n) => [n, f as RosterField] as const)));

/**
 * Which column holds which field. Reports, in Chinese, required fields with no column and fields
 * given twice (two "身份证号" columns would make every row ambiguous).
 */
export function mapHeader(header: readonly string[]): { columns: Map<RosterField, number>; problems: string[] } {
  const columns = new Map<RosterField, number>();
  const problems: string[] = [];
  header.forEach((h, i) => {
    const f = BY_NAME.get(normaliseHeader(h));
    if (!f) return;
    if (columns.has(f)) problems.push(`“${h.trim()}”与第 ${columns.get(f)! + 1} 列“${header[columns.get(f)!].trim()}”重复`);
    else columns.set(f, i);
  });
  for (const f of REQUIRED_FIELDS) {
    if (!columns.has(f)) problems.push(`缺少“${fieldLabel(f)}”列（可用列名：${SYNONYMS[f].join('、')}）`);
  }
  return { columns, problems };
}

/** A row that names at least three roster columns: the header, not a title or a "填报单位：…" line. */
export function looksLikeRosterHeader(cells: readonly string[]): boolean {
  return new Set(cells.map((c) => BY_NAME.get(normaliseHeader(c))).filter(Boolean)).size >= 3;
}
