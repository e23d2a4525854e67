import { DomainValidationError } from '@lw/domain';
import { ANNUAL_PACK, LOOKBACK_PACK, MIDTERM_PACK } from './campaign-packs';
import type { DossierSections } from './dossier.events';
import { EMPTY_SECTIONS } from './dossier.state';
import { sectionContent, type SectionContext } from './section-content';

const ctx = (o: Partial<SectionContext> = {}): SectionContext => ({ pack: MIDTERM_PACK, subjectKind: 'village', stored: EMPTY_SECTIONS, usedProblemIds: [], ...o });
const stored = (o: Partial<DossierSections>): DossierSections => ({ ...EMPTY_SECTIONS, ...o });

function zhOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainValidationError);
    return (e as DomainValidationError).messageZh;
  }
  throw new Error('expected a DomainValidationError');
}

describe('talks, meetings, records', () => {
  it('keeps talks by the pack’s categories (002: 驻村选调生、后备干部、村(居)民小组长、党员群众代表), notes trimmed and optional', () => {
    const talks = sectionContent('talks', [{ category: 'selected_graduates', count: 2 }, { category: 'representatives', count: 35, notes: '  反映道路硬化问题 ' }], ctx());
    expect(talks).toEqual([
      { category: 'selected_graduates', count: 2, notes: '' },
      { category: 'representatives', count: 35, notes: '反映道路硬化问题' },
    ]);
  });

  it('refuses negative, fractional and impossible counts, unknown categories and duplicates, every issue at once', () => {
    const zh = zhOf(() =>
      sectionContent('talks', [{ category: 'representatives', count: -1 }, { category: 'aliens', count: 2.5 }, { category: 'representatives', count: 1_000_001 }], ctx()),
    );
    expect(zh).toMatch(/^谈话情况：/);
    expect(zh).toContain('第 1 项谈话人数应为 0 至 1000000 之间的整数');
    expect(zh).toContain('第 2 项谈话对象“aliens”应为');
    expect(zh).toContain('第 2 项谈话人数应为 0 至 1000000 之间的整数');
    expect(zh).toContain('第 3 项谈话人数应为 0 至 1000000 之间的整数');
    expect(zh).toContain('谈话对象类别重复：representatives');
  });

  it('counts meetings (002: "召开党员群众代表会议*场次") and refuses a misspelt field rather than losing it', () => {
    expect(sectionContent('meetings', [{ kind: '党员群众代表会议', count: 2, participants: 46 }], ctx())).toEqual([{ kind: '党员群众代表会议', count: 2, participants: 46 }]);
    expect(zhOf(() => sectionContent('meetings', [{ kind: '座谈会', count: 1, participant: 9 }], ctx()))).toBe('召开会议：第 1 项有无法识别的字段：participant；第 1 项参会人数应为 0 至 1000000 之间的整数');
    expect(zhOf(() => sectionContent('records', ['  ', 'x'.repeat(2001)], ctx()))).toBe('查阅资料：第 1 项资料不能为空；第 2 项资料至多 2000 字');
  });
});

describe('forms (问卷调查表 / 满意度测评表)', () => {
  it('keeps 002’s "发放并收回问卷调查表" counts', () => {
    const forms = [
      { kind: 'questionnaire', issued: 34, returned: 34, representatives: 21 },
      { kind: 'satisfaction', issued: 52, returned: 51, representatives: 40 },
    ];
    expect(sectionContent('forms', forms, ctx())).toEqual(forms);
  });

  it('refuses more returned than issued and more 群众代表 than respondents', () => {
    expect(zhOf(() => sectionContent('forms', [{ kind: 'questionnaire', issued: 50, returned: 51, representatives: 52 }], ctx()))).toBe(
      '问卷和测评表：问卷调查表收回数（51）不能多于发放数（50）；问卷调查表中群众代表填写的份数（52）不能多于收回数（51）',
    );
    expect(zhOf(() => sectionContent('forms', [{ kind: 'ballot', issued: 1, returned: 1, representatives: 0 }], ctx()))).toContain('第 1 项类别“ballot”应为问卷调查表（questionnaire）、满意度测评表（satisfaction）之一');
  });
});

