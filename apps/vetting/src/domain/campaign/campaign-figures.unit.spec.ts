import { campaignFigures } from './campaign-figures';
import { A, B, C, T, campaign, dossier, dossiers, lookbackPack, member, pack } from './campaign-test.fixture';

describe('campaign figures (board and report)', () => {
  it('002: grades counted in the pack order “好”“正常”“较差”, villages and members; drafts count on the board', () => {
    const f = campaignFigures({ campaign: campaign(), pack, dossiers });
    expect(f.villageTeams.teamGrades).toEqual([
      { code: '好', label: '好', count: 1 },
      { code: '正常', label: '正常', count: 1 },
      { code: '较差', label: '较差', count: 1 },
    ]);
    expect(f.villageTeams.memberGrades.map((g) => [g.code, g.count])).toEqual([
      ['好', 2],
      ['正常', 1],
      ['较差', 1],
    ]);
    expect(f.villageTeams.members).toBe(4);
    expect(f.villageTeams.negativeMembers).toBe(1);
    expect(f.subjects).toEqual({ assigned: 3, opened: 3, submitted: 0, approved: 2, counted: 3 });
    expect(f.townshipTeams).toBeNull();
    expect(f.classifications).toEqual({
      counts: [
        { code: '平稳', label: '平稳', count: 1 },
        { code: '调整充实', label: '调整充实', count: 1 },
        { code: '难点', label: '难点', count: 1 },
      ],
      weak: [B],
      backward: [C],
    });
  });

  it('the report counts only approved dossiers for grades and contents, while coverage still shows the draft', () => {
    const f = campaignFigures({ campaign: campaign(), pack, dossiers, approvedOnly: true });
    expect(f.approvedOnly).toBe(true);
    expect(f.subjects).toEqual({ assigned: 3, opened: 3, submitted: 0, approved: 2, counted: 2 });
    expect(f.villageTeams.teamGrades.map((g) => g.count)).toEqual([1, 1, 0]);
    expect(f.classifications.backward).toEqual([]);
    expect(f.talks.byCategory.find((c) => c.code === 'reserve')?.count).toBe(0);
  });

  it('talks by category (matched by id or label) against the pack minimum × subjects assigned', () => {
    const f = campaignFigures({ campaign: campaign(), pack, dossiers });
    expect(f.talks.byCategory).toEqual([
      { code: 'xuandiao', label: '驻村选调生', count: 1, required: 3 },
      { code: 'reserve', label: '后备干部', count: 2, required: 3 },
      { code: 'group-leader', label: '村(居)民小组长', count: 0, required: 6 },
      { code: 'representative', label: '党员群众代表', count: 10, required: 15 },
    ]);
    expect(f.talks).toMatchObject({ total: 13, required: 27 });
    expect(f.meetings).toEqual({ count: 3, participants: 65, byKind: [{ kind: '党员群众代表会议', count: 3, participants: 65 }] });
    expect(f.records).toBe(2);
  });

  it('004 report 1: “参与问卷调查的群众代表比例不少于60%” is a share of respondents (returned), not returned ÷ issued', () => {
    const f = campaignFigures({ campaign: campaign(), pack, dossiers });
    expect(f.questionnaires).toEqual({ issued: 110, returned: 90, representatives: 50, share: 50 / 90 });
    expect(f.questionnaires.share).not.toBe(90 / 110);
    // A: 30 of 40 respondents (75%); B: 20 of 50 (40%) falls short.
    expect(f.representatives).toEqual({ shareMin: 0.6, met: false, belowMin: [B] });
    expect(f.satisfaction).toEqual({ issued: 80, returned: 75, representatives: 0, share: 0 });
    const none = campaignFigures({ campaign: campaign(), pack, dossiers: [] });
    expect(none.questionnaires.share).toBeNull();
    expect(none.representatives.met).toBeNull();
  });

  it('“不少于60%” includes exactly 60%: 21 of 35 respondents meet it, 20 of 35 do not', () => {
    const at = (representatives: number) =>
      campaignFigures({ campaign: campaign(), pack, dossiers: [dossier(A, 'approved', { forms: [{ kind: 'questionnaire', issued: 50, returned: 35, representatives }] })] }).representatives;
    expect(at(21)).toEqual({ shareMin: 0.6, met: true, belowMin: [] });
    expect(at(20)).toEqual({ shareMin: 0.6, met: false, belowMin: [A] });
  });

  it('opinions by category and how many became problems; problems found, accepted and closed (销号)', () => {
    const f = campaignFigures({ campaign: campaign(), pack, dossiers });
    expect(f.opinions).toEqual({
      total: 2,
      becameProblems: 1,
      byCategory: [
        { code: '党建工作', label: '党建工作', count: 1 },
        { code: '集体经济', label: '集体经济', count: 1 },
        { code: '班子建设', label: '班子建设', count: 0 },
      ],
    });
    expect(f.problems).toMatchObject({ found: 3, accepted: 2, closed: 1, open: 1 });
    expect(f.problems.byCategory.map((c) => c.count)).toEqual([1, 1, 1]);
  });

  it('per work group and per township (the 9-digit prefix), and for a scope', () => {
    const f = campaignFigures({ campaign: campaign(), pack, dossiers });
    expect(f.byGroup.map((g) => [g.groupId, g.name, g.subjects.assigned, g.talks.total, g.problems.found])).toEqual([
      ['g1', '第一工作组', 2, 11, 3],
      ['g2', '第二工作组', 1, 2, 0],
    ]);
    expect(f.byTownship.map((t) => [t.code, t.subjects.assigned, t.villageTeams.teamGrades.map((g) => g.count)])).toEqual([
      ['511402101', 2, [1, 1, 0]],
      ['511402102', 1, [0, 0, 1]],
    ]);
    const scoped = campaignFigures({ campaign: campaign(), pack, dossiers, scope: '511402102' });
    expect(scoped.scope).toBe('511402102');
    expect(scoped.subjects.assigned).toBe(1);
    expect(scoped.talks.required).toBe(9);
    expect(scoped.byGroup.map((g) => g.subjects.assigned)).toEqual([0, 1]);
    // A dossier of another campaign never counts.
    expect(campaignFigures({ campaign: campaign({ campaignId: 'other' }), pack, dossiers }).subjects.opened).toBe(0);
  });

  it('001: “对47名乡镇班子成员逐个谈心谈话,对282名村（社区）“两委”干部…” — members and problems counted per subject kind', () => {
    const groups = [{ groupId: 'g1', name: '考察组', leader: { name: '王五', post: '区人大副主任' }, members: [], villages: [A], townships: [T] }];
    const ds = [
      dossier(T, 'approved', {
        members: [member('甲', '优秀'), member('乙', '称职'), member('丙', '称职')],
        team: { grade: '好', reasons: '' },
        talks: [{ category: 'member', count: 3, notes: '' }],
        problems: [
          { problemId: 'p1', category: '班子建设', description: '年轻干部群众工作经验不足', severity: 'general' },
          { problemId: 'p2', category: '班子建设', description: '部分成员创先争优精神不足', severity: 'general' },
        ],
      }),
      dossier(A, 'approved', { members: [member('丁', '不称职'), member('戊', '称职')], team: { grade: '一般', reasons: '' }, problems: [{ problemId: 'p1', category: '党建工作', description: '工作作风不够扎实', severity: 'general' }] }),
    ];
    const f = campaignFigures({ campaign: campaign({ kind: 'lookback', groups }), pack: lookbackPack, dossiers: ds, approvedOnly: true });
    expect(f.townshipTeams).toMatchObject({ assigned: 1, members: 3, negativeMembers: 0, problems: { found: 2 } });
    expect(f.villageTeams).toMatchObject({ assigned: 1, members: 2, negativeMembers: 1, problems: { found: 1 } });
    expect(f.townshipTeams?.memberGrades.map((g) => g.count)).toEqual([1, 2, 0, 0]);
    expect(f.problems.found).toBe(3);
    expect(f.talks.byCategory.find((c) => c.code === 'member')).toEqual({ code: 'member', label: '乡镇班子成员', count: 3, required: 5 });
    // The township team and its villages fall under the same township.
    expect(f.byTownship.map((t) => [t.code, t.subjects.assigned])).toEqual([['511402101', 2]]);
  });
});
