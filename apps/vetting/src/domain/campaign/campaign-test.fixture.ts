import type { CampaignPack, GradeScale, SubjectRules } from './campaign-pack';
import type { CampaignState } from './campaign.state';
import type { DossierSections } from './dossier.events';
import { EMPTY_SECTIONS, type DossierState, type DossierStatus } from './dossier.state';

/** Packs, a campaign and dossiers for the figures, report and letter specs (test only). */
// Seed 002 (届中分析): villages and members graded “好”“正常”“较差”; talks with 驻村选调生、后备干部、村(居)民小组长、党员群众代表.
const scale = (id: string, codes: string[], negative?: string): GradeScale => ({
  id,
  name: id,
  grades: codes.map((code, i) => ({ code, label: code, rank: i + 1, negative: code === negative || undefined })),
});
const village: SubjectRules = {
  teamScale: scale('team', ['好', '正常', '较差']),
  memberScale: scale('member', ['好', '正常', '较差'], '较差'),
  dimensions: [{ id: 'running', label: '班子运行', hint: '' }],
  talkCategories: [
    { id: 'xuandiao', label: '驻村选调生', minimum: 1 },
    { id: 'reserve', label: '后备干部', minimum: 1 },
    { id: 'group-leader', label: '村(居)民小组长', minimum: 2 },
    { id: 'representative', label: '党员群众代表', minimum: 5 },
  ],
  classifications: ['平稳', '调整充实', '难点'],
};
export const pack: CampaignPack = {
  id: 'midterm-test',
  version: 1,
  name: '届中分析（测试）',
  kind: 'midterm',
  methods: [
    { id: 'talk', label: '谈心谈话' },
    { id: 'records', label: '查阅资料' },
  ],
  village,
  problemCategories: ['党建工作', '集体经济', '班子建设'],
  thresholds: { representativeShareMin: 0.6 },
  source: 'test',
};
// Seed 001 (回头看): township leadership teams graded on 五查五看, their problems counted apart.
export const lookbackPack: CampaignPack = {
  ...pack,
  id: 'lookback-test',
  kind: 'lookback',
  village: { ...village, teamScale: scale('team', ['好', '一般', '较差']), memberScale: scale('member', ['优秀', '称职', '基本称职', '不称职'], '不称职') },
  township: {
    teamScale: scale('tteam', ['好', '一般', '较差']),
    memberScale: scale('tmember', ['优秀', '称职', '基本称职', '不称职'], '不称职'),
    dimensions: [{ id: 'zuzhi', label: '组织运转', hint: '' }],
    talkCategories: [{ id: 'member', label: '乡镇班子成员', minimum: 5 }],
    classifications: [],
  },
};

export const A = '511402101201';
export const B = '511402101202';
export const C = '511402102203';
export const T = '511402101';

export function campaign(over: Partial<CampaignState> = {}): CampaignState {
  return {
    campaignId: 'c1',
    kind: 'midterm',
    name: '2026年村（社区）“两委”班子届中分析',
    scope: '511402',
    period: { from: '2026-03-01', to: '2026-04-30' },
    pack: { id: pack.id, version: 1 },
    stages: [],
    methods: ['talk', 'records'],
    previousCampaignId: null,
    groups: [
      { groupId: 'g1', name: '第一工作组', leader: { name: '张三', post: '镇党委副书记' }, members: [], villages: [A, B], townships: [] },
      { groupId: 'g2', name: '第二工作组', leader: { name: '李四', post: '镇纪委书记' }, members: [], villages: [C], townships: [] },
    ],
    closed: false,
    version: 3,
    ...over,
  };
}

export function dossier(code: string, status: DossierStatus, sections: Partial<DossierSections>, over: Partial<DossierState> = {}): DossierState {
  return {
    campaignId: 'c1',
    subject: { kind: code.length === 9 ? 'township' : 'village', code },
    groupId: code === C ? 'g2' : 'g1',
    status,
    sections: { ...EMPTY_SECTIONS, ...sections },
    returnedReason: null,
    approved: status === 'approved' ? { at: '2026-04-20T02:00:00Z', by: 'u' } : null,
    feedback: null,
    commitments: [],
    accepted: [],
    closed: {},
    lastProblemNo: 0,
    version: 5,
    ...over,
  };
}

export const member = (name: string, grade: string) => ({ personId: null, name, post: '委员', grade, reasons: '' });

export const dossiers: DossierState[] = [
  dossier(
    A,
    'approved',
    {
      talks: [
        { category: 'xuandiao', count: 1, notes: '' },
        { category: '党员群众代表', count: 6, notes: '' },
      ],
      meetings: [{ kind: '党员群众代表会议', count: 2, participants: 40 }],
      records: ['三会一课记录', '村务公开栏'],
      forms: [
        { kind: 'questionnaire', issued: 50, returned: 40, representatives: 30 },
        { kind: 'satisfaction', issued: 80, returned: 75, representatives: 0 },
      ],
      opinions: [
        { opinionId: 'o1', category: '集体经济', text: '集体经济收入单一', problemId: 'p1' },
        { opinionId: 'o2', category: '党建工作', text: '建议多开展培训', problemId: null },
      ],
      team: { grade: '好', reasons: '' },
      members: [member('甲', '好'), member('乙', '正常')],
      classification: { classification: '平稳', weak: false, backward: false },
      problems: [
        { problemId: 'p1', category: '集体经济', description: '集体经济收入渠道单一', severity: 'general' },
        { problemId: 'p2', category: '党建工作', description: '党员示范作用发挥不强', severity: 'general' },
      ],
    },
    { accepted: ['p1', 'p2'], closed: { p1: { caseId: 'case-1', closedAt: '2026-06-01T00:00:00Z' } } },
  ),
  dossier(B, 'approved', {
    talks: [{ category: 'representative', count: 4, notes: '' }],
    meetings: [{ kind: '党员群众代表会议', count: 1, participants: 25 }],
    forms: [{ kind: 'questionnaire', issued: 60, returned: 50, representatives: 20 }],
    team: { grade: '正常', reasons: '' },
    members: [member('丙', '较差')],
    classification: { classification: '难点', weak: true, backward: false },
    problems: [{ problemId: 'p1', category: '班子建设', description: '后备干部储备不足', severity: 'major' }],
  }),
  dossier(C, 'draft', {
    talks: [{ category: 'reserve', count: 2, notes: '' }],
    team: { grade: '较差', reasons: '' },
    members: [member('丁', '好')],
    classification: { classification: '调整充实', weak: false, backward: true },
  }),
];

