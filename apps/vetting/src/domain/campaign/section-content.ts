import { DomainValidationError } from '@lw/domain';
import type { CampaignPack, SubjectKind, SubjectRules } from './campaign-pack';
import type { DossierProblem, DossierSection, DossierSections, ProblemSeverity } from './dossier.events';

/*
 * What one section of a dossier may hold, checked against the campaign's pack. The content comes
 * from a form on a phone as JSON (`unknown`), so every field is checked here, every problem listed
 * in one Chinese message, and the result is the normalised value stored (trimmed text, defaults
 * filled, ids given). Unknown keys are refused: a misspelt field would otherwise be lost silently.
 */

export const SECTION_LABELS: Readonly<Record<DossierSection, string>> = {
  talks: '谈话情况',
  meetings: '召开会议',
  records: '查阅资料',
  forms: '问卷和测评表',
  opinions: '意见建议',
  findings: '研判情况',
  team: '班子评价',
  members: '成员评价',
  classification: '村分类',
  problems: '存在问题',
  running: '班子运行情况',
};

export const PROBLEM_SEVERITY_LABELS: Readonly<Record<ProblemSeverity, string>> = { general: '一般', major: '较重', serious: '严重' };

/** Counts a village can plausibly hold; anything larger is a typing slip (an extra zero), not data. */
export const MAX_COUNT = 1_000_000;
const MAX_TEXT = 2000;
const MAX_RUNNING = 5000;
const MAX_ITEMS = 500;

/** An 18-character id number in free text: problem descriptions travel to grievance and must not carry one. */
const CITIZEN_ID_IN_TEXT = /(?<![0-9])\d{17}[\dXx](?![0-9A-Za-z])/;

export interface SectionContext {
  pack: CampaignPack;
  subjectKind: SubjectKind;
  /** What the dossier holds now (problems and opinions refer to each other across sections). */
  stored: DossierSections;
  /** Every problem id this dossier has ever given, so a new one is numbered past all of them. */
  usedProblemIds: readonly string[];
}

type Obj = Record<string, unknown>;

/** Collects every issue of one section, each prefixed with where it is (第 2 项…). */
class Check {
  readonly issues: string[] = [];
  add(msg: string): void {
    this.issues.push(msg);
  }
  object(v: unknown, where: string, keys: readonly string[]): Obj | null {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      this.add(`${where}应为对象`);
      return null;
    }
    const extra = Object.keys(v).filter((k) => !keys.includes(k));
    if (extra.length) this.add(`${where}有无法识别的字段：${extra.join('、')}`);
    return v as Obj;
  }
  list(v: unknown, where: string, max = MAX_ITEMS): unknown[] {
    if (!Array.isArray(v)) {
      this.add(`${where}应为列表`);
      return [];
    }
    if (v.length > max) this.add(`${where}至多 ${max} 项`);
    return v.slice(0, max);
  }
  count(v: unknown, where: string): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_COUNT) {
      this.add(`${where}应为 0 至 ${MAX_COUNT} 之间的整数`);
      return 0;
    }
    return v;
  }
  /** Trimmed text; `min` 1 = required. `undefined` reads as '' so optional notes may be left out. */
  text(v: unknown, where: string, max: number, min = 0): string {
    if (v !== undefined && typeof v !== 'string') {
      this.add(`${where}应为文本`);
      return '';
    }
    const t = (v ?? '').trim();
    if (t.length < min) this.add(`${where}不能为空`);
    else if ([...t].length > max) this.add(`${where}至多 ${max} 字`);
    return t;
  }
  oneOf(v: unknown, where: string, allowed: readonly string[], labels: readonly string[] = allowed): string {
    if (typeof v !== 'string' || !allowed.includes(v)) {
      this.add(`${where}“${String(v)}”应为${labels.join('、')}之一`);
      return '';
    }
    return v;
  }
  bool(v: unknown, where: string): boolean {
    if (typeof v !== 'boolean') this.add(`${where}应为是或否`);
    return v === true;
  }
  unique(values: readonly string[], what: string): void {
    const dup = [...new Set(values.filter((v, i) => v !== '' && values.indexOf(v) !== i))];
    if (dup.length) this.add(`${what}重复：${dup.join('、')}`);
  }
}

