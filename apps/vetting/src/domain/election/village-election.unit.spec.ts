import { bundledChineseDaysData, DomainConflictError, WorkingCalendar } from '@lw/domain';
import type { ReviewVerdict } from './review-verdict';
import { noticePeriodFor } from './notice-period';
import * as e from './village-election.decisions';
import type { VillageElectionEvent } from './village-election.events';
import { evolveVillageElection, type VillageElectionState } from './village-election.state';

const calendar = new WorkingCalendar(bundledChineseDaysData());
const at = (iso: string) => ({ now: new Date(`${iso}+08:00`), calendar });
const apply = (s: VillageElectionState | null, events: VillageElectionEvent[]) => events.reduce<VillageElectionState | null>((x, ev) => evolveVillageElection(x, ev), s)!;
const PASS: ReviewVerdict[] = [{ ruleId: 'age', kind: 'pass', message: '年龄符合' }];
const BLOCK: ReviewVerdict[] = [{ ruleId: 'negative.criminal', kind: 'block', message: '受过刑事处罚' }];
const NOTICE_DAYS = noticePeriodFor({ notice: { secretary: { amount: 5, unit: 'working_days' }, member: { amount: 3, unit: 'working_days' }, appointmentFiling: { amount: 5, unit: 'working_days' } } });
const DEPTS = ['公安', '法院', '检察院'];

/** The Chinese message a decision refuses with. */
function zh(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as { messageZh: string }).messageZh;
  }
  throw new Error('expected a refusal');
}

/** The slate reviewed and allowed, as the township does before the notice. */
function slateOk(s: VillageElectionState, iso: string): VillageElectionState {
  return apply(s, e.recordSlateReview(s, PASS, at(iso)));
}

function opened(): VillageElectionState {
  let s = apply(null, e.openVillageElection('el-1', '320724100001', { party: 3, committee: 3, supervision: 3 }, { id: 'default', version: 1 }, at('2026-09-01T09:00:00')));
  s = apply(s, e.listNominee(s, { nomineeId: 'n1', personId: 'p1', name: '张书记', post: '书记', body: 'party' }, at('2026-09-01T10:00:00')));
  s = apply(s, e.listNominee(s, { nomineeId: 'n2', personId: 'p2', name: '李委员', post: '委员', body: 'party' }, at('2026-09-01T10:00:00')));
  return s;
}

describe('village election: notice periods on the official calendar', () => {
  function noticeFrom(day: string, post: string) {
    let s = opened();
    for (const id of ['n1', 'n2']) {
      s = apply(s, e.recordFirstReview(s, id, PASS, at(`${day}T08:00:00`)));
      s = apply(s, e.requestJointReview(s, id, ['公安'], { amount: 3, unit: 'working_days' }, at(`${day}T08:00:00`)));
      s = apply(s, e.answerJointReview(s, id, '公安', 'pass', null, at(`${day}T08:30:00`)));
    }
    if (post !== '书记') s = { ...s, nominees: new Map([...s.nominees].map(([k, n]) => [k, { ...n, post: '委员' }])) };
    s = slateOk(s, `${day}T08:45:00`);
    return apply(s, e.startNotice(s, 'no-1', NOTICE_DAYS, at(`${day}T09:00:00`))).notice!;
  }

  it('runs a 5-working-day notice published 2026-09-29 to the end of 2026-10-12 (9-30, 10-8, 10-9, make-up Saturday 10-10, 10-12)', () => {
    const n = noticeFrom('2026-09-29', '书记');
    expect(n.endsOn).toBe('2026-10-12');
    expect(n.endsAt).toBe('2026-10-12T16:00:00.000Z');
  });

  it('ends a 3-working-day notice published 2026-02-13 on 2026-02-25 (2-14 a make-up working day, 2-15…2-23 the holiday)', () => {
    expect(noticeFrom('2026-02-13', '委员').endsOn).toBe('2026-02-25');
  });
});

