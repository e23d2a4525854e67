import { CAMPAIGN_KIND_LABELS, type CampaignPack, type SubjectRules } from './campaign-pack';
import type { CampaignFigures, Figures, SubjectFigures, Tally } from './campaign-figures';
import type { CampaignState } from './campaign.state';
import type { DossierProblem } from './dossier.events';
import type { DossierState } from './dossier.state';
import { chineseDate, chineseOrdinal, comparedWith, heading, paragraph, percent, placeholder, subheading, type ReportBlock, type ReportDraft } from './report-draft';

export interface CampaignReportInput {
  campaign: CampaignState;
  pack: CampaignPack;
  /** The campaign's dossiers; those the figures count (approved ones for a report) give the per-village paragraphs. */
  dossiers: readonly DossierState[];
  /** Usually campaignFigures({ …, approvedOnly: true }). */
  figures: CampaignFigures;
  /** The previous campaign of the same kind (比上届), if any. */
  previous: CampaignFigures | null;
  nameOf: (code: string) => string;
  unit: string;
  /** Report date, YYYY-MM-DD. */
  date: string;
}

/**
 * The report draft of a campaign, laid out as its kind's seed: 回头看 (000/001), 届中分析 (002),
 * 研判 (004 report 1). Every number comes from `figures` (and `previous` for 比上届); what the
 * data does not hold is a 【请填写：…】 placeholder. 专项整治 uses the 回头看 layout.
 */
export function campaignReport(input: CampaignReportInput): ReportDraft {
  const r = new Reporter(input);
  const blocks = input.campaign.kind === 'midterm' ? midterm(r) : input.campaign.kind === 'annual' ? annual(r) : lookback(r);
  return {
    title: `关于${input.campaign.name}工作情况的报告`,
    subtitle: '（草稿）',
    addressee: `${placeholder('主送机关')}：`,
    blocks,
    signature: { unit: input.unit, date: chineseDate(input.date) },
  };
}

/** Shared wording: the numbers, the comparisons and the per-village lists. */
class Reporter {
  readonly f: CampaignFigures;
  readonly p: CampaignFigures | null;
  readonly kindLabel: string;
  readonly scopeName: string;
  constructor(readonly input: CampaignReportInput) {
    this.f = input.figures;
    this.p = input.previous;
    this.kindLabel = CAMPAIGN_KIND_LABELS[input.campaign.kind];
    this.scopeName = input.nameOf(input.figures.scope ?? input.campaign.scope);
  }

  get pack(): CampaignPack {
    return this.input.pack;
  }

  /** “比上届增加3个” for the figure `pick` reads, or nothing without a previous campaign. */
  cmp(pick: (f: Figures) => number, unit: string): string {
    return comparedWith(pick(this.f), this.p ? pick(this.p) : undefined, unit);
  }

  get methods(): string {
    const labels = this.input.campaign.methods.map((id) => this.pack.methods.find((m) => m.id === id)?.label ?? id);
    return labels.length ? labels.join('、') : placeholder('工作方式');
  }

  get period(): string {
    const { from, to } = this.input.campaign.period;
    return `${chineseDate(from)}至${chineseDate(to)}`;
  }

  /** Groups that cover at least one subject of the scope. */
  get groups() {
    const ids = new Set(this.f.byGroup.filter((g) => g.subjects.assigned > 0).map((g) => g.groupId));
    return this.input.campaign.groups.filter((g) => ids.has(g.groupId));
  }

  groupsSentence(word: string): string {
    const gs = this.groups;
    if (!gs.length) return placeholder('工作组组建情况');
    const leaders = gs.map((g) => `${g.leader.post}${g.leader.name}`).join('、');
    return `成立${gs.length}个${word}，${gs.length > 1 ? '分别' : ''}由${leaders}带队`;
  }

  subjectsSentence(): string {
    const t = this.f.townshipTeams;
    const townships = t && t.assigned ? `和${t.assigned}个乡镇领导班子` : '';
    return `${this.scopeName}${this.f.villageTeams.assigned}个村（社区）${townships}`;
  }