const item = (i: number) => `第 ${i + 1} 项`;

/** The subject's rules in the pack: a village's, or a township team's when the pack inspects them. */
export function subjectRules(pack: CampaignPack, kind: SubjectKind): SubjectRules {
  const rules = kind === 'village' ? pack.village : pack.township;
  if (!rules) throw new DomainValidationError('dossier.no_township_rules', `方案“${pack.name}”不检查乡镇领导班子`, `pack ${pack.id}@${pack.version} has no township rules`);
  return rules;
}

function talks(v: unknown, k: Check, r: SubjectRules): DossierSections['talks'] {
  const out = k.list(v, '谈话情况', 50).map((raw, i) => {
    const o = k.object(raw, item(i), ['category', 'count', 'notes']) ?? {};
    return {
      category: k.oneOf(o.category, `${item(i)}谈话对象`, r.talkCategories.map((t) => t.id), r.talkCategories.map((t) => `${t.label}（${t.id}）`)),
      count: k.count(o.count, `${item(i)}谈话人数`),
      notes: k.text(o.notes, `${item(i)}记录`, MAX_TEXT),
    };
  });
  k.unique(out.map((t) => t.category), '谈话对象类别');
  return out;
}

function meetings(v: unknown, k: Check): DossierSections['meetings'] {
  return k.list(v, '召开会议', 50).map((raw, i) => {
    const o = k.object(raw, item(i), ['kind', 'count', 'participants']) ?? {};
    return { kind: k.text(o.kind, `${item(i)}会议名称`, 50, 1), count: k.count(o.count, `${item(i)}场次`), participants: k.count(o.participants, `${item(i)}参会人数`) };
  });
}

function records(v: unknown, k: Check): DossierSections['records'] {
  return k.list(v, '查阅资料').map((raw, i) => k.text(raw, `${item(i)}资料`, MAX_TEXT, 1));
}

function forms(v: unknown, k: Check): DossierSections['forms'] {
  const out = k.list(v, '问卷和测评表', 2).map((raw, i) => {
    const o = k.object(raw, item(i), ['kind', 'issued', 'returned', 'representatives']) ?? {};
    const kind = k.oneOf(o.kind, `${item(i)}类别`, ['questionnaire', 'satisfaction'], ['问卷调查表（questionnaire）', '满意度测评表（satisfaction）']) as 'questionnaire' | 'satisfaction';
    const what = kind === 'satisfaction' ? '满意度测评表' : '问卷调查表';
    const issued = k.count(o.issued, `${what}发放数`);
    const returned = k.count(o.returned, `${what}收回数`);
    const representatives = k.count(o.representatives, `${what}中群众代表填写的份数`);
    if (returned > issued) k.add(`${what}收回数（${returned}）不能多于发放数（${issued}）`);
    if (representatives > returned) k.add(`${what}中群众代表填写的份数（${representatives}）不能多于收回数（${returned}）`);
    return { kind, issued, returned, representatives };
  });
  k.unique(out.map((f) => f.kind), '表的类别');
  return out;
}

