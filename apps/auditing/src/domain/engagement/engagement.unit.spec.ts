import { bundledChineseDaysData, DomainConflictError, DomainValidationError, parseLocalDate, WorkingCalendar } from '@lw/domain';
import { DEFAULT_AUDIT_POLICY } from './audit-policy';
import * as d from './engagement.decisions';
import { engagementOfFinding, outgoingEngagementId } from './engagement-ids';
import type { EngagementEvent } from './engagement.events';
import { evolveEngagement, seriousOpen, type EngagementState } from './engagement.state';
import { gateReasons } from './election-gate';
import type { FindingContent } from './finding';

const calendar = new WorkingCalendar(bundledChineseDaysData());
const at = (iso: string): d.AuditContext => ({ now: new Date(`${iso}+08:00`), calendar, policy: DEFAULT_AUDIT_POLICY });
const apply = (s: EngagementState | null, events: EngagementEvent[]) => events.reduce<EngagementState | null>((x, e) => evolveEngagement(x, e), s)!;
const VILLAGE = '320724101200';

function finding(over: Partial<FindingContent> = {}): FindingContent {
  return {
    category: 'unreceipted_voucher',
    severity: 'general',
    amount: '1200.50',
    description: '以白条列支招待费',
    responsiblePersons: [{ name: '王会计', post: '报账员' }],
    evidence: [{ fileName: '凭证.pdf', sha256: 'a'.repeat(64) }],
    rectificationRequired: true,
    violationSuspected: false,
    ...over,
  };
}

function planned(): EngagementState {
  return apply(
    null,
    d.planEngagement(
      {
        engagementId: outgoingEngagementId('e2026', VILLAGE),
        kind: 'outgoing',
        villageCode: VILLAGE,
        electionId: 'e2026',
        persons: [{ personId: 'p1', name: '张书记', post: '书记' }],
        periodFrom: parseLocalDate('2021-01-01'),
        periodTo: parseLocalDate('2026-09-01'),
        auditors: [],
      },
      at('2026-09-01T09:00:00'),
    ),
  );
}

function inFieldwork(): EngagementState {
  const s = planned();
  return apply(s, d.startFieldwork(s, ['审计局 李审计'], at('2026-09-02T09:00:00')));
}

describe('engagement lifecycle: planned → fieldwork → draft → concluded → published', () => {
  it('walks the steps in order and refuses to skip one', () => {
    let s = planned();
    expect(() => d.submitDraft(s, at('2026-09-02T09:00:00'))).toThrow(DomainConflictError);
    expect(() => d.startFieldwork(s, [], at('2026-09-02T09:00:00'))).toThrow(DomainValidationError);
    s = apply(s, d.startFieldwork(s, ['李审计', '李审计'], at('2026-09-02T09:00:00')));
    expect(s.auditors).toEqual(['李审计']);
    expect(() => d.conclude(s, null, at('2026-09-03T09:00:00'))).toThrow(DomainConflictError);
    s = apply(s, d.submitDraft(s, at('2026-09-03T09:00:00')));
    expect(() => d.publish(s, at('2026-09-04T09:00:00'))).toThrow(DomainConflictError);
    s = apply(s, d.conclude(s, '总体规范', at('2026-09-04T09:00:00')));
    s = apply(s, d.publish(s, at('2026-09-04T10:00:00')));
    expect(s.status).toBe('published');
    expect(() => d.publish(s, at('2026-09-05T10:00:00'))).toThrow(DomainConflictError);
  });

  it('runs the publication notice in working days over National Day: published 2026-09-30 ⇒ ends 2026-10-13', () => {
    let s = inFieldwork();
    s = apply(s, d.submitDraft(s, at('2026-09-28T09:00:00')));
    s = apply(s, d.conclude(s, null, at('2026-09-29T09:00:00')));
    s = apply(s, d.publish(s, at('2026-09-30T10:00:00')));
    // 2026: 10-01..10-07 holiday, 10-10 (Sat) a make-up working day: 10-08, 10-09, 10-10, 10-12, 10-13.
    expect(s.notice).toMatchObject({ endsOn: '2026-10-13', beyondHorizon: false });
  });

  it('refuses a planned period that ends before it starts', () => {
    expect(() =>
      d.planEngagement(
        { engagementId: 'x', kind: 'three_assets', villageCode: VILLAGE, electionId: null, persons: [], periodFrom: parseLocalDate('2026-02-01'), periodTo: parseLocalDate('2026-01-01'), auditors: [] },
        at('2026-09-01T09:00:00'),
      ),
    ).toThrow(DomainValidationError);
  });
});

