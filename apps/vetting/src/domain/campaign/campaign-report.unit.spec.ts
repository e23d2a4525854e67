import { campaignFigures, type CampaignFigures } from './campaign-figures';
import { campaignReport, type CampaignReportInput } from './campaign-report';
import { A, B, C, T, campaign, dossier, dossiers, lookbackPack, member, pack } from './campaign-test.fixture';
import type { CampaignPack } from './campaign-pack';
import { CAMPAIGN_PACKS } from './campaign-packs';
import type { CampaignState } from './campaign.state';
import type { DossierState } from './dossier.state';
import type { ReportDraft } from './report-draft';

const NAMES: Record<string, string> = { '511402': '某县', '511402101': '甲镇', '511402102': '乙镇', [A]: '新山村', [B]: '河口村', [C]: '石桥村' };
const nameOf = (code: string) => NAMES[code] ?? code;

/** Seed 002's paragraph on 某社区's running, kept in A's dossier. */
const RUNNING = '班子成员各司其职、各负其责、通力协作,凝聚力、战斗力较强,班子整体运行情况良好。';
const withRunning: DossierState[] = dossiers.map((d) => (d.subject.code === A ? { ...d, sections: { ...d.sections, running: RUNNING } } : d));

function report(c: CampaignState, p: CampaignPack, ds: DossierState[], previous: CampaignFigures | null = null): { draft: ReportDraft; figures: CampaignFigures; input: CampaignReportInput } {
  const figures = campaignFigures({ campaign: c, pack: p, dossiers: ds, approvedOnly: true });
  const input = { campaign: c, pack: p, dossiers: ds, figures, previous, nameOf, unit: '中共甲镇委员会', date: '2026-05-10' };
  return { draft: campaignReport(input), figures, input };
}

const texts = (d: ReportDraft) => d.blocks.map((b) => (b.kind === 'table' ? [b.header, ...b.rows].map((r) => r.join('|')).join('\n') : b.text));
const all = (d: ReportDraft) => texts(d).join('\n');

/** Every number a figure holds, its percentages, and the group count: the only numbers a report may print. */
function numbersOf(f: CampaignFigures): Set<string> {
  const out = new Set<string>([String(f.byGroup.filter((g) => g.subjects.assigned > 0).length)]);
  const walk = (x: unknown): void => {
    if (typeof x === 'number') {
      out.add(String(x));
      out.add(String(Math.round(x * 1000) / 10));
    } else if (x && typeof x === 'object') Object.values(x).forEach(walk);
  };
  walk(f);
  return out;
}