function opinions(v: unknown, k: Check, c: SectionContext): DossierSections['opinions'] {
  const problemIds = c.stored.problems.map((p) => p.problemId);
  const given = k.list(v, '意见建议').map((raw, i) => {
    const o = k.object(raw, item(i), ['opinionId', 'category', 'text', 'problemId']) ?? {};
    const opinionId = o.opinionId === undefined ? undefined : k.text(o.opinionId, `${item(i)}编号`, 20, 1);
    const problemId = o.problemId === undefined || o.problemId === null ? null : k.text(o.problemId, `${item(i)}对应问题`, 20, 1);
    if (problemId && !problemIds.includes(problemId)) k.add(`${item(i)}对应的问题 ${problemId} 不在本档案的问题清单中`);
    return { opinionId, category: k.oneOf(o.category, `${item(i)}类别`, c.pack.problemCategories), text: k.text(o.text, `${item(i)}内容`, MAX_TEXT, 1), problemId };
  });
  k.unique(given.flatMap((o) => (o.opinionId ? [o.opinionId] : [])), '意见建议编号');
  const taken = new Set(given.flatMap((o) => (o.opinionId ? [o.opinionId] : [])));
  let next = highestNumber('o', [...c.stored.opinions.map((o) => o.opinionId), ...taken]);
  // As with problems: an unchanged opinion sent again without its id keeps the id it has.
  return given.map((o) => {
    if (o.opinionId) return { ...o, opinionId: o.opinionId };
    const same = c.stored.opinions.find((x) => !taken.has(x.opinionId) && x.category === o.category && x.text === o.text && x.problemId === o.problemId);
    const opinionId = same?.opinionId ?? `o${++next}`;
    taken.add(opinionId);
    return { ...o, opinionId };
  });
}

function findings(v: unknown, k: Check, r: SubjectRules): DossierSections['findings'] {
  const out = k.list(v, '研判情况', 50).map((raw, i) => {
    const o = k.object(raw, item(i), ['dimension', 'text']) ?? {};
    return {
      dimension: k.oneOf(o.dimension, `${item(i)}研判维度`, r.dimensions.map((d) => d.id), r.dimensions.map((d) => `${d.label}（${d.id}）`)),
      text: k.text(o.text, `${item(i)}内容`, MAX_TEXT, 1),
    };
  });
  k.unique(out.map((f) => f.dimension), '研判维度');
  return out;
}

function team(v: unknown, k: Check, r: SubjectRules): DossierSections['team'] {
  if (v === null) return null;
  const o = k.object(v, '班子评价', ['grade', 'reasons']) ?? {};
  const codes = r.teamScale.grades.map((g) => g.code);
  return { grade: k.oneOf(o.grade, '班子评价等次', codes), reasons: k.text(o.reasons, '评价理由', MAX_TEXT) };
}

function members(v: unknown, k: Check, r: SubjectRules): DossierSections['members'] {
  const codes = r.memberScale.grades.map((g) => g.code);
  const negative = new Set(r.memberScale.grades.filter((g) => g.negative).map((g) => g.code));
  const out = k.list(v, '成员评价', 50).map((raw, i) => {
    const o = k.object(raw, item(i), ['personId', 'name', 'post', 'grade', 'reasons']) ?? {};
    const name = k.text(o.name, `${item(i)}姓名`, 50, 1);
    const who = name || item(i);
    const personId = o.personId === undefined || o.personId === null ? null : k.text(o.personId, `${who}的人员编号`, 64, 1);
    const grade = k.oneOf(o.grade, `${who}的等次`, codes);
    const reasons = k.text(o.reasons, `${who}的评价理由`, MAX_TEXT);
    // A grade that reaches the negative list is an attributed judgement about a person: it must say why.
    if (negative.has(grade) && !reasons) k.add(`${who}评为“${grade}”，须写明理由`);
    return { personId, name, post: k.text(o.post, `${who}的职务`, 50), grade, reasons };
  });
  k.unique(out.flatMap((m) => (m.personId ? [m.personId] : [])), '成员（人员编号）');
  return out;
}

function classification(v: unknown, k: Check, c: SectionContext): DossierSections['classification'] {
  if (v === null) return null;
  if (c.subjectKind !== 'village') {
    k.add('乡镇领导班子不作村分类');
    return null;
  }
  const o = k.object(v, '村分类', ['classification', 'weak', 'backward']) ?? {};
  return { classification: k.oneOf(o.classification, '村分类', c.pack.village.classifications), weak: k.bool(o.weak, '软弱涣散'), backward: k.bool(o.backward, '后进') };
}

/** The highest n of ids `<prefix><n>`; ids of another form count as 0. */
function highestNumber(prefix: string, ids: readonly string[]): number {
  return ids.reduce((max, id) => {
    const m = new RegExp(`^${prefix}(\\d{1,9})$`).exec(id);
    return m ? Math.max(max, Number(m[1])) : max;
  }, 0);
}