describe('findings', () => {
  it('are recorded during fieldwork and draft only, numbered inside their engagement', () => {
    expect(() => d.recordFinding(planned(), finding(), 'u1', at('2026-09-02T10:00:00'))).toThrow(DomainConflictError);
    let s = inFieldwork();
    s = apply(s, d.recordFinding(s, finding(), 'u1', at('2026-09-02T10:00:00')));
    s = apply(s, d.recordFinding(s, finding({ severity: 'serious', amount: '0.1' }), 'u1', at('2026-09-02T11:00:00')));
    const ids = [...s.findings.keys()];
    expect(ids).toEqual([`${s.engagementId}-F001`, `${s.engagementId}-F002`]);
    expect(engagementOfFinding(ids[1])).toBe(s.engagementId);
    expect(s.findings.get(ids[1])!.amount).toBe('0.10');
    s = apply(s, d.submitDraft(s, at('2026-09-03T09:00:00')));
    s = apply(s, d.recordFinding(s, finding(), 'u1', at('2026-09-03T10:00:00')));
    s = apply(s, d.conclude(s, null, at('2026-09-04T09:00:00')));
    const late = () => d.recordFinding(s, finding(), 'u1', at('2026-09-04T10:00:00'));
    expect(late).toThrow(DomainConflictError);
  });

  it('take a category by its Chinese name as a clerk writes it, stored as its code', () => {
    let s = inFieldwork();
    s = apply(s, d.recordFinding(s, finding({ category: '白条入账' }), 'u1', at('2026-09-02T10:00:00')));
    expect([...s.findings.values()][0].category).toBe('unreceipted_voucher');
  });

  it('reject an unknown category, a float-looking or negative amount and a bad evidence hash, in Chinese', () => {
    const s = inFieldwork();
    const zh = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as DomainValidationError).messageZh;
      }
      throw new Error('expected a refusal');
    };
    expect(zh(() => d.recordFinding(s, finding({ category: 'lottery' }), 'u1', at('2026-09-02T10:00:00')))).toContain('可选：白条入账、挪用');
    expect(zh(() => d.recordFinding(s, finding({ amount: '1e3' }), 'u1', at('2026-09-02T10:00:00')))).toContain('金额格式不正确');
    expect(zh(() => d.recordFinding(s, finding({ amount: '0.001' }), 'u1', at('2026-09-02T10:00:00')))).toContain('金额格式不正确');
    expect(zh(() => d.recordFinding(s, finding({ amount: '-5' }), 'u1', at('2026-09-02T10:00:00')))).toContain('负数');
    expect(zh(() => d.recordFinding(s, finding({ amount: '1000000000000000' }), 'u1', at('2026-09-02T10:00:00')))).toContain('超出');
    expect(zh(() => d.recordFinding(s, finding({ evidence: [{ fileName: 'x.jpg', sha256: 'abc' }] }), 'u1', at('2026-09-02T10:00:00')))).toContain('SHA-256');
  });

  it('transfer a suspected violation once, when recorded or when an amendment first suspects it', () => {
    let s = inFieldwork();
    const ev = d.recordFinding(s, finding({ violationSuspected: true }), 'u1', at('2026-09-02T10:00:00'));
    expect(ev.map((e) => e.type)).toEqual(['FindingRecorded', 'ViolationTransferred']);
    s = apply(s, ev);
    s = apply(s, d.recordFinding(s, finding(), 'u1', at('2026-09-02T10:00:00')));
    s = apply(s, d.submitDraft(s, at('2026-09-03T09:00:00')));
    s = apply(s, d.conclude(s, null, at('2026-09-04T09:00:00')));
    s = apply(s, d.publish(s, at('2026-09-04T10:00:00')));
    const [f1, f2] = [...s.findings.keys()];
    expect(d.amendFinding(s, f1, finding({ violationSuspected: true, amount: '9' }), '金额核减', 'u2', at('2026-09-05T10:00:00')).map((e) => e.type)).toEqual(['FindingAmended']);
    expect(d.amendFinding(s, f2, finding({ violationSuspected: true }), '经复核涉嫌侵占', 'u2', at('2026-09-05T10:00:00')).map((e) => e.type)).toEqual(['FindingAmended', 'ViolationTransferred']);
  });

  it('count seriousOpen: serious, needing rectification, not rectified', () => {
    let s = inFieldwork();
    s = apply(s, d.recordFinding(s, finding({ severity: 'serious' }), 'u1', at('2026-09-02T10:00:00')));
    s = apply(s, d.recordFinding(s, finding({ severity: 'serious', rectificationRequired: false }), 'u1', at('2026-09-02T10:00:00')));
    s = apply(s, d.recordFinding(s, finding({ severity: 'major' }), 'u1', at('2026-09-02T10:00:00')));
    s = apply(s, d.recordFinding(s, finding({ severity: 'serious' }), 'u1', at('2026-09-02T10:00:00')));
    expect(seriousOpen(s)).toBe(2);
    const first = [...s.findings.keys()][0];
    s = apply(s, d.markRectified(s, first, 'case-1', at('2026-09-10T10:00:00')));
    expect(seriousOpen(s)).toBe(1);
    expect(d.markRectified(s, first, 'case-1', at('2026-09-11T10:00:00'))).toEqual([]);
    expect(() => d.markRectified(s, `${s.engagementId}-F099`, null, at('2026-09-11T10:00:00'))).toThrow(DomainValidationError);
  });
});

