import type { LocalDate } from '@lw/domain';
import { ANNUAL_PACK, LOOKBACK_PACK, MIDTERM_PACK } from '../campaign/campaign-packs';
import { evolveDossier, type DossierState } from '../campaign/dossier.state';
import type { DossierEvent, MemberGrade } from '../campaign/dossier.events';
import { ALTERNATIVE_PACK, DEFAULT_PACK, type PolicyPack } from '../policy';
import { negativeEvaluations } from './campaign-evaluations';
import { evaluatePerson } from './evaluate-person';
import type { EvaluationFact } from './facts';
import { COMMITTEE_MEMBER, day, facts, verdictOf } from './test-facts.fixture';

// Seed 004 (report 3, 年度集中研判): "对班子整体和班子成员个人…进行民主测评,对整体测评分先进、一般、后进三个等次,
// 对个人测评分优秀、称职、不称职三个等次"; and its 负面清单: "近3年有考核不称职或被评为不合格党员的".
// A 民主测评 不称职 is recorded as such (a dated result of one campaign's dossier), not as a yearly appraisal.

const evaluation = (date: string, over: Partial<EvaluationFact> = {}): EvaluationFact => ({
  date: day(date),
  grade: '不称职',
  campaignId: 'c-2018',
  campaignName: '2018年度村级班子集中研判',
  subjectCode: '320724101201',
  ...over,
});

const incompetent = (pack: PolicyPack, f: ReturnType<typeof facts>) => verdictOf(evaluatePerson(pack, f, COMMITTEE_MEMBER), 'negative.incompetent');

describe('negative list: 民主测评 grades of approved campaign dossiers', () => {
  it.each([DEFAULT_PACK, ALTERNATIVE_PACK].map((p) => [p.id, p] as const))('%s pack: blocks a nominee with a 民主测评 不称职 in the last 3 years, worded as a 民主测评', (_id, pack) => {
    const v = incompetent(pack, facts({ evaluations: [evaluation('2019-11-20')] }));
    expect(v).toMatchObject({ kind: 'block', personId: 'p1', evidence: { lookBack: { years: 3 }, appraisals: [], evaluations: [evaluation('2019-11-20')] } });
    expect(v?.message).toBe('张三：近 3 年有考核不称职或被评为不合格党员（民主测评不称职（2019-11-20 2018年度村级班子集中研判）；追溯期3 年）');
    expect(v?.message).not.toContain('年度考核');
  });

  it('counts it inside the window measured from the cut-off like a dated record: 2017-12-31 in, 2017-12-30 out, later ones in', () => {
    const kind = (date: string) => incompetent(DEFAULT_PACK, facts({ evaluations: [evaluation(date)] }))?.kind;
    expect(kind('2017-12-31')).toBe('block');
    expect(kind('2017-12-30')).toBe('pass');
    // Approved while the election runs (after the 2020-12-31 cut-off).
    expect(kind('2021-01-05')).toBe('block');
  });

  it('still reads a 不称职 yearly appraisal as 年度考核, with no 民主测评 in its evidence', () => {
    const v = incompetent(DEFAULT_PACK, facts({ appraisals: [{ year: 2019, grade: '不称职' }] }));
    expect(v).toMatchObject({ kind: 'block', evidence: { appraisals: [{ year: 2019, grade: '不称职' }], evaluations: [] } });
    expect(v?.message).toBe('张三：近 3 年有考核不称职或被评为不合格党员（2019 年度考核不称职；追溯期3 年）');
  });

  it('names both when a person has both', () => {
    const v = incompetent(DEFAULT_PACK, facts({ appraisals: [{ year: 2020, grade: '不称职' }], evaluations: [evaluation('2019-11-20')] }));
    expect(v?.message).toContain('2020 年度考核不称职，民主测评不称职（2019-11-20 2018年度村级班子集中研判）');
  });

  it('ignores 民主测评 grades under a pack whose items do not list evaluation_incompetent', () => {
    const pack: PolicyPack = { ...DEFAULT_PACK, negativeList: DEFAULT_PACK.negativeList.map((i) => ({ ...i, recordKinds: i.recordKinds.filter((k) => k !== 'evaluation_incompetent') })) };
    const v = incompetent(pack, facts({ evaluations: [evaluation('2019-11-20')] }));
    expect(v?.kind).toBe('pass');
    expect(v?.evidence).not.toHaveProperty('evaluations');
  });
});

describe('negativeEvaluations: what an approved dossier puts on the negative list', () => {
  const APPROVED_ON: LocalDate = day('2025-11-28');
  const member = (personId: string | null, grade: string, name = '李四'): MemberGrade => ({ personId, name, post: '村委会委员', grade, reasons: '' });
  /** Folded from the dossier's events, so the fixture follows DossierState as it grows. */
  const dossier = (o: { members: MemberGrade[]; subject?: DossierState['subject']; status?: 'draft' | 'submitted' | 'approved' }): DossierState => {
    const at = '2025-11-28T02:00:00.000Z';
    const events: DossierEvent[] = [
      { type: 'DossierOpened', data: { campaignId: 'c-2025', subject: o.subject ?? { kind: 'village', code: '320724101201' }, groupId: 'g1', at, by: 'u1' } },
      { type: 'DossierSectionSaved', data: { section: 'members', content: o.members, at, by: 'u1' } },
      ...(o.status === 'draft' ? [] : [{ type: 'DossierSubmitted' as const, data: { at, by: 'u1' } }]),
      ...(o.status === 'draft' || o.status === 'submitted' ? [] : [{ type: 'DossierApproved' as const, data: { at, by: 'u2', comment: '' } }]),
    ];
    return events.reduce<DossierState | null>(evolveDossier, null)!;
  };

  it('takes the members on the roster whose grade the pack marks negative (不称职), once each', () => {
    const d = dossier({ members: [member('p1', '不称职'), member('p2', '基本称职'), member(null, '不称职', '王五'), member('p1', '不称职')] });
    expect(negativeEvaluations(d, LOOKBACK_PACK, '2025年换届“回头看”', APPROVED_ON)).toEqual([
      { personId: 'p1', fact: { date: APPROVED_ON, grade: '不称职', campaignId: 'c-2025', campaignName: '2025年换届“回头看”', subjectCode: '320724101201' } },
    ]);
  });

  it('counts nothing before approval', () => {
    expect(negativeEvaluations(dossier({ status: 'submitted', members: [member('p1', '不称职')] }), LOOKBACK_PACK, 'x', APPROVED_ON)).toEqual([]);
    expect(negativeEvaluations(dossier({ status: 'draft', members: [member('p1', '不称职')] }), LOOKBACK_PACK, 'x', APPROVED_ON)).toEqual([]);
  });

  it("reads a township team's members on the pack's township scale", () => {
    const d = dossier({ subject: { kind: 'township', code: '320724101' }, members: [member('p3', '不称职')] });
    expect(negativeEvaluations(d, LOOKBACK_PACK, 'x', APPROVED_ON).map((e) => e.fact.subjectCode)).toEqual(['320724101']);
    expect(negativeEvaluations(d, MIDTERM_PACK, 'x', APPROVED_ON)).toEqual([]);
  });

  it('follows the pack: 年度研判 不称职 counts; 届中分析 较差 does not (seed 002 ties no grade to the negative list)', () => {
    expect(negativeEvaluations(dossier({ members: [member('p1', '不称职')] }), ANNUAL_PACK, 'x', APPROVED_ON)).toHaveLength(1);
    expect(negativeEvaluations(dossier({ members: [member('p1', '较差')] }), MIDTERM_PACK, 'x', APPROVED_ON)).toEqual([]);
  });
});
