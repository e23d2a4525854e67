import { DomainConflictError, DomainNotFoundError, DomainValidationError } from '@lw/domain';
import { ANNUAL_PACK, LOOKBACK_PACK, MIDTERM_PACK } from './campaign-packs';
import type { CampaignPack } from './campaign-pack';
import type { CampaignState } from './campaign.state';
import {
  acceptProblems,
  approveDossier,
  closeProblem,
  issueFeedback,
  recordCommitments,
  representativeShare,
  representativeShareMeets,
  returnDossier,
  saveSection,
  submitDossier,
  type DossierContext,
} from './dossier.decisions';
import type { Commitment, DossierEvent, DossierSection } from './dossier.events';
import { evolveDossier, type DossierState } from './dossier.state';

const NOW = new Date('2026-04-10T02:00:00Z'); // 2026-04-10 in Shanghai
const VILLAGE = { kind: 'village' as const, code: '320724100201' };

const campaign = (o: Partial<CampaignState> = {}): CampaignState => ({
  campaignId: 'c1',
  kind: 'midterm',
  name: '2026年届中分析',
  scope: '320724100',
  period: { from: '2026-03-01', to: '2026-05-31' },
  pack: { id: 'midterm-default', version: 1 },
  stages: [],
  methods: ['heart_talk'],
  previousCampaignId: null,
  groups: [{ groupId: 'g1', name: '第一工作组', leader: { name: '李建国', post: '党委副书记' }, members: [], villages: ['320724100201'], townships: [] }],
  closed: false,
  version: 2,
  ...o,
});

const ctx = (o: Partial<DossierContext> = {}): DossierContext => ({ now: NOW, by: 'u-group', pack: MIDTERM_PACK, campaign: campaign(), ...o });

const fold = (events: DossierEvent[], s: DossierState | null = null): DossierState => events.reduce<DossierState | null>(evolveDossier, s)!;

function save(s: DossierState | null, section: DossierSection, content: unknown, c = ctx()): DossierState {
  return fold(saveSection(s, VILLAGE, section, content, c), s);
}

function refusal(fn: () => unknown): { type: unknown; zh: string } {
  try {
    fn();
  } catch (e) {
    return { type: (e as object).constructor, zh: (e as DomainValidationError).messageZh };
  }
  throw new Error('expected a refusal');
}

/** A village filled as seed 002's work groups do, ready to submit. */
function filled(): DossierState {
  let s = save(null, 'talks', [{ category: 'team_members', count: 5 }, { category: 'representatives', count: 30 }]);
  s = save(s, 'forms', [{ kind: 'questionnaire', issued: 34, returned: 34, representatives: 21 }]);
  s = save(s, 'team', { grade: '好', reasons: '班子整体运行情况良好' });
  s = save(s, 'classification', { classification: '平稳', weak: false, backward: false });
  s = save(s, 'problems', [
    { category: '集体经济', description: '集体经济收入渠道单一', severity: 'general' },
    { category: '后备干部', description: '后备干部培养力度不够，无成熟人选储备', severity: 'major' },
  ]);
  return s;
}

const approved = () => {
  const s = filled();
  const submitted = fold(submitDossier(s, ctx()), s);
  return fold(approveDossier(submitted, '同意', ctx({ by: 'u-committee' })), submitted);
};

const commitment = (o: Partial<Commitment> = {}): Commitment => ({ problemId: 'p1', measures: '发展集体茶园，拓展收入来源', responsible: { name: '张明华', post: '党支部书记' }, deadline: '2026-06-30', ...o });