  /** The counted dossiers of one kind, in code order. */
  dossiers(kind: 'village' | 'township'): DossierState[] {
    const scope = this.f.scope ?? '';
    return this.input.dossiers
      .filter((d) => d.campaignId === this.input.campaign.campaignId && d.subject.kind === kind && d.subject.code.startsWith(scope))
      .filter((d) => !this.f.approvedOnly || d.status === 'approved')
      .sort((a, b) => a.subject.code.localeCompare(b.subject.code));
  }

  names(codes: readonly string[]): string {
    return codes.map((c) => this.input.nameOf(c)).join('、');
  }

  /** 按照“好”“正常”“较差”三个档次…评价出“好”的村X个…，“好”的班子成员X名… (seed 002). */
  gradeSentence(kind: 'village' | 'township'): string {
    const rules = kind === 'village' ? this.pack.village : this.pack.township;
    const figs = kind === 'village' ? this.f.villageTeams : this.f.townshipTeams;
    if (!rules || !figs) return '';
    const prev = this.p ? (kind === 'village' ? this.p.villageTeams : this.p.townshipTeams) : null;
    // Seed 002: “对村(社区)领导班子及成员做出定性评价,评价出“好”的村*个”.
    const [team, unit] = kind === 'village' ? ['村（社区）', '村（社区）'] : ['乡镇', '乡镇领导班子'];
    const was = (rows: readonly Tally[] | undefined, code: string) => (rows ? (rows.find((x) => x.code === code)?.count ?? 0) : undefined);
    const teams = figs.teamGrades.map((g) => `“${g.label}”的${unit}${g.count}个${comparedWith(g.count, was(prev?.teamGrades, g.code), '个')}`).join('，');
    const members = figs.memberGrades.map((g) => `“${g.label}”的${g.count}名${comparedWith(g.count, was(prev?.memberGrades, g.code), '名')}`).join('，');
    return (
      `按照${quoted(rules.teamScale)}${chineseOrdinal(rules.teamScale.grades.length)}个档次对${team}领导班子作出定性评价，评价出${teams}；` +
      `按照${quoted(rules.memberScale)}${chineseOrdinal(rules.memberScale.grades.length)}个档次对班子成员作出定性评价，共评价${figs.members}名${comparedWith(figs.members, prev?.members, '名')}，其中${members}。`
    );
  }

  classificationSentence(): string {
    const c = this.f.classifications;
    if (!this.pack.village.classifications.length) return '';
    const counts = c.counts.map((x) => `“${x.label}”${x.count}个`).join('、');
    const weak = c.weak.length ? `软弱涣散村（社区）${c.weak.length}个（${this.names(c.weak)}）` : '软弱涣散村（社区）0个';
    const backward = c.backward.length ? `后进村（社区）${c.backward.length}个（${this.names(c.backward)}）` : '后进村（社区）0个';
    return `按类别分，${counts}；其中${weak}，${backward}。`;
  }

  formsSentence(): string {
    const q = this.f.questionnaires;
    const s = this.f.satisfaction;
    const rep = this.f.representatives;
    const share =
      q.share === null
        ? '未收回问卷，无法计算群众代表比例'
        : `其中群众代表作答${q.representatives}份，占收回问卷的${percent(q.share)}，${rep.met ? '达到' : '未达到'}不少于${percent(rep.shareMin)}的要求`;
    const below = rep.belowMin.length ? `；${this.names(rep.belowMin)}的群众代表比例低于要求` : '';
    return `发放问卷调查表${q.issued}份，收回${q.returned}份${this.cmp((f) => f.questionnaires.returned, '份')}，${share}${below}；发放满意度测评表${s.issued}份，收回${s.returned}份。`;
  }

  meetingsSentence(): string {
    const m = this.f.meetings;
    const kinds = m.byKind.length ? `（${m.byKind.map((k) => `${k.kind}${k.count}场次`).join('、')}）` : '';
    return `召开会议${m.count}场次${kinds}${this.cmp((f) => f.meetings.count, '场次')}，参会${m.participants}人次`;
  }