describe('campaign report drafts', () => {
  it('届中分析 (seed 002): “召开党员群众代表会议*场次,谈心谈话*人次,发放并收回问卷调查表…,收集问题建议*条” from the figures', () => {
    const { draft } = report(campaign(), pack, withRunning);
    expect(texts(draft).filter((t) => /^[一二三四]、/.test(t))).toEqual(['一、届中分析工作开展情况', '二、分析研判情况', '三、存在的问题', '四、下一步工作打算']);
    const text = all(draft);
    expect(text).toContain('成立2个分析研判工作组，分别由镇党委副书记张三、镇纪委书记李四带队');
    expect(text).toContain('召开会议3场次（党员群众代表会议3场次），参会65人次');
    expect(text).toContain('谈心谈话11人次（按方案应不少于27人次）');
    expect(text).toContain('发放问卷调查表110份，收回90份');
    expect(text).toContain('发放满意度测评表80份，收回75份');
    expect(text).toContain('收集问题建议2条');
    expect(text).toContain('参与人员包括驻村选调生、党员群众代表等');
    // “按照“好”“正常”“较差”三个档次…评价出“好”的村*个,“正常”村*个” — approved dossiers only (C is a draft).
    expect(text).toContain('按照“好”“正常”“较差”三个档次对村（社区）领导班子作出定性评价，评价出“好”的村（社区）1个，“正常”的村（社区）1个，“较差”的村（社区）0个');
    expect(text).toContain('共评价3名，其中“好”的1名，“正常”的1名，“较差”的1名');
    expect(text).toContain('另有1个检查对象的档案尚未审定，未计入本报告数据。');
  });

  it('届中分析: a paragraph per village on its running, and one on its problems, from the dossiers; gaps are placeholders', () => {
    const { draft } = report(campaign(), pack, withRunning);
    const t = texts(draft);
    const after = (s: string) => t[t.indexOf(s) + 1];
    expect(after('（一）新山村“两委”班子运行情况。')).toBe(RUNNING);
    expect(after('（二）河口村“两委”班子运行情况。')).toBe('【请填写：河口村“两委”班子运行情况】');
    expect(after('（一）新山村存在的问题。')).toBe('一是集体经济收入渠道单一；二是党员示范作用发挥不强。');
    expect(after('（二）河口村存在的问题。')).toBe('后备干部储备不足。');
    // The draft dossier (石桥村) is not in the report's paragraphs.
    expect(all(draft)).not.toContain('石桥村');
  });

  it('never invents a number: every figure printed is one of the figures (dates and 比上届 differences aside)', () => {
    for (const kind of ['midterm', 'lookback', 'annual'] as const) {
      const { draft, figures } = report(campaign({ kind }), pack, withRunning);
      const allowed = numbersOf(figures);
      const printed = all(draft)
        .replace(/\d{4}年\d{1,2}月\d{1,2}日/g, '')
        .replace(/比上届(增加|减少)\d+/g, '')
        .replace(/2026年/g, '')
        .match(/\d+(\.\d+)?/g);
      expect(printed?.filter((n) => !allowed.has(n))).toEqual([]);
    }
  });

  it('each figure is compared with the previous campaign of the same kind (比上届增加/减少/持平)', () => {
    const previous = campaignFigures({ campaign: campaign(), pack, dossiers: withRunning.slice(0, 1), approvedOnly: true });
    const { draft } = report(campaign(), pack, withRunning, previous);
    const text = all(draft);
    expect(text).toContain('谈心谈话11人次（按方案应不少于27人次），比上届增加4人次');
    expect(text).toContain('收集问题建议2条，与上届持平');
    expect(text).toContain('“正常”的村（社区）1个，比上届增加1个');
    const table = draft.blocks.find((b) => b.kind === 'table');
    expect(table).toMatchObject({ header: ['指标', '本届', '上届', '增减'] });
    expect(table?.kind === 'table' && table.rows.find((r) => r[0] === '谈心谈话（人次）')).toEqual(['谈心谈话（人次）', '11', '7', '+4']);
    const fewer = report(campaign(), pack, withRunning.slice(0, 1), campaignFigures({ campaign: campaign(), pack, dossiers: withRunning, approvedOnly: true }));
    expect(all(fewer.draft)).toContain('比上届减少4人次');
  });

  it('回头看 (seeds 000/001): coverage “以走访谈话、查阅资料、民主评议等形式…收集意见建议X条”, township and village problems apart', () => {
    const p: CampaignPack = {
      ...lookbackPack,
      methods: [
        { id: 'visit', label: '走访谈话' },
        { id: 'records', label: '查阅资料' },
        { id: 'review', label: '民主评议' },
      ],
    };
    const groups = [{ groupId: 'g1', name: '考察组', leader: { name: '王五', post: '区人大副主任' }, members: [], villages: [A], townships: [T] }];
    const c = campaign({ kind: 'lookback', groups, methods: ['visit', 'records', 'review'], name: '2026年乡镇领导班子和村（社区）“两委”换届“回头看”' });
    const ds = [
      dossier(T, 'approved', {
        members: [member('甲', '优秀'), member('乙', '称职')],
        team: { grade: '好', reasons: '' },
        problems: [{ problemId: 'p1', category: '班子建设', description: '年轻干部群众工作经验不足', severity: 'general' }],
      }),
      dossier(
        A,
        'approved',
        {
          members: [member('丙', '称职'), member('丁', '基本称职'), member('戊', '不称职')],
          team: { grade: '一般', reasons: '' },
          opinions: [{ opinionId: 'o1', category: '党建工作', text: '工作作风不够扎实', problemId: 'p1' }],
          problems: [{ problemId: 'p1', category: '党建工作', description: '工作作风不够扎实', severity: 'general' }],
        },
        { accepted: ['p1'] },
      ),
    ];
    const { draft } = report(c, p, ds);
    const text = all(draft);
    expect(draft.title).toBe('关于2026年乡镇领导班子和村（社区）“两委”换届“回头看”工作情况的报告');
    expect(texts(draft).filter((t) => /^[一二三四]、/.test(t))).toEqual(['一、换届“回头看”工作开展情况', '二、换届“回头看”工作掌握的情况', '三、存在的问题', '四、下一步工作计划']);
    expect(text).toContain('对某县1个村（社区）和1个乡镇领导班子开展换届“回头看”工作，以走访谈话、查阅资料、民主评议等形式进行集中检查');
    expect(text).toContain('截至2026年5月10日，收集意见建议1条。');
    expect(text).toContain('成立1个工作组，由区人大副主任王五带队');
    // 001: “对47名乡镇班子成员…对282名村（社区）“两委”干部…” — members per subject kind.
    expect(text).toContain('逐一了解并评价乡镇班子成员2名、村（社区）“两委”干部3名');
    expect(text).toContain('评价出“好”的乡镇领导班子1个');
    expect(text).toContain('“称职”的1名，“基本称职”的1名，“不称职”的1名');
    // 001: “乡镇班子中，共计发现问题**个，村（社区）“两委”干部中，共发现问题**个”.
    expect(text).toContain('（一）乡镇领导班子存在的问题。\n乡镇班子中共发现问题1个，其中班子建设1个；已纳入整改0个，已销号0个。\n甲镇：年轻干部群众工作经验不足。');
    expect(text).toContain('（二）村（社区）“两委”班子存在的问题。\n村（社区）“两委”班子中共发现问题1个，其中党建工作1个；已纳入整改1个，已销号0个。\n新山村：工作作风不够扎实。');
    expect(text).toContain('形成“一村（社）一档”2份，已审定2份');
    expect(draft.signature).toEqual({ unit: '中共甲镇委员会', date: '2026年5月10日' });
  });

  it('研判 (seed 004 report 1): 基本情况 first; “参与问卷调查的群众代表比例不少于60%” checked over respondents', () => {
    const { draft } = report(campaign({ kind: 'annual' }), pack, withRunning);
    const text = all(draft);
    expect(texts(draft).filter((t) => /^[一二三四]、/.test(t))).toEqual(['一、基本情况', '二、工作开展情况', '三、存在的问题', '四、下一步打算']);
    expect(text).toContain('某县纳入本次年度研判的村（社区）3个，已审定研判档案2份。');
    expect(text).toContain('其中群众代表作答50份，占收回问卷的55.6%，未达到不少于60%的要求；河口村的群众代表比例低于要求');
    expect(text).toContain('其中软弱涣散村（社区）1个（河口村）');
    expect(text).toContain('【请填写：“两委”干部结构情况');
  });

  it('drafts under each default pack (回头看, 届中分析, 研判) with the pack’s own scales, methods and categories', () => {
    for (const p of CAMPAIGN_PACKS) {
      const groups = [{ groupId: 'g1', name: '第一组', leader: { name: '张三', post: '组长' }, members: [], villages: [A], townships: p.township ? [T] : [] }];
      const c = campaign({ kind: p.kind, pack: { id: p.id, version: p.version }, groups, methods: p.methods.slice(0, 3).map((m) => m.id) });
      const grade = (rules: typeof p.village) => ({
        team: { grade: rules.teamScale.grades[0].code, reasons: '' },
        members: [member('甲', rules.memberScale.grades[0].code)],
        talks: rules.talkCategories.map((t) => ({ category: t.id, count: t.minimum, notes: '' })),
        problems: [{ problemId: 'p1', category: p.problemCategories[0], description: '问题描述', severity: 'general' as const }],
      });
      const ds = [
        dossier(A, 'approved', { ...grade(p.village), classification: { classification: p.village.classifications[0], weak: false, backward: false }, running: '运行情况' }),
        ...(p.township ? [dossier(T, 'approved', grade(p.township))] : []),
      ];
      const { draft, figures } = report(c, p, ds);
      expect(figures.subjects).toMatchObject({ assigned: ds.length, approved: ds.length, counted: ds.length });
      expect(figures.talks.total).toBe(figures.talks.required);
      expect(figures.villageTeams.teamGrades[0].count).toBe(1);
      const text = all(draft);
      expect(text).toContain(p.methods.slice(0, 3).map((m) => m.label).join('、'));
      expect(text).toContain(`“${p.village.teamScale.grades[0].label}”的村（社区）1个`);
      expect(text).toContain(`${p.problemCategories[0]}1个`);
      if (p.township) expect(text).toContain('甲镇：问题描述。');
    }
  });

  it('专项整治 uses the 回头看 layout; with nothing approved the per-village parts are placeholders', () => {
    expect(texts(report(campaign({ kind: 'special' }), pack, withRunning).draft)).toContain('一、专项整治工作开展情况');
    const { draft } = report(campaign(), pack, []);
    expect(all(draft)).toContain('【请填写：各村（社区）“两委”班子运行情况（尚无已审定的档案）】');
    expect(all(draft)).toContain('未收回问卷，无法计算群众代表比例');
  });
});
