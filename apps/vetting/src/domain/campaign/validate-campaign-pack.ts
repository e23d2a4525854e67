import { z } from 'zod';
import { deepFreeze, DomainValidationError, zodReasonZh } from '@lw/domain';
import type { CampaignPack } from './campaign-pack';

/*
 * A campaign pack is data an administrator may post (a county's own 检查方案), so it goes through
 * one check before any campaign runs under it: the shape (strict objects, so a misspelt key is
 * refused rather than silently ignored) and the rules a scale or a list must keep for the board and
 * the report to count by it (unique codes and ranks, at least one dimension, a share within 0–1).
 */

const code = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, { error: '只能使用小写字母、数字、下划线、点或连字符（至多 64 位）' });
const text = (max: number) => z.string().trim().min(1, { error: '不能为空' }).max(max, { error: `至多 ${max} 字` });

const grade = z.strictObject({ code: text(10), label: text(20), rank: z.number().int().min(1).max(20), negative: z.boolean().optional() });
const scale = z.strictObject({ id: code, name: text(50), grades: z.array(grade).min(2, { error: '至少应有 2 个等次' }).max(10) });
const dimension = z.strictObject({ id: code, label: text(50), hint: z.string().trim().max(1000, { error: '至多 1000 字' }) });
const talkCategory = z.strictObject({ id: code, label: text(30), minimum: z.number().int().min(0).max(1000) });

const subjectRules = z.strictObject({
  teamScale: scale,
  memberScale: scale,
  dimensions: z.array(dimension).min(1, { error: '至少需要一个研判维度' }).max(50),
  talkCategories: z.array(talkCategory).min(1, { error: '至少需要一类谈话对象' }).max(30),
  classifications: z.array(text(20)).max(10),
});

const campaignPackSchema = z.strictObject({
  id: code,
  version: z.number().int().min(1),
  name: text(100),
  kind: z.enum(['lookback', 'midterm', 'annual', 'special']),
  methods: z.array(z.strictObject({ id: code, label: text(30) })).min(1, { error: '至少需要一种工作方式' }).max(30),
  village: subjectRules,
  township: subjectRules.optional(),
  problemCategories: z.array(text(30)).min(1, { error: '至少需要一个问题类别' }).max(50),
  thresholds: z.strictObject({ representativeShareMin: z.number().min(0).max(1) }),
  source: text(2000),
});

const LABELS: Readonly<Record<string, string>> = {
  id: '编号',
  version: '版本',
  name: '名称',
  kind: '检查类别',
  methods: '工作方式',
  village: '村（社区）班子',
  township: '乡镇领导班子',
  teamScale: '班子评价等次',
  memberScale: '成员评价等次',
  grades: '等次',
  code: '代码',
  label: '名称',
  rank: '顺位',
  negative: '计入负面清单',
  dimensions: '研判维度',
  hint: '说明',
  talkCategories: '谈话对象类别',
  minimum: '最少谈话人数',
  classifications: '村分类',
  problemCategories: '问题类别',
  thresholds: '阈值',
  representativeShareMin: '群众代表最低占比',
  source: '依据',
};

/** "村（社区）班子·成员评价等次·等次第 2 项·代码": the path in the words of whoever typed the pack. */
function where(path: readonly PropertyKey[]): string {
  return path.reduce<string>((at, p) => (typeof p === 'number' ? `${at}第 ${p + 1} 项` : `${at ? `${at}·` : ''}${LABELS[String(p)] ?? String(p)}`), '') || '方案';
}

function duplicates(values: readonly (string | number)[]): (string | number)[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

type Parsed = z.infer<typeof campaignPackSchema>;

/** The rules zod's shape cannot say: what the board and report count by must be unambiguous. */
function ruleIssues(p: Parsed): string[] {
  const issues: string[] = [];
  const unique = (what: string, values: readonly (string | number)[]) => {
    const d = duplicates(values);
    if (d.length) issues.push(`${what}重复：${d.join('、')}`);
  };
  unique('工作方式编号', p.methods.map((m) => m.id));
  unique('问题类别', p.problemCategories);
  const subjects = [['村（社区）班子', p.village] as const, ...(p.township ? [['乡镇领导班子', p.township] as const] : [])];
  for (const [who, r] of subjects) {
    for (const [what, s] of [['班子评价等次', r.teamScale], ['成员评价等次', r.memberScale]] as const) {
      unique(`${who}${what}（${s.name}）的代码`, s.grades.map((g) => g.code));
      unique(`${who}${what}（${s.name}）的顺位`, s.grades.map((g) => g.rank));
    }
    unique(`${who}研判维度编号`, r.dimensions.map((d) => d.id));
    unique(`${who}谈话对象类别编号`, r.talkCategories.map((t) => t.id));
    unique(`${who}村分类`, r.classifications);
  }
  if (p.village.classifications.length === 0) issues.push('村（社区）班子至少需要一个村分类（如 平稳、调整充实、难点）');
  if (p.township && p.township.classifications.length > 0) issues.push('乡镇领导班子不作村分类，其“村分类”应为空');
  return issues;
}

/**
 * Checks a pack typed as data (JSON posted by an administrator, or a literal) and returns it typed,
 * trimmed and frozen: a campaign's pack must not change under it. Throws DomainValidationError naming
 * every bad field in Chinese, so the pack is fixed in one go.
 */
export function validateCampaignPack(input: unknown): CampaignPack {
  const r = campaignPackSchema.safeParse(input, { error: zodReasonZh });
  if (!r.success) {
    const zh = r.error.issues.map((i) => `${where(i.path)}：${i.message}`);
    const en = r.error.issues.map((i) => `${i.path.join('.') || '/'} ${i.code}`);
    throw new DomainValidationError('campaign_pack.invalid', `检查方案无效：${zh.join('；')}`, `invalid campaign pack: ${en.join('; ')}`);
  }
  const issues = ruleIssues(r.data);
  if (issues.length) {
    throw new DomainValidationError('campaign_pack.invalid', `检查方案无效：${issues.join('；')}`, `invalid campaign pack ${r.data.id}@${r.data.version}: ${issues.length} rule issue(s)`);
  }
  return deepFreeze(r.data);
}