describe('amendment: only on a published audit, explicit, attributed, the original kept', () => {
  function published(): EngagementState {
    let s = inFieldwork();
    s = apply(s, d.recordFinding(s, finding({ severity: 'serious', amount: '5000' }), 'u1', at('2026-09-02T10:00:00')));
    s = apply(s, d.submitDraft(s, at('2026-09-03T09:00:00')));
    return s;
  }

  it('is refused before publication (draft, concluded) and without a reason or a user', () => {
    let s = published();
    const id = [...s.findings.keys()][0];
    expect(() => d.amendFinding(s, id, finding(), '笔误', 'u2', at('2026-09-03T10:00:00'))).toThrow(DomainConflictError);
    s = apply(s, d.conclude(s, null, at('2026-09-04T09:00:00')));
    expect(() => d.amendFinding(s, id, finding(), '笔误', 'u2', at('2026-09-04T10:00:00'))).toThrow(DomainConflictError);
    s = apply(s, d.publish(s, at('2026-09-04T11:00:00')));
    expect(() => d.amendFinding(s, id, finding(), '  ', 'u2', at('2026-09-05T10:00:00'))).toThrow(DomainValidationError);
    expect(() => d.amendFinding(s, id, finding(), '笔误', '', at('2026-09-05T10:00:00'))).toThrow(DomainValidationError);
  });

  it('replaces the content, keeps every earlier version with who and why', () => {
    let s = published();
    const id = [...s.findings.keys()][0];
    s = apply(s, d.conclude(s, null, at('2026-09-04T09:00:00')));
    s = apply(s, d.publish(s, at('2026-09-04T11:00:00')));
    s = apply(s, d.amendFinding(s, id, finding({ severity: 'major', amount: '4500.00' }), '村民异议后复核，金额核减', 'auditor-2', at('2026-09-06T10:00:00')));
    const f = s.findings.get(id)!;
    expect(f).toMatchObject({ severity: 'major', amount: '4500.00', recordedBy: 'u1' });
    expect(f.revisions.map((r) => [r.content.amount, r.by, r.reason])).toEqual([
      ['5000.00', 'u1', null],
      ['4500.00', 'auditor-2', '村民异议后复核，金额核减'],
    ]);
    expect(seriousOpen(s)).toBe(0);
  });
});

describe('election gate reasons', () => {
  it('name an unpublished audit and unrectified serious findings; the switch turns the latter off', () => {
    expect(gateReasons({ status: 'draft', seriousOpen: 0 }, DEFAULT_AUDIT_POLICY)).toEqual(['离任经济责任审计尚未完成']);
    expect(gateReasons({ status: 'concluded', seriousOpen: 0 }, DEFAULT_AUDIT_POLICY)).toEqual(['离任经济责任审计结果尚未公示']);
    expect(gateReasons({ status: 'published', seriousOpen: 2 }, DEFAULT_AUDIT_POLICY)).toEqual(['审计发现 2 个严重问题尚未整改销号']);
    expect(gateReasons({ status: 'published', seriousOpen: 2 }, { seriousUnrectifiedBlocksElection: false })).toEqual([]);
    expect(gateReasons({ status: 'published', seriousOpen: 0 }, DEFAULT_AUDIT_POLICY)).toEqual([]);
  });
});