describe('village election: a slate end to end', () => {
  it('nomination → first review → joint review (one department late, then answering) → notice → objection blocks → unsubstantiated → confirmation → result → hand-over', () => {
    let s = opened();
    s = apply(s, e.recordFirstReview(s, 'n1', PASS, at('2026-09-02T09:00:00')));
    s = apply(s, e.recordFirstReview(s, 'n2', BLOCK, at('2026-09-02T09:00:00')));
    expect(s.nominees.get('n2')!.status).toBe('first_review_failed');
    expect(() => e.requestJointReview(s, 'n2', DEPTS, { amount: 5, unit: 'working_days' }, at('2026-09-03T09:00:00'))).toThrow(DomainConflictError);

    s = apply(s, e.requestJointReview(s, 'n1', DEPTS, { amount: 5, unit: 'working_days' }, at('2026-09-03T09:00:00')));
    expect(s.nominees.get('n1')!.jointReviewDue!.dueOn).toBe('2026-09-10');
    s = apply(s, e.answerJointReview(s, 'n1', '公安', 'pass', null, at('2026-09-04T09:00:00')));
    s = apply(s, e.answerJointReview(s, 'n1', '法院', 'pass', null, at('2026-09-05T09:00:00')));
    expect(e.chaseJointReview(s, 'n1', at('2026-09-10T20:00:00'))).toEqual([]); // not yet overdue
    const chased = e.chaseJointReview(s, 'n1', at('2026-09-11T09:00:00'));
    expect(chased).toEqual([expect.objectContaining({ type: 'JointReviewChased', data: expect.objectContaining({ departments: ['检察院'] }) })]);
    s = apply(s, chased);
    expect(s.nominees.get('n1')!.jointReviewOverdue).toEqual(['检察院']);
    expect(() => e.startNotice(s, 'no-1', NOTICE_DAYS, at('2026-09-11T10:00:00'))).toThrow(DomainConflictError); // no subject yet
    s = apply(s, e.answerJointReview(s, 'n1', '检察院', 'pass', null, at('2026-09-14T09:00:00')));
    expect(s.nominees.get('n1')!.status).toBe('inspection_subject');

    expect(zh(() => e.startNotice(s, 'no-1', NOTICE_DAYS, at('2026-09-15T09:00:00')))).toContain('重新审查班子结构');
    s = slateOk(s, '2026-09-15T08:00:00');
    s = apply(s, e.startNotice(s, 'no-1', NOTICE_DAYS, at('2026-09-15T09:00:00')));
    // 5 working days after Tue 9-15: 16, 17, 18, the make-up Sunday 9-20, and 9-21.
    expect(s.notice).toMatchObject({ nomineeIds: ['n1'], endsOn: '2026-09-21' });
    s = apply(s, e.raiseObjection(s, 'no-1', 'tip-9', 'n1', at('2026-09-16T09:00:00')));
    expect(e.endNotice(s, at('2026-09-21T23:59:00'))).toEqual([]);
    s = apply(s, e.endNotice(s, at('2026-09-22T00:30:00')));
    expect(s.notice!.ended).toBe(true);
    expect(zh(() => e.confirmCandidates(s, PASS, at('2026-09-23T09:00:00')))).toContain('异议尚未办结');
    s = apply(s, e.concludeObjection(s, 'tip-9', 'unsubstantiated', at('2026-09-24T09:00:00')));
    expect(s.nominees.get('n1')!.status).toBe('on_notice');
    expect(zh(() => e.confirmCandidates(s, BLOCK, at('2026-09-24T10:00:00')))).toContain('受过刑事处罚');
    s = apply(s, e.confirmCandidates(s, PASS, at('2026-09-24T10:00:00')));
    expect(s.nominees.get('n1')!.status).toBe('confirmed');

    expect(zh(() => e.recordResult(s, ['n1'], { amount: 10, unit: 'calendar_days' }, at('2026-09-25T09:00:00')))).toContain('离任经济责任审计');
    s = apply(s, e.changeGate(s, true, [], at('2026-09-25T08:00:00')));
    s = apply(s, e.recordResult(s, ['n1'], { amount: 10, unit: 'calendar_days' }, at('2026-09-25T09:00:00')));
    expect(s.nominees.get('n1')!.status).toBe('elected');
    // 10 日 from Fri 9-25: 10-5 falls in the National Day holiday, so the hand-over is due on 10-8.
    expect(s.handOverDue!.dueOn).toBe('2026-10-08');
    expect(zh(() => e.handOver(s, at('2026-09-26T09:00:00')))).toContain('不能办理交接');
    // 任职备案 after its own 5-working-day notice: Mon 9-28 → 9-29, 9-30, (holiday 10-1…10-7), 10-8, 10-9, 10-10 (make-up Saturday).
    s = apply(s, e.startFilingNotice(s, { amount: 5, unit: 'working_days' }, at('2026-09-28T09:00:00')));
    expect(s.filingNotice!.endsOn).toBe('2026-10-10');
    expect(zh(() => e.fileAppointment(s, at('2026-10-10T18:00:00')))).toContain('2026-10-10');
    s = apply(s, e.fileAppointment(s, at('2026-10-11T09:00:00')));
    expect(e.electedMembers(s)).toEqual([{ personId: 'p1', body: 'party', post: '书记' }]);
    s = apply(s, e.handOver(s, at('2026-10-12T09:00:00')));
    expect(s.stage).toBe('handed_over');
  });

  it('disqualifies a nominee under notice when the objection against them is substantiated, with the tip as evidence', () => {
    let s = opened();
    s = apply(s, e.recordFirstReview(s, 'n1', PASS, at('2026-09-02T09:00:00')));
    s = apply(s, e.requestJointReview(s, 'n1', ['公安'], { amount: 5, unit: 'working_days' }, at('2026-09-03T09:00:00')));
    s = apply(s, e.answerJointReview(s, 'n1', '公安', 'pass', null, at('2026-09-04T09:00:00')));
    s = slateOk(s, '2026-09-15T08:00:00');
    s = apply(s, e.startNotice(s, 'no-1', NOTICE_DAYS, at('2026-09-15T09:00:00')));
    s = apply(s, e.raiseObjection(s, 'no-1', 'tip-1', 'n1', at('2026-09-16T09:00:00')));
    const concluded = e.concludeObjection(s, 'tip-1', 'substantiated', at('2026-09-18T09:00:00'));
    expect(concluded[1]).toMatchObject({ type: 'NomineeDisqualified', data: { nomineeId: 'n1', evidence: { tipId: 'tip-1' } } });
    s = apply(s, concluded);
    expect(s.nominees.get('n1')!.status).toBe('disqualified');
  });

  it('lifts an objection the office declines (not accepted or transferred) without disqualifying anyone', () => {
    let s = opened();
    s = apply(s, e.recordFirstReview(s, 'n1', PASS, at('2026-09-02T09:00:00')));
    s = apply(s, e.requestJointReview(s, 'n1', ['公安'], { amount: 5, unit: 'working_days' }, at('2026-09-03T09:00:00')));
    s = apply(s, e.answerJointReview(s, 'n1', '公安', 'pass', null, at('2026-09-04T09:00:00')));
    s = slateOk(s, '2026-09-15T08:00:00');
    s = apply(s, e.startNotice(s, 'no-1', NOTICE_DAYS, at('2026-09-15T09:00:00')));
    s = apply(s, e.raiseObjection(s, 'no-1', 'tip-1', 'n1', at('2026-09-16T09:00:00')));
    s = apply(s, e.raiseObjection(s, 'no-1', 'tip-2', 'n1', at('2026-09-16T10:00:00')));
    s = apply(s, e.endNotice(s, at('2026-09-22T00:30:00')));
    s = apply(s, e.dropObjection(s, 'tip-1', 'not_accepted', at('2026-09-17T09:00:00')));
    expect(zh(() => e.confirmCandidates(s, PASS, at('2026-09-23T09:00:00')))).toContain('1 件异议尚未办结');
    const dropped = e.dropObjection(s, 'tip-2', 'transferred', at('2026-09-18T09:00:00'));
    expect(dropped).toEqual([expect.objectContaining({ type: 'ObjectionConcluded', data: expect.objectContaining({ tipId: 'tip-2', finding: 'transferred' }) })]);
    s = apply(s, dropped);
    expect(e.dropObjection(s, 'tip-2', 'transferred', at('2026-09-18T09:00:00'))).toEqual([]);
    expect(s.nominees.get('n1')!.status).toBe('on_notice');
    s = apply(s, e.confirmCandidates(s, PASS, at('2026-09-23T09:00:00')));
    expect(s.nominees.get('n1')!.status).toBe('confirmed');
  });

  it('disqualifies a nominee already in joint review when a re-evaluation now blocks (a new disciplinary record)', () => {
    let s = opened();
    s = apply(s, e.recordFirstReview(s, 'n1', PASS, at('2026-09-02T09:00:00')));
    s = apply(s, e.requestJointReview(s, 'n1', DEPTS, { amount: 5, unit: 'working_days' }, at('2026-09-03T09:00:00')));
    const again = e.recordFirstReview(s, 'n1', BLOCK, at('2026-09-04T09:00:00'));
    expect(again.map((x) => x.type)).toEqual(['FirstReviewRecorded', 'NomineeDisqualified']);
    expect(apply(s, again).nominees.get('n1')!.status).toBe('disqualified');
  });

  it('refuses a duplicate answer, a fail without reason and an unknown department', () => {
    let s = opened();
    s = apply(s, e.recordFirstReview(s, 'n1', PASS, at('2026-09-02T09:00:00')));
    s = apply(s, e.requestJointReview(s, 'n1', ['公安'], { amount: 5, unit: 'working_days' }, at('2026-09-03T09:00:00')));
    expect(zh(() => e.answerJointReview(s, 'n1', '公安', 'fail', '  ', at('2026-09-04T09:00:00')))).toContain('理由');
    expect(zh(() => e.answerJointReview(s, 'n1', '税务', 'pass', null, at('2026-09-04T09:00:00')))).toContain('不在');
    s = apply(s, e.answerJointReview(s, 'n1', '公安', 'fail', '有在逃记录', at('2026-09-04T09:00:00')));
    expect(s.nominees.get('n1')!.status).toBe('joint_review_failed');
    expect(() => e.answerJointReview(s, 'n1', '公安', 'pass', null, at('2026-09-05T09:00:00'))).toThrow(DomainConflictError);
  });
});