  talksSentence(): string {
    const t = this.f.talks;
    const held = t.byCategory.filter((c) => c.count > 0).map((c) => `${c.label}${c.count}人次`);
    return `谈心谈话${t.total}人次（按方案应不少于${t.required}人次）${this.cmp((f) => f.talks.total, '人次')}${held.length ? `，其中${held.join('、')}` : ''}`;
  }

  /** Talk categories actually talked to (seed 002: 参与人员包括驻村选调生、后备干部…). */
  participants(): string {
    const held = this.f.talks.byCategory.filter((c) => c.count > 0).map((c) => c.label);
    return held.length ? held.join('、') : placeholder('参与人员类别');
  }

  problemsSentence(figs: SubjectFigures, prev: SubjectFigures | null | undefined, word: string): string {
    const cats = figs.problems.byCategory.filter((c) => c.count > 0).map((c) => `${c.label}${c.count}个`);
    return (
      `${word}中共发现问题${figs.problems.found}个${comparedWith(figs.problems.found, prev?.problems.found, '个')}` +
      `${cats.length ? `，其中${cats.join('、')}` : ''}；已纳入整改${figs.problems.accepted}个，已销号${figs.problems.closed}个。`
    );
  }

  /** One paragraph per subject with problems: “××村：一是…；二是…。” */
  problemParagraphs(kind: 'village' | 'township'): ReportBlock[] {
    return this.dossiers(kind)
      .filter((d) => d.sections.problems.length)
      .map((d) => paragraph(`${this.input.nameOf(d.subject.code)}：${enumerate(d.sections.problems)}`));
  }

  /** Subjects assigned whose dossier is not counted (not approved yet): said, never silently left out. */
  notCounted(): ReportBlock[] {
    const missing = this.f.subjects.assigned - this.f.subjects.counted;
    if (missing <= 0) return [];
    return [paragraph(`另有${missing}个检查对象的档案尚未审定，未计入本报告数据。`)];
  }

  rectification(): string {
    const p = this.f.problems;
    return `对本次发现的${p.found}个问题，已纳入整改${p.accepted}个，已销号${p.closed}个，尚有${p.open}个未销号，将按照“问题销号”机制跟踪督促，做到事事有反馈、件件有结果。`;
  }

  /** 指标 | 本届 | 上届 | 增减: every figure of the text in one table. */
  table(): ReportBlock {
    const rows: [string, (f: Figures) => number | string][] = [
      ['检查村（社区）（个）', (f) => f.villageTeams.assigned],
      ...(this.pack.township ? ([['检查乡镇领导班子（个）', (f) => f.townshipTeams?.assigned ?? 0]] as [string, (f: Figures) => number][]) : []),
      ['已审定档案（份）', (f) => f.subjects.approved],
      ['谈心谈话（人次）', (f) => f.talks.total],
      ['召开会议（场次）', (f) => f.meetings.count],
      ['查阅资料（项）', (f) => f.records],
      ['收回问卷调查表（份）', (f) => f.questionnaires.returned],
      ['群众代表占比', (f) => percent(f.questionnaires.share)],
      ['收回满意度测评表（份）', (f) => f.satisfaction.returned],
      ['收集意见建议（条）', (f) => f.opinions.total],
      ['评价班子成员（名）', (f) => f.villageTeams.members + (f.townshipTeams?.members ?? 0)],
      ['发现问题（个）', (f) => f.problems.found],
      ['已纳入整改（个）', (f) => f.problems.accepted],
      ['已销号（个）', (f) => f.problems.closed],
    ];
    const prev = this.p;
    const header = prev ? ['指标', '本届', '上届', '增减'] : ['指标', '本届'];
    return {
      kind: 'table',
      header,
      rows: rows.map(([label, pick]) => {
        const cur = pick(this.f);
        if (!prev) return [label, String(cur)];
        const was = pick(prev);
        const diff = typeof cur === 'number' && typeof was === 'number' ? signed(cur - was) : '—';
        return [label, String(cur), String(was), diff];
      }),
    };
  }
}

const signed = (n: number) => (n > 0 ? `+${n}` : n === 0 ? '持平' : String(n));

