// The report draft as a Word file, built in the browser with `docx` (no server round trip, so it
// works the same behind an ingress). Structure of the seeds' 研判 / 回头看 reports: 基本情况 /
// 工作开展情况 / 存在的问题 / 下一步打算; every figure from ReportFigures, every judgement left to
// its author as a highlighted 【请填写：…】 placeholder.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { changeText, chineseDate, REPORT_KIND_LABELS, show, valueOf, type ReportFigures, type Section, type SectionKey } from './figures';

export const HEADINGS = ['一、基本情况', '二、工作开展情况', '三、存在的问题', '四、下一步打算'] as const;

export function reportTitle(f: ReportFigures): string {
  return `${f.request.scopeName}村（社区）“两委”班子${REPORT_KIND_LABELS[f.request.kind]}报告（草稿）`;
}

export function reportFileName(f: ReportFigures): string {
  return `${f.request.scopeName}${REPORT_KIND_LABELS[f.request.kind].replace(/[“”]/g, '')}报告草稿-${f.current.from}至${f.current.to}.docx`;
}

const BODY_FONT = '仿宋_GB2312';
const HEAD_FONT = '黑体';
const BODY_SIZE = 32; // 三号, in half-points

const text = (t: string, opts: { bold?: boolean; font?: string; size?: number } = {}) =>
  new TextRun({ text: t, bold: opts.bold, font: opts.font ?? BODY_FONT, size: opts.size ?? BODY_SIZE });

/** 【请填写：…】, highlighted so the author sees what is left to write. */
const placeholder = (what: string) => new TextRun({ text: `【请填写：${what}】`, font: BODY_FONT, size: BODY_SIZE, highlight: 'yellow' });

const para = (...runs: TextRun[]) => new Paragraph({ children: runs, indent: { firstLine: 640 }, spacing: { line: 560 } });

const heading = (t: string) =>
  new Paragraph({ heading: HeadingLevel.HEADING_1, children: [text(t, { font: HEAD_FONT })], spacing: { before: 240, after: 120 } });

const subheading = (t: string) => new Paragraph({ children: [text(t, { font: '楷体_GB2312', bold: true })], indent: { firstLine: 640 }, spacing: { line: 560 } });

/** "增加3" + 人 → 增加3人; 持平 stays 持平. */
function withUnit(change: string, unit: string): string {
  return change === '持平' || change === '—' ? change : `${change}${unit}`;
}

function pct(f: ReportFigures, s: SectionKey, key: string): string {
  const v = valueOf(f, s, key);
  return v === '—' ? '—（无可计算的件数）' : `${v}%`;
}

const cell = (t: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [text(t, { bold, size: 24 })] })] });

/** 指标 | 本期 | 上期 | 增减: one row per figure of the section. */
function figureTable(f: ReportFigures, s: Section, caption: string): (Paragraph | Table)[] {
  const head = new TableRow({
    tableHeader: true,
    children: [cell('指标', true), cell(`本期（${f.current.from}至${f.current.to}）`, true), cell(`上期（${f.previous.from}至${f.previous.to}）`, true), cell('增减', true)],
  });
  const rows = s.figures.map((x) => new TableRow({ children: [cell(x.label), cell(show(x.current)), cell(show(x.previous)), cell(x.change)] }));
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [text(caption, { bold: true, size: 24 })], spacing: { before: 120 } }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [head, ...rows] }),
    new Paragraph({ children: [text(`数据来源：${s.source}。`, { size: 20 })] }),
  ];
}

function missing(s: Section, what: string): Paragraph {
  return para(placeholder(`${what}（系统未能读取${s.title}数据：${s.message ?? '无权限'}）`));
}

function basicSituation(f: ReportFigures): (Paragraph | Table)[] {
  const s = f.sections.roster;
  if (s.status !== 'ok') return [missing(s, '班子基本情况')];
  const v = (k: string) => valueOf(f, 'roster', k);
  return [
    para(
      text(
        `截至${chineseDate(f.current.to)}，${f.request.scopeName}村（社区）“两委”干部共计${v('cadres')}人，其中党组织委员${v('partyCommittee')}人，村（居）民委员会委员${v('villagersCommittee')}人，交叉任职${v('crossAppointed')}人，书记、主任“一肩挑”${v('oneShoulder')}人。` +
          `在“两委”干部中，有正式党员${v('partyMembers')}人，预备党员${v('probationary')}人，群众${v('masses')}人，无党派人士或民主党派${v('nonParty')}人，女干部${v('women')}人；` +
          `年龄在45周岁以下的${v('under45')}人，45—54周岁的${v('from45to54')}人，55周岁及以上的${v('from55')}人，平均年龄${v('averageAge')}周岁；` +
          `大专及以上学历${v('college')}人，高中（中专）学历${v('highSchool')}人，初中学历${v('middleSchool')}人，小学学历${v('primary')}人。` +
          `${chineseDate(f.request.lastElectionDate)}换届以来，有${v('disciplined')}名“两委”干部受到党纪政务处分，尚在处分影响期内的有${v('inEffect')}人；现有后备干部${v('reserve')}人。` +
          `与上期末（${chineseDate(f.previous.to)}）相比，“两委”干部${withUnit(changeText(f, 'roster', 'cadres'), '人')}，平均年龄${changeText(f, 'roster', 'averageAge')}。`,
        ),
    ),
    para(placeholder('班子运行总体评价，如班子团结协作、“一把手”作用发挥、制度执行、党员群众满意度等')),
    ...figureTable(f, s, '表1  “两委”班子基本情况'),
  ];
}