describe('village election: approvals and the slate', () => {
  const approval = { ruleId: 'secretary.continuing_age', personId: 'p1', approvedBy: 'org-1', reason: '县委组织部研究同意', at: '2026-09-02T01:00:00Z' };

  it('records an approval once, and refuses a second one for the same rule and person', () => {
    let s = opened();
    s = apply(s, e.recordApproval(s, approval, 'n1', at('2026-09-02T09:00:00')));
    expect(s.approvals).toEqual([approval]);
    expect(zh(() => e.recordApproval(s, { ...approval, reason: '再次批准' }, 'n1', at('2026-09-02T10:00:00')))).toContain('已于 2026-09-02 由 org-1 批准');
  });

  it('refuses an approval without a reason, for an unknown nominee, or after the result', () => {
    const s = opened();
    expect(zh(() => e.recordApproval(s, { ...approval, reason: '  ' }, 'n1', at('2026-09-02T09:00:00')))).toContain('理由');
    expect(zh(() => e.recordApproval(s, approval, 'n9', at('2026-09-02T09:00:00')))).toContain('不在本村提名名单');
    expect(() => e.recordApproval({ ...s, stage: 'result' }, approval, 'n1', at('2026-09-02T09:00:00'))).toThrow(DomainConflictError);
  });

  it('asks for a new slate review when a nominee is listed, fails first review or is disqualified', () => {
    let s = slateOk(opened(), '2026-09-02T08:00:00');
    expect(s.slateStale).toBe(false);
    s = apply(s, e.recordFirstReview(s, 'n1', PASS, at('2026-09-02T09:00:00')));
    expect(s.slateStale).toBe(true); // listed → passed changes who is in the running
    s = slateOk(s, '2026-09-02T09:30:00');
    s = apply(s, e.recordFirstReview(s, 'n1', PASS, at('2026-09-02T10:00:00')));
    expect(s.slateStale).toBe(false); // the same result again changes nothing
    s = apply(s, e.recordFirstReview(s, 'n1', BLOCK, at('2026-09-02T11:00:00')));
    expect(s.slateStale).toBe(true);
    expect(e.nomineesInRunning(s).map((n) => n.nomineeId)).toEqual(['n2']);
  });

  it('refuses a notice while the slate review blocks, naming why', () => {
    let s = opened();
    s = apply(s, e.recordFirstReview(s, 'n1', PASS, at('2026-09-02T09:00:00')));
    s = apply(s, e.requestJointReview(s, 'n1', ['公安'], { amount: 5, unit: 'working_days' }, at('2026-09-03T09:00:00')));
    s = apply(s, e.answerJointReview(s, 'n1', '公安', 'pass', null, at('2026-09-04T09:00:00')));
    s = apply(s, e.recordSlateReview(s, [{ ruleId: 'slate.woman', kind: 'block', message: '两委班子人选中没有女性' }], at('2026-09-04T10:00:00')));
    expect(zh(() => e.startNotice(s, 'no-1', NOTICE_DAYS, at('2026-09-15T09:00:00')))).toContain('没有女性');
  });
});