const quoted = (scale: SubjectRules['teamScale']) =>
  [...scale.grades]
    .sort((a, b) => a.rank - b.rank)
    .map((g) => `“${g.label}”`)
    .join('');

/** “一是…；二是…。” from a dossier's problems (the descriptions' own end punctuation dropped). */
function enumerate(problems: readonly DossierProblem[]): string {
  const text = (p: DossierProblem) => p.description.trim().replace(/[。；;，,.\s]+$/u, '');
  if (problems.length === 1) return `${text(problems[0])}。`;
  return `${problems.map((p, i) => `${chineseOrdinal(i + 1)}是${text(p)}`).join('；')}。`;
}

/** 回头看 (seeds 000/001): 工作开展情况, 掌握的情况, 存在问题 (township and village teams apart), 下一步. */
function lookback(r: Reporter): ReportBlock[] {
  const f = r.f;
  const t = f.townshipTeams;
  const opinions = `收集意见建议${f.opinions.total}条${r.cmp((x) => x.opinions.total, '条')}`;
  const dims = r.pack.village.dimensions.map((d) => d.label).join('、');
  const evaluated = t
    ? `逐一了解并评价乡镇班子成员${t.members}名、村（社区）“两委”干部${f.villageTeams.members}名`
    : `逐一了解并评价村（社区）“两委”干部${f.villageTeams.members}名`;
  const out: ReportBlock[] = [
    paragraph(
      `根据${placeholder('上级部署要求或工作方案')}，${r.input.unit}于${r.period}对${r.subjectsSentence()}开展${r.kindLabel}工作，` +
        `以${r.methods}等形式进行集中检查${dims ? `，重点了解${dims}等方面的情况` : ''}。截至${chineseDate(r.input.date)}，${opinions}。现将有关情况汇报如下：`,
    ),
    heading(`一、${r.kindLabel}工作开展情况`),
    subheading('（一）健全机制，落实责任。'),
    paragraph(`${r.groupsSentence('工作组')}，分片对${r.subjectsSentence()}全覆盖开展检查。`),
    subheading('（二）深入一线，收集信息。'),
    paragraph(`${r.talksSentence()}；${evaluated}；${r.meetingsSentence()}；查阅资料${f.records}项；${r.formsSentence()}`),
    subheading('（三）建立档案，问题销号。'),
    paragraph(
      `形成“一村（社）一档”${f.subjects.opened}份，已审定${f.subjects.approved}份；${opinions}，其中转为问题${f.opinions.becameProblems}条；` +
        `建立问题销号机制，已纳入整改的问题${f.problems.accepted}个，已销号${f.problems.closed}个。`,
    ),
    r.table(),
    ...r.notCounted(),
    heading(`二、${r.kindLabel}工作掌握的情况`),
  ];
  if (t) out.push(paragraph(r.gradeSentence('township')));
  out.push(paragraph(`${r.gradeSentence('village')}${r.classificationSentence()}`), paragraph(placeholder('班子运行总体评价和典型做法')));
  out.push(heading('三、存在的问题'));
  let n = 0;
  if (t) {
    out.push(subheading(`（${chineseOrdinal(++n)}）乡镇领导班子存在的问题。`), paragraph(r.problemsSentence(t, r.p?.townshipTeams, '乡镇班子')), ...r.problemParagraphs('township'));
  }
  out.push(
    subheading(`（${chineseOrdinal(++n)}）村（社区）“两委”班子存在的问题。`),
    paragraph(r.problemsSentence(f.villageTeams, r.p?.villageTeams, '村（社区）“两委”班子')),
    ...r.problemParagraphs('village'),
  );
  out.push(heading('四、下一步工作计划'), paragraph(r.rectification()), paragraph(placeholder('下一步工作措施')));
  return out;
}