describe('saveSection', () => {
  it('opens the dossier on the first save, in the subject’s work group, attributed', () => {
    const events = saveSection(null, VILLAGE, 'running', '班子团结', ctx());
    expect(events).toMatchObject([
      { type: 'DossierOpened', data: { campaignId: 'c1', subject: VILLAGE, groupId: 'g1', by: 'u-group', at: NOW.toISOString() } },
      { type: 'DossierSectionSaved', data: { section: 'running', content: '班子团结', by: 'u-group' } },
    ]);
  });

  it('writes nothing when the same content is saved again (autosave retried)', () => {
    const s = save(null, 'talks', [{ category: 'representatives', count: 3, notes: '' }]);
    expect(saveSection(s, VILLAGE, 'talks', [{ category: 'representatives', count: 3 }], ctx())).toEqual([]);
    const p = filled();
    expect(saveSection(p, VILLAGE, 'problems', p.sections.problems.map(({ problemId: _id, ...rest }) => rest), ctx())).toEqual([]);
  });

  it('writes nothing for content whose keys come back from jsonb in another order', () => {
    const s = save(null, 'talks', [{ category: 'representatives', count: 3, notes: '' }]);
    const reloaded = { ...s, sections: { ...s.sections, talks: [{ notes: '', count: 3, category: 'representatives' }] } };
    expect(saveSection(reloaded, VILLAGE, 'talks', [{ category: 'representatives', count: 3, notes: '' }], ctx())).toEqual([]);
  });

  it('never gives a deleted problem’s id to a new problem', () => {
    const p = filled(); // p1, p2
    const withoutP2 = save(p, 'problems', [p.sections.problems[0]]);
    const next = save(withoutP2, 'problems', [p.sections.problems[0], { category: '集体经济', description: '闲置资产盘活不够', severity: 'general' }]);
    expect(next.sections.problems.map((x) => x.problemId)).toEqual(['p1', 'p3']);
  });

  it('answers a village outside the campaign’s groups as missing (404) and writes nothing', () => {
    const r = refusal(() => saveSection(null, { kind: 'village', code: '320724100299' }, 'running', 'x', ctx()));
    expect(r).toEqual({ type: DomainNotFoundError, zh: '320724100299 不在检查“2026年届中分析”任何工作组的范围内' });
  });

  it('refuses a grade outside the pack’s scale (422) before opening anything', () => {
    expect(refusal(() => saveSection(null, VILLAGE, 'team', { grade: '优秀', reasons: '' }, ctx()))).toEqual({
      type: DomainValidationError,
      zh: '班子评价：班子评价等次“优秀”应为好、正常、较差之一',
    });
  });

  it('refuses edits once submitted or approved (409: 档案已提交审核/已审定，不能修改) and in a closed campaign', () => {
    const s = filled();
    const submitted = fold(submitDossier(s, ctx()), s);
    expect(refusal(() => saveSection(submitted, VILLAGE, 'running', 'x', ctx()))).toEqual({ type: DomainConflictError, zh: '档案已提交审核，不能修改' });
    expect(refusal(() => saveSection(approved(), VILLAGE, 'running', 'x', ctx()))).toEqual({ type: DomainConflictError, zh: '档案已审定，不能修改' });
    expect(refusal(() => saveSection(s, VILLAGE, 'running', 'x', ctx({ campaign: campaign({ closed: true }) }))).type).toBe(DomainConflictError);
  });

  it('keeps a township team’s file apart (seed 001), when the pack inspects township teams', () => {
    const lookback = campaign({ kind: 'lookback', scope: '320724', pack: { id: 'lookback-default', version: 1 }, groups: [{ ...campaign().groups[0], townships: ['320724100'] }] });
    const c = ctx({ pack: LOOKBACK_PACK, campaign: lookback });
    const s = fold(saveSection(null, { kind: 'township', code: '320724100' }, 'team', { grade: '好', reasons: '' }, c));
    expect(s.subject).toEqual({ kind: 'township', code: '320724100' });
    // A township team needs no village classification to be submitted.
    expect(submitDossier(s, c)).toMatchObject([{ type: 'DossierSubmitted' }]);
  });
});

describe('review: submit, return, approve (attributed)', () => {
  it('asks for the team grade and, for a village, its classification before submitting', () => {
    const s = save(null, 'running', 'x');
    expect(refusal(() => submitDossier(s, ctx()))).toEqual({ type: DomainValidationError, zh: '提交前请填写班子评价等次和村分类' });
  });

  it('returns with a reason, lets the group fix and resubmit, then approves with who and when', () => {
    const s = filled();
    let d = fold(submitDossier(s, ctx()), s);
    expect(refusal(() => returnDossier(d, '  ', ctx())).zh).toBe('请填写退回理由');
    d = fold(returnDossier(d, '问卷份数与会议记录不符', ctx({ by: 'u-committee' })), d);
    expect(d).toMatchObject({ status: 'draft', returnedReason: '问卷份数与会议记录不符' });
    d = save(d, 'forms', [{ kind: 'questionnaire', issued: 34, returned: 33, representatives: 21 }]);
    d = fold(submitDossier(d, ctx()), d);
    const events = approveDossier(d, ' 同意 ', ctx({ by: 'u-committee' }));
    expect(events).toEqual([{ type: 'DossierApproved', data: { at: NOW.toISOString(), by: 'u-committee', comment: '同意' } }]);
    d = fold(events, d);
    expect(d.approved).toEqual({ at: NOW.toISOString(), by: 'u-committee' });
    expect(refusal(() => approveDossier(d, '', ctx())).zh).toBe('档案已审定，不能审定');
  });

  it('approves or returns only a submitted dossier', () => {
    expect(refusal(() => approveDossier(filled(), '', ctx()))).toEqual({ type: DomainConflictError, zh: '档案尚在填写，不能审定' });
    expect(refusal(() => returnDossier(filled(), '理由', ctx())).type).toBe(DomainConflictError);
  });
});