function tipsPart(f: ReportFigures): (Paragraph | Table)[] {
  const s = f.sections.tips;
  const out: (Paragraph | Table)[] = [subheading('（一）信访举报受理情况。')];
  if (s.status !== 'ok') return [...out, missing(s, '信访举报受理情况')];
  const v = (k: string) => valueOf(f, 'tips', k);
  out.push(
    para(
      text(
        `${chineseDate(f.current.from)}至${chineseDate(f.current.to)}，共收到涉及村（社区）“两委”的信访举报${v('received')}件，比上期${withUnit(changeText(f, 'tips', 'received'), '件')}（其中重复举报${v('repeats')}件，涉及换届选举${v('electionRelated')}件）；` +
          `已受理${v('accepted')}件，已办结${v('concluded')}件，按期办结率${pct(f, 'tips', 'withinLimitPct')}，经查属实或部分属实${v('substantiated')}件。`,
      ),
    ),
    ...figureTable(f, s, '表2  信访举报受理情况'),
  );
  return out;
}

function auditsPart(f: ReportFigures): (Paragraph | Table)[] {
  const s = f.sections.audits;
  const out: (Paragraph | Table)[] = [subheading('（二）离任经济责任审计情况。')];
  if (s.status !== 'ok') return [...out, missing(s, '离任经济责任审计情况')];
  const v = (k: string) => valueOf(f, 'audits', k);
  out.push(
    para(
      text(
        `期内审计办结${v('concluded')}个，审计结果公示${v('published')}个；发现问题${v('findings')}个，比上期${withUnit(changeText(f, 'audits', 'findings'), '个')}，其中严重问题${v('serious')}个，涉及金额${v('amount')}元。`,
      ),
    ),
    ...figureTable(f, s, '表3  离任经济责任审计情况'),
  );
  return out;
}

function casesPart(f: ReportFigures): (Paragraph | Table)[] {
  const s = f.sections.cases;
  const out: (Paragraph | Table)[] = [subheading('（三）问题整改销号情况。')];
  if (s.status !== 'ok') return [...out, missing(s, '问题整改销号情况')];
  const v = (k: string) => valueOf(f, 'cases', k);
  out.push(
    para(
      text(
        `期内新增交办问题${v('opened')}个，比上期${withUnit(changeText(f, 'cases', 'opened'), '个')}，其中已整改销号${v('closedOfOpened')}个，销号率${pct(f, 'cases', 'closureRate')}；` +
          `期内整改销号${v('closedInPeriod')}个（含以前交办的问题）；截至期末逾期未销号${v('overdue')}个。`,
      ),
    ),
    ...figureTable(f, s, '表4  问题整改销号情况'),
  );
  return out;
}

function problems(f: ReportFigures): Paragraph[] {
  const hints: string[] = [];
  if (f.sections.cases.status === 'ok') hints.push(`截至期末逾期未销号问题${valueOf(f, 'cases', 'overdue')}个`);
  if (f.sections.audits.status === 'ok') hints.push(`期内审计发现严重问题${valueOf(f, 'audits', 'serious')}个`);
  if (f.sections.tips.status === 'ok') hints.push(`期内信访举报属实或部分属实${valueOf(f, 'tips', 'substantiated')}件`);
  return [
    ...(hints.length ? [para(text(`（参考数据：${hints.join('；')}。）`))] : []),
    para(text('（一）'), placeholder('问题一，如班子结构、年龄学历、后备干部储备等方面')),
    para(text('（二）'), placeholder('问题二，如作用发挥、制度执行、作风纪律等方面')),
    para(text('（三）'), placeholder('问题三，如整改落实、群众反映集中的问题等方面')),
  ];
}

function nextSteps(): Paragraph[] {
  return [
    para(text('（一）'), placeholder('措施一，如加强班子建设、教育培训')),
    para(text('（二）'), placeholder('措施二，如压实整改责任、跟踪销号')),
    para(text('（三）'), placeholder('措施三，如健全长效机制、强化结果运用')),
  ];
}

/** The Word document of the draft. `today` (YYYY-MM-DD, Shanghai) is the draft's date. */
export function buildReportDocument(f: ReportFigures, today: string): Document {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, heading: HeadingLevel.TITLE, children: [text(reportTitle(f), { font: '方正小标宋简体', size: 44 })], spacing: { after: 240 } }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [text(`统计期间：${chineseDate(f.current.from)}至${chineseDate(f.current.to)}；对比期间（上期，天数相同）：${chineseDate(f.previous.from)}至${chineseDate(f.previous.to)}`, { size: 24 })],
    }),
    para(placeholder('开展本次工作的背景、时间范围、组织方式和覆盖的村（社区）'), text('现将有关情况报告如下：')),
    heading(HEADINGS[0]),
    ...basicSituation(f),
    heading(HEADINGS[1]),
    para(placeholder('本次工作的组织部署、方法步骤（如走访谈话、查阅资料、民主测评、问卷调查）和主要做法')),
    ...tipsPart(f),
    ...auditsPart(f),
    ...casesPart(f),
    heading(HEADINGS[2]),
    ...problems(f),
    heading(HEADINGS[3]),
    ...nextSteps(),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [placeholder('报告单位')], spacing: { before: 480 } }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [text(chineseDate(today))] }),
  ];
  return new Document({
    creator: '两委监督系统',
    title: reportTitle(f),
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE } } } },
    sections: [{ children }],
  });
}

export async function buildReportBlob(f: ReportFigures, today: string): Promise<Blob> {
  return Packer.toBlob(buildReportDocument(f, today));
}