/** 届中分析 (seed 002): 开展情况 with the counts and grades, then a paragraph per village on its running and one on its problems. */
function midterm(r: Reporter): ReportBlock[] {
  const f = r.f;
  const villages = r.dossiers('village');
  const out: ReportBlock[] = [
    paragraph(
      `按照${placeholder('上级届中分析工作要求')}，${r.input.unit}结合实际制订工作方案，${r.groupsSentence('分析研判工作组')}，` +
        `采取${r.methods}等方式，对${r.subjectsSentence()}“两委”班子运行情况进行分析研判。现将有关情况汇报如下。`,
    ),
    heading('一、届中分析工作开展情况'),
    paragraph(
      `各工作组${r.meetingsSentence()}，${r.talksSentence()}，${r.formsSentence().replace(/。$/, '')}，` +
        `收集问题建议${f.opinions.total}条${r.cmp((x) => x.opinions.total, '条')}，参与人员包括${r.participants()}等。`,
    ),
    paragraph(r.gradeSentence('village')),
  ];
  if (f.townshipTeams) out.push(paragraph(r.gradeSentence('township')));
  out.push(r.table(), ...r.notCounted(), heading('二、分析研判情况'));
  villages.forEach((d, i) => {
    const name = r.input.nameOf(d.subject.code);
    out.push(subheading(`（${chineseOrdinal(i + 1)}）${name}“两委”班子运行情况。`), paragraph(d.sections.running.trim() || placeholder(`${name}“两委”班子运行情况`)));
  });
  if (!villages.length) out.push(paragraph(placeholder('各村（社区）“两委”班子运行情况（尚无已审定的档案）')));
  out.push(heading('三、存在的问题'), paragraph(r.problemsSentence(f.villageTeams, r.p?.villageTeams, '各村（社区）')));
  villages.forEach((d, i) => {
    const name = r.input.nameOf(d.subject.code);
    const problems = d.sections.problems;
    out.push(subheading(`（${chineseOrdinal(i + 1)}）${name}存在的问题。`), paragraph(problems.length ? enumerate(problems) : placeholder(`${name}存在的问题（档案中未记录问题）`)));
  });
  if (!villages.length) out.push(paragraph(placeholder('各村（社区）存在的问题（尚无已审定的档案）')));
  out.push(heading('四、下一步工作打算'), paragraph(r.rectification()), paragraph(placeholder('下一步工作措施')));
  return out;
}

/** 研判 (seed 004 report 1): 基本情况, 工作开展情况 (群众代表 ≥ 60% of respondents), 存在的问题, 下一步打算. */
function annual(r: Reporter): ReportBlock[] {
  const f = r.f;
  const out: ReportBlock[] = [
    heading('一、基本情况'),
    paragraph(`${r.scopeName}纳入本次${r.kindLabel}的村（社区）${f.villageTeams.assigned}个${r.cmp((x) => x.villageTeams.assigned, '个')}，已审定研判档案${f.subjects.approved}份。`),
    paragraph(`${r.gradeSentence('village')}${r.classificationSentence()}`),
  ];
  if (f.townshipTeams) out.push(paragraph(r.gradeSentence('township')));
  out.push(
    paragraph(placeholder('“两委”干部结构情况（职数、交叉任职、党员、性别、年龄、学历、受处分情况等）')),
    heading('二、工作开展情况'),
    subheading('（一）高度重视，周密组织。'),
    paragraph(`${r.groupsSentence('工作组')}，采取${r.methods}等方式开展研判。`),
    subheading('（二）深入研判，狠抓落实。'),
    paragraph(`${r.talksSentence()}；${r.meetingsSentence()}；查阅资料${f.records}项；${r.formsSentence()}`),
    subheading('（三）认真分析，形成材料。'),
    paragraph(`形成研判档案${f.subjects.opened}份，已审定${f.subjects.approved}份，收集意见建议${f.opinions.total}条${r.cmp((x) => x.opinions.total, '条')}。`),
    r.table(),
    ...r.notCounted(),
    heading('三、存在的问题'),
    paragraph(r.problemsSentence(f.villageTeams, r.p?.villageTeams, '村（社区）“两委”班子')),
    ...r.problemParagraphs('village'),
  );
  if (f.townshipTeams) out.push(paragraph(r.problemsSentence(f.townshipTeams, r.p?.townshipTeams, '乡镇班子')), ...r.problemParagraphs('township'));
  out.push(heading('四、下一步打算'), paragraph(r.rectification()), paragraph(placeholder('下一步工作措施')));
  return out;
}