describe('feedback, commitments (整改承诺书) and acceptance', () => {
  it('issues the feedback letter of an approved dossier once', () => {
    const a = approved();
    const withLetter = fold(issueFeedback(a, '镇组反〔2026〕3号', ctx()), a);
    expect(withLetter.feedback).toEqual({ letterNo: '镇组反〔2026〕3号', at: NOW.toISOString() });
    expect(issueFeedback(withLetter, '镇组反〔2026〕3号', ctx())).toEqual([]);
    expect(refusal(() => issueFeedback(withLetter, '镇组反〔2026〕4号', ctx())).type).toBe(DomainConflictError);
    expect(refusal(() => issueFeedback(filled(), 'x', ctx())).type).toBe(DomainConflictError);
  });

  it('records 004 report 3’s "整改措施、责任人及完成时限" per problem, refusing a past deadline and unknown problems', () => {
    const a = approved();
    const ok = recordCommitments(a, [commitment(), commitment({ problemId: 'p2', deadline: '2026-04-10' })], ctx());
    expect(ok).toMatchObject([{ type: 'CommitmentsRecorded', data: { commitments: [{ problemId: 'p1' }, { problemId: 'p2', deadline: '2026-04-10' }], by: 'u-group' } }]);
    expect(recordCommitments(fold(ok, a), [commitment()], ctx())).toEqual([]);
    const zh = refusal(() => recordCommitments(a, [commitment({ deadline: '2026-04-09', measures: ' ', responsible: { name: '', post: '村主任' } }), commitment({ problemId: 'p9' })], ctx())).zh;
    expect(zh).toContain('第 1 条承诺（问题 p1）：请填写整改措施');
    expect(zh).toContain('第 1 条承诺（问题 p1）：请填写责任人姓名');
    expect(zh).toContain('第 1 条承诺（问题 p1）：完成时限 2026-04-09 早于今天（2026-04-10）');
    expect(zh).toContain('第 2 条承诺（问题 p9）：本档案没有该问题');
  });

  it('accepts problems that have a commitment, once; a committed problem can no longer change its commitment', () => {
    let a = approved();
    a = fold(recordCommitments(a, [commitment()], ctx()), a);
    expect(refusal(() => acceptProblems(a, ['p1', 'p2'], ctx()))).toEqual({ type: DomainValidationError, zh: '问题 p2 尚无整改承诺' });
    const events = acceptProblems(a, ['p1'], ctx({ by: 'u-committee' }));
    expect(events).toEqual([{ type: 'ProblemsAccepted', data: { problemIds: ['p1'], at: NOW.toISOString(), by: 'u-committee' } }]);
    a = fold(events, a);
    expect(refusal(() => acceptProblems(a, ['p1'], ctx()))).toEqual({ type: DomainConflictError, zh: '问题 p1 已纳入整改' });
    expect(refusal(() => recordCommitments(a, [commitment({ measures: '改' })], ctx())).zh).toContain('该问题已纳入整改，承诺不能再改');
  });

  it('closes an accepted problem when grievance closes its case (销号), once', () => {
    let a = approved();
    a = fold([...recordCommitments(a, [commitment()], ctx())], a);
    a = fold(acceptProblems(a, ['p1'], ctx()), a);
    const closed = { problemId: 'p1', caseId: 'case-7', closedAt: '2026-06-20T08:00:00.000Z' };
    a = fold(closeProblem(a, closed), a);
    expect(a.closed).toEqual({ p1: { caseId: 'case-7', closedAt: '2026-06-20T08:00:00.000Z' } });
    expect(closeProblem(a, closed)).toEqual([]);
    expect(refusal(() => closeProblem(a, { ...closed, problemId: 'p2' })).type).toBe(DomainConflictError);
  });
});

describe('representativeShare (seed 004 report 1: "参与问卷调查的群众代表比例不少于60%")', () => {
  const pack: CampaignPack = ANNUAL_PACK;

  it('is the share of 群众代表 among respondents, not returned ÷ issued', () => {
    // "各村(社区)组织50人现场填写了…调查问卷": 50 answered; 30 of them 群众代表 is exactly 60 %.
    const forms = [{ kind: 'questionnaire' as const, issued: 80, returned: 50, representatives: 30 }];
    expect(representativeShare(forms)).toBe(0.6);
    expect(representativeShareMeets(forms, pack)).toBe(true);
    // 50 of 80 returned is 62.5 % — the old reading would pass this one with only 29 representatives.
    expect(representativeShareMeets([{ ...forms[0], representatives: 29 }], pack)).toBe(false);
  });

  it('sums over many villages’ questionnaires, ignores satisfaction forms, and is null when nobody answered', () => {
    expect(
      representativeShare([
        { kind: 'questionnaire', issued: 50, returned: 50, representatives: 35 },
        { kind: 'questionnaire', issued: 50, returned: 50, representatives: 25 },
        { kind: 'satisfaction', issued: 460, returned: 460, representatives: 0 },
      ]),
    ).toBe(0.6);
    expect(representativeShare([{ kind: 'questionnaire', issued: 10, returned: 0, representatives: 0 }])).toBeNull();
    expect(representativeShareMeets([], pack)).toBeNull();
  });

  it('takes the minimum from the pack (data)', () => {
    const strict = { ...LOOKBACK_PACK, thresholds: { representativeShareMin: 0.7 } };
    expect(representativeShareMeets([{ kind: 'questionnaire', issued: 10, returned: 10, representatives: 6 }], strict)).toBe(false);
    expect(representativeShareMeets([{ kind: 'questionnaire', issued: 10, returned: 10, representatives: 7 }], strict)).toBe(true);
  });
});