/**
 * Problems keep the ids they were given; a new one gets `p<n>` past every id this dossier has used.
 * A problem sent again without its id but unchanged (a save retried before the form learnt the id)
 * keeps the id it already has, so a retried autosave writes nothing new.
 */
function problems(v: unknown, k: Check, c: SectionContext): DossierSections['problems'] {
  const stored = c.stored.problems;
  const given = k.list(v, '存在问题', 200).map((raw, i) => {
    const o = k.object(raw, item(i), ['problemId', 'category', 'description', 'severity']) ?? {};
    const description = k.text(o.description, `问题 ${i + 1} 的描述`, MAX_TEXT, 1);
    if (CITIZEN_ID_IN_TEXT.test(description)) k.add(`问题 ${i + 1} 的描述中不应填写身份证号码`);
    const problemId = o.problemId === undefined || o.problemId === null ? undefined : k.text(o.problemId, `问题 ${i + 1} 的编号`, 20, 1);
    if (problemId && !stored.some((p) => p.problemId === problemId)) k.add(`问题编号 ${problemId} 不属于本档案`);
    const severity = k.oneOf(o.severity, `问题 ${i + 1} 的严重程度`, Object.keys(PROBLEM_SEVERITY_LABELS), Object.values(PROBLEM_SEVERITY_LABELS)) as ProblemSeverity;
    return { problemId, category: k.oneOf(o.category, `问题 ${i + 1} 的类别`, c.pack.problemCategories), description, severity };
  });
  k.unique(given.flatMap((p) => (p.problemId ? [p.problemId] : [])), '问题编号');
  const taken = new Set(given.flatMap((p) => (p.problemId ? [p.problemId] : [])));
  let next = highestNumber('p', c.usedProblemIds);
  const out: DossierProblem[] = given.map((p) => {
    if (p.problemId) return { ...p, problemId: p.problemId };
    const same = stored.find((s) => !taken.has(s.problemId) && s.category === p.category && s.description === p.description && s.severity === p.severity);
    const problemId = same?.problemId ?? `p${++next}`;
    taken.add(problemId);
    return { ...p, problemId };
  });
  const linked = c.stored.opinions.filter((o) => o.problemId && !taken.has(o.problemId));
  if (linked.length) k.add(`问题 ${[...new Set(linked.map((o) => o.problemId))].join('、')} 已关联意见建议，请先在意见建议中取消关联再删除`);
  return out;
}

/**
 * The section's content checked against the pack and normalised, or a DomainValidationError naming
 * every issue in Chinese. Pure: ids are derived from the dossier, never from a clock or random.
 */
export function sectionContent<K extends DossierSection>(section: K, content: unknown, c: SectionContext): DossierSections[K] {
  const k = new Check();
  const r = subjectRules(c.pack, c.subjectKind);
  const value = ((): DossierSections[DossierSection] => {
    switch (section) {
      case 'talks':
        return talks(content, k, r);
      case 'meetings':
        return meetings(content, k);
      case 'records':
        return records(content, k);
      case 'forms':
        return forms(content, k);
      case 'opinions':
        return opinions(content, k, c);
      case 'findings':
        return findings(content, k, r);
      case 'team':
        return team(content, k, r);
      case 'members':
        return members(content, k, r);
      case 'classification':
        return classification(content, k, c);
      case 'problems':
        return problems(content, k, c);
      case 'running':
        return k.text(content, '班子运行情况', MAX_RUNNING);
      default:
        throw new DomainValidationError('dossier.unknown_section', `档案没有“${String(section)}”这一部分`, `unknown dossier section ${String(section)}`);
    }
  })();
  if (k.issues.length) {
    throw new DomainValidationError('dossier.invalid_section', `${SECTION_LABELS[section]}：${k.issues.join('；')}`, `dossier section ${section}: ${k.issues.length} issue(s)`);
  }
  return value as DossierSections[K];
}
