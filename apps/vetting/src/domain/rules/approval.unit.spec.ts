import { DEFAULT_PACK } from '../policy';
import type { Approval } from './approval';
import { evaluatePerson } from './evaluate-person';
import { evaluateSlate } from './evaluate-slate';
import { CONTINUING_SECRETARY, NEW_SECRETARY, day, facts, goodSlate, kindOf, verdictOf } from './test-facts.fixture';

const P = DEFAULT_PACK;
const approval = (over: Partial<Approval> = {}): Approval => ({
  ruleId: 'secretary.continuing_age',
  personId: 'p1',
  approvedBy: 'org-dept-007',
  reason: '特别优秀，县委组织部研究同意放宽年龄',
  at: '2021-01-08T09:30:00+08:00',
  ...over,
});
const aged58 = facts({ birthDate: day('1962-05-01') });

describe('approvals (explicit exceptions)', () => {
  it('turn a needs-approval verdict into approved, keeping the evidence and adding the approval', () => {
    const a = approval();
    const v = verdictOf(evaluatePerson(P, aged58, CONTINUING_SECRETARY, [a]), 'secretary.continuing_age');
    expect(v).toMatchObject({ kind: 'approved', evidence: { age: 58, approval: a } });
    expect(v?.message).toContain(a.reason);
  });

  it('only for the rule and the person they name', () => {
    expect(kindOf(evaluatePerson(P, aged58, CONTINUING_SECRETARY, [approval({ personId: 'p2' })]), 'secretary.continuing_age')).toBe('needs_approval');
    expect(kindOf(evaluatePerson(P, aged58, CONTINUING_SECRETARY, [approval({ ruleId: 'secretary.party_standing' })]), 'secretary.continuing_age')).toBe('needs_approval');
  });

  it('never lift a block or a warning, whatever they name', () => {
    const aged61 = facts({ birthDate: day('1959-06-01'), records: [{ kind: 'criminal_penalty', date: '1999-01-01' }] });
    const vs = evaluatePerson(P, aged61, CONTINUING_SECRETARY, [approval(), approval({ ruleId: 'negative.criminal' })]);
    expect(kindOf(vs, 'secretary.continuing_age')).toBe('block');
    expect(kindOf(vs, 'negative.criminal')).toBe('block');
    const old = facts({ birthDate: day('1970-01-01') });
    expect(kindOf(evaluatePerson(P, old, NEW_SECRETARY, [approval({ ruleId: 'secretary.new_age' })]), 'secretary.new_age')).toBe('warn');
  });

  it('of a slate rule name the village', () => {
    const s = goodSlate();
    const old = { ...s, nominees: s.nominees.map((n) => ({ ...n, facts: { ...n.facts, birthDate: day('1970-01-01') } })) };
    const a = approval({ ruleId: 'slate.young', personId: undefined, villageCode: s.villageCode });
    expect(kindOf(evaluateSlate(P, old), 'slate.young')).toBe('needs_approval');
    expect(verdictOf(evaluateSlate(P, old, [a]), 'slate.young')).toMatchObject({ kind: 'approved', evidence: { approval: a } });
    expect(kindOf(evaluateSlate(P, old, [{ ...a, villageCode: '320724101202' }]), 'slate.young')).toBe('needs_approval');
  });

  it.each([
    ['no approver', { approvedBy: ' ' }],
    ['no reason', { reason: '' }],
    ['no subject', { personId: undefined }],
    ['no time', { at: '' }],
  ])('are refused with %s', (_, over) => {
    expect(() => evaluatePerson(P, aged58, CONTINUING_SECRETARY, [approval(over)])).toThrow(expect.objectContaining({ code: 'vetting.approval_invalid' }));
  });
});