describe('grades and classification against the subject’s scale', () => {
  it('takes 002’s “好”“正常”“较差” for the team and members, and refuses a grade outside the scale', () => {
    expect(sectionContent('team', { grade: '正常', reasons: '班子团结' }, ctx())).toEqual({ grade: '正常', reasons: '班子团结' });
    expect(zhOf(() => sectionContent('team', { grade: '一般', reasons: '' }, ctx()))).toBe('班子评价：班子评价等次“一般”应为好、正常、较差之一');
    const members = sectionContent('members', [{ personId: 'p1', name: ' 张明华 ', post: '党支部书记', grade: '好', reasons: '' }], ctx());
    expect(members).toEqual([{ personId: 'p1', name: '张明华', post: '党支部书记', grade: '好', reasons: '' }]);
    expect(zhOf(() => sectionContent('members', [{ name: '王秀英', post: '委员', grade: '称职', reasons: '' }], ctx()))).toBe('成员评价：王秀英的等次“称职”应为好、正常、较差之一');
  });

  it('asks a reason for a grade that counts on the negative list (004 report 3: 不称职)', () => {
    const m = { personId: 'p1', name: '赵强', post: '村委委员', grade: '不称职', reasons: '' };
    expect(zhOf(() => sectionContent('members', [m], ctx({ pack: ANNUAL_PACK })))).toBe('成员评价：赵强评为“不称职”，须写明理由');
    expect(sectionContent('members', [{ ...m, reasons: '长期不在岗' }], ctx({ pack: ANNUAL_PACK }))[0].grade).toBe('不称职');
    expect(zhOf(() => sectionContent('members', [m, { ...m, reasons: '重复' }], ctx({ pack: ANNUAL_PACK })))).toContain('成员（人员编号）重复：p1');
  });

  it('grades a township team on its own scale and 五查五看 dimensions, without a village classification (001)', () => {
    const c = ctx({ pack: LOOKBACK_PACK, subjectKind: 'township' });
    expect(sectionContent('findings', [{ dimension: 'political', text: '班子政治立场坚定，大局意识强' }], c)).toHaveLength(1);
    expect(zhOf(() => sectionContent('findings', [{ dimension: 'thinking', text: 'x' }], c))).toContain('应为组织运转（organisation）、政治担当（political）、履职尽责（duties）、工作实效（results）、作风表现（conduct）之一');
    expect(zhOf(() => sectionContent('classification', { classification: '平稳', weak: false, backward: false }, c))).toBe('村分类：乡镇领导班子不作村分类');
    expect(zhOf(() => sectionContent('team', { grade: '好' }, ctx({ subjectKind: 'township' })))).toContain('不检查乡镇领导班子');
  });

  it('classifies a village 平稳/调整充实/难点 with the 软弱涣散 and 后进 flags', () => {
    expect(sectionContent('classification', { classification: '难点', weak: true, backward: false }, ctx())).toEqual({ classification: '难点', weak: true, backward: false });
    expect(zhOf(() => sectionContent('classification', { classification: '较好', weak: 'no', backward: false }, ctx()))).toBe('村分类：村分类“较好”应为平稳、调整充实、难点之一；软弱涣散应为是或否');
  });
});

describe('problems and opinions', () => {
  const problem = { category: '集体经济', description: '集体经济收入渠道单一', severity: 'general' };

  it('numbers new problems p<n> past every id the dossier has used, and keeps given ids', () => {
    const first = sectionContent('problems', [problem, { ...problem, description: '后备干部培养力度不够', category: '后备干部' }], ctx());
    expect(first.map((p) => p.problemId)).toEqual(['p1', 'p2']);
    // p3 was used once (by a problem since deleted but linked by a commitment or an earlier save): never reused.
    const next = sectionContent('problems', [first[1], { ...problem, description: '村副主任至今空缺', category: '后备干部' }], ctx({ stored: stored({ problems: first }), usedProblemIds: ['p1', 'p2', 'p3'] }));
    expect(next.map((p) => p.problemId)).toEqual(['p2', 'p4']);
  });

  it('gives a retried save without ids the ids its problems already have (an autosave repeated writes the same)', () => {
    const first = sectionContent('problems', [problem], ctx());
    expect(sectionContent('problems', [problem], ctx({ stored: stored({ problems: first }), usedProblemIds: ['p1'] }))).toEqual(first);
  });

  it('refuses an unknown problem id, duplicates, a bad severity and an id number in the description', () => {
    const zh = zhOf(() =>
      sectionContent(
        'problems',
        [
          { ...problem, problemId: 'p9' },
          { ...problem, severity: 'fatal' },
          { ...problem, description: '村民 320724199001011234 反映' },
        ],
        ctx(),
      ),
    );
    expect(zh).toContain('问题编号 p9 不属于本档案');
    expect(zh).toContain('问题 2 的严重程度“fatal”应为一般、较重、严重之一');
    expect(zh).toContain('问题 3 的描述中不应填写身份证号码');
  });

  it('links an opinion to a problem of the dossier only, numbers opinions, and keeps a linked problem from deletion', () => {
    const problems = sectionContent('problems', [problem], ctx());
    const withProblems = stored({ problems });
    const opinions = sectionContent('opinions', [{ category: '集体经济', text: '建议发展茶叶产业', problemId: 'p1' }, { category: '其他', text: '路灯不亮' }], ctx({ stored: withProblems }));
    expect(opinions).toEqual([
      { opinionId: 'o1', category: '集体经济', text: '建议发展茶叶产业', problemId: 'p1' },
      { opinionId: 'o2', category: '其他', text: '路灯不亮', problemId: null },
    ]);
    const again = sectionContent('opinions', [{ category: '集体经济', text: '建议发展茶叶产业', problemId: 'p1' }, { category: '其他', text: '路灯不亮' }], ctx({ stored: { ...withProblems, opinions } }));
    expect(again).toEqual(opinions);
    expect(zhOf(() => sectionContent('opinions', [{ category: '其他', text: 'x', problemId: 'p7' }], ctx({ stored: withProblems })))).toBe('意见建议：第 1 项对应的问题 p7 不在本档案的问题清单中');
    expect(zhOf(() => sectionContent('problems', [], ctx({ stored: { ...withProblems, opinions }, usedProblemIds: ['p1'] })))).toBe('存在问题：问题 p1 已关联意见建议，请先在意见建议中取消关联再删除');
  });
});

describe('running', () => {
  it('keeps the paragraph on how the team runs (002 "班子整体运行情况良好"), up to 5000 characters', () => {
    expect(sectionContent('running', '  班子成员各司其职、通力协作，班子整体运行情况良好。 ', ctx())).toBe('班子成员各司其职、通力协作，班子整体运行情况良好。');
    expect(zhOf(() => sectionContent('running', '好'.repeat(5001), ctx()))).toBe('班子运行情况：班子运行情况至多 5000 字');
    expect(zhOf(() => sectionContent('running', 42, ctx()))).toBe('班子运行情况：班子运行情况应为文本');
  });
});
