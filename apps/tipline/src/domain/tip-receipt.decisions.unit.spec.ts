import { bundledChineseDaysData, checkCharOf, DomainValidationError, WorkingCalendar } from '@lw/domain';
import { receiveTip, type ReceiveContext, type ReceiveTipInput } from './tip-receipt.decisions';
import { DEFAULT_TIP_POLICY } from './tip-policy';
import type { SealedReporter } from './tip.events';
import type { TipSubject } from './tip-subject';

const calendar = new WorkingCalendar(bundledChineseDaysData());
/** The example instant: Friday 2026-09-18, 10:00 Shanghai. */
const RECEIVED = new Date('2026-09-18T10:00:00+08:00');
const VILLAGE = '320723100201';
const OTHER_VILLAGE = '320723101202';
const KNOWN = new Set([VILLAGE, OTHER_VILLAGE]);
const SEALED: SealedReporter = { v: 1, iv: 'aXY=', ciphertext: 'Y2lwaGVy', tag: 'dGFn' };

/** A valid 18-digit id (born 1972-03-15) with its real check character. */
const ID_BODY = '32072319720315123';
const VALID_ID = ID_BODY + checkCharOf(ID_BODY);

function ctx(overrides: Partial<ReceiveContext> = {}): ReceiveContext {
  return { policy: DEFAULT_TIP_POLICY, calendar, now: RECEIVED, isKnownVillage: (c) => KNOWN.has(c), ...overrides };
}

function person(overrides: Partial<Extract<TipSubject, { kind: 'person' }>> = {}): TipSubject {
  return { kind: 'person', name: '王某某', citizenId: null, post: '村委会委员', villageCode: VILLAGE, ...overrides };
}

function input(overrides: Partial<ReceiveTipInput> = {}): ReceiveTipInput {
  return {
    tipId: 'tip-1',
    channel: 'web',
    category: 'corruption',
    subjects: [person()],
    text: '村委会委员王某某在危房改造补贴发放中优亲厚友。',
    evidence: [],
    anonymous: true,
    sealedReporter: null,
    receiptLocator: 'loc-1',
    repeatOf: null,
    objection: null,
    origin: null,
    ...overrides,
  };
}

/** The error `fn` throws; fails the test when it does not throw. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to throw');
}

function expectInvalid(fn: () => unknown, code: string): DomainValidationError {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(DomainValidationError);
  expect((e as DomainValidationError).code).toBe(code);
  return e as DomainValidationError;
}

describe('receiveTip: validation', () => {
  it('rejects a category that is not in the policy', () => {
    const e = expectInvalid(() => receiveTip(input({ category: 'bribery' }), ctx()), 'tip.unknown_category');
    expect(e.messageZh).toContain('举报类别');
  });

  it('accepts every category of the policy and records its group', () => {
    expect(receiveTip(input({ category: 'vote_buying' }), ctx()).group).toBe('election');
    expect(receiveTip(input({ category: 'favouritism' }), ctx()).group).toBe('discipline');
    expect(receiveTip(input({ category: 'out_of_scope' }), ctx()).group).toBe('out_of_scope');
  });

  it('requires at least one subject', () => {
    expectInvalid(() => receiveTip(input({ subjects: [] }), ctx()), 'tip.subject_missing');
  });

  it('refuses more than 20 subjects, accepts 20', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => person({ name: `人员${i}` }));
    expect(receiveTip(input({ subjects: many(20) }), ctx()).subjects).toHaveLength(20);
    expectInvalid(() => receiveTip(input({ subjects: many(21) }), ctx()), 'tip.too_many_subjects');
  });

  it('rejects a village the deployment does not know, for person and village subjects, naming the subject', () => {
    const e = expectInvalid(() => receiveTip(input({ subjects: [person(), person({ villageCode: '110105001001' })] }), ctx()), 'tip.unknown_village');
    expect(e.messageZh).toContain('第 2 个');
    expectInvalid(() => receiveTip(input({ subjects: [{ kind: 'village', villageCode: '110105001001' }] }), ctx()), 'tip.unknown_village');
  });

  it('asks isKnownVillage only for subjects that name a village', () => {
    const asked: string[] = [];
    const data = receiveTip(
      input({ subjects: [person({ villageCode: null }), { kind: 'village', villageCode: OTHER_VILLAGE }] }),
      ctx({ isKnownVillage: (c) => (asked.push(c), KNOWN.has(c)) }),
    );
    expect(asked).toEqual([OTHER_VILLAGE]);
    // The tip's village is the first subject that names one.
    expect(data.villageCode).toBe(OTHER_VILLAGE);
  });

  it('rejects a citizen id with a wrong check character, without echoing the number', () => {
    const wrong = ID_BODY + (VALID_ID.endsWith('1') ? '2' : '1');
    const e = expectInvalid(() => receiveTip(input({ subjects: [person({ citizenId: wrong })] }), ctx()), 'tip.subject_citizen_id');
    expect(e.messageZh).toContain('身份证号码无效');
    expect(`${e.message} ${e.messageZh} ${e.detail}`).not.toContain(ID_BODY);
  });

  it('rejects a legacy 15-digit citizen id', () => {
    expectInvalid(() => receiveTip(input({ subjects: [person({ citizenId: '320723720315123' })] }), ctx()), 'tip.subject_citizen_id');
  });

  it('rejects a citizen id born after the day of receipt (Shanghai)', () => {
    // Born 2026-09-19, the day after receipt: well-formed, check character right, still impossible.
    const body = '32072320260919123';
    expectInvalid(() => receiveTip(input({ subjects: [person({ citizenId: body + checkCharOf(body) })] }), ctx()), 'tip.subject_citizen_id');
  });

  it('keeps a valid citizen id, upper-casing a trailing x', () => {
    let body = '';
    for (let seq = 100; seq < 1000 && !body; seq++) if (checkCharOf(`32072319720315${seq}`) === 'X') body = `32072319720315${seq}`;
    const data = receiveTip(input({ subjects: [person({ citizenId: `${body}x` })] }), ctx());
    expect(data.subjects[0]).toMatchObject({ citizenId: `${body}X` });
    expect(receiveTip(input({ subjects: [person({ citizenId: VALID_ID })] }), ctx()).subjects[0]).toMatchObject({ citizenId: VALID_ID });
  });

  it('trims names and posts, drops an empty post, and bounds both at 50 characters', () => {
    const data = receiveTip(input({ subjects: [person({ name: '  王某某 ', post: '   ' })] }), ctx());
    expect(data.subjects[0]).toEqual({ kind: 'person', name: '王某某', citizenId: null, post: null, villageCode: VILLAGE });
    expectInvalid(() => receiveTip(input({ subjects: [person({ name: '   ' })] }), ctx()), 'tip.subject_name');
    expect(() => receiveTip(input({ subjects: [person({ name: '王'.repeat(50) })] }), ctx())).not.toThrow();
    expectInvalid(() => receiveTip(input({ subjects: [person({ name: '王'.repeat(51) })] }), ctx()), 'tip.subject_name');
    expectInvalid(() => receiveTip(input({ subjects: [person({ post: '职'.repeat(51) })] }), ctx()), 'tip.subject_post');
  });

  it('rejects empty or blank text', () => {
    expectInvalid(() => receiveTip(input({ text: '' }), ctx()), 'tip.text_empty');
    expectInvalid(() => receiveTip(input({ text: ' \n\t　' }), ctx()), 'tip.text_empty');
  });

  it('counts characters, not UTF-16 units: 5000 Chinese characters pass, 5001 fail', () => {
    expect(receiveTip(input({ text: '举'.repeat(5000) }), ctx()).text).toHaveLength(5000);
    const e = expectInvalid(() => receiveTip(input({ text: '举'.repeat(5001) }), ctx()), 'tip.text_too_long');
    expect(e.messageZh).toContain('5000');
    // 𠀀 (CJK Extension B) is one character but two UTF-16 units: 5000 of them are 10000 units.
    const astral = '\u{20000}'.repeat(5000);
    expect(astral.length).toBe(10000);
    expect(receiveTip(input({ text: astral }), ctx()).text).toBe(astral);
    expectInvalid(() => receiveTip(input({ text: `${astral}\u{20000}` }), ctx()), 'tip.text_too_long');
  });

  it('follows the policy maxTextLength', () => {
    const policy = { ...DEFAULT_TIP_POLICY, maxTextLength: 10 };
    expect(() => receiveTip(input({ text: '举'.repeat(10) }), ctx({ policy }))).not.toThrow();
    expectInvalid(() => receiveTip(input({ text: '举'.repeat(11) }), ctx({ policy })), 'tip.text_too_long');
  });

  it('stores script tags verbatim (escaping is the output side’s job)', () => {
    const text = '<script>alert("x")</script><img src=x onerror=alert(1)> 村主任&quot;私分&quot;补贴';
    expect(receiveTip(input({ text: `  ${text}\n` }), ctx()).text).toBe(text);
  });

  it('rejects a real-name tip without the sealed reporter', () => {
    const e = expectInvalid(() => receiveTip(input({ anonymous: false, sealedReporter: null }), ctx()), 'tip.reporter_missing');
    expect(e.messageZh).toContain('实名举报');
  });

  it('keeps the sealed reporter of a real-name tip', () => {
    const data = receiveTip(input({ anonymous: false, sealedReporter: SEALED }), ctx());
    expect(data.anonymous).toBe(false);
    expect(data.sealedReporter).toEqual(SEALED);
  });

  it('drops a sealed reporter sent with an anonymous tip', () => {
    const data = receiveTip(input({ anonymous: true, sealedReporter: SEALED }), ctx());
    expect(data.anonymous).toBe(true);
    expect(data.sealedReporter).toBeNull();
  });

  it('lets an audit transfer through without a reporter (it has none)', () => {
    const data = receiveTip(input({ channel: 'audit', anonymous: false, sealedReporter: null, origin: { auditFindingId: 'f-1' } }), ctx());
    expect(data.sealedReporter).toBeNull();
    expect(data.origin).toEqual({ auditFindingId: 'f-1' });
  });
});

describe('receiveTip: regime', () => {
  it.each([
    ['letter', 'corruption', 'petition'],
    ['visit', 'corruption', 'petition'],
    ['letter', 'vote_buying', 'petition'],
    ['web', 'corruption', 'discipline'],
    ['phone', 'corruption', 'discipline'],
    ['informant', 'inaction', 'discipline'],
    ['web', 'vote_buying', 'discipline'],
    ['web', 'out_of_scope', 'petition'],
    ['phone', 'out_of_scope', 'petition'],
  ] as const)('%s + %s → %s', (channel, category, regime) => {
    expect(receiveTip(input({ channel, category }), ctx()).regime).toBe(regime);
  });
});

describe('receiveTip: time limits started at receipt', () => {
  it('THE issue example: by letter on 2026-09-18, 15 日 acceptance is due 2026-10-08, ending 24:00 Shanghai', () => {
    // Day 1 is 09-19; day 15 is 10-03, inside the National Day holiday (10-01..10-07): the limit
    // moves to the next working day, Thursday 10-08.
    const data = receiveTip(input({ channel: 'letter' }), ctx());
    expect(data.receivedAt).toBe('2026-09-18T02:00:00.000Z');
    expect(data.deadlines).toEqual([
      {
        kind: 'acceptance',
        period: { amount: 15, unit: 'calendar_days' },
        startedAt: '2026-09-18T02:00:00.000Z',
        due: '2026-10-08',
        endsAt: '2026-10-08T16:00:00.000Z',
        beyondHorizon: false,
      },
    ]);
  });

  it('the same tip by web: 15 工作日 under the discipline regime are due 2026-10-15', () => {
    // Counted from 09-19 (Sat, rest). The 2026 arrangement in the calendar: 09-20 (Sun) is a make-up
    // working day; 09-25..09-27 Mid-Autumn; 10-01..10-07 National Day; 10-10 (Sat) is a make-up day.
    //  1: 09-20 (make-up Sun)  2: 09-21  3: 09-22  4: 09-23  5: 09-24
    //  (09-25..09-27 holiday)  6: 09-28  7: 09-29  8: 09-30
    //  (10-01..10-07 holiday)  9: 10-08 10: 10-09 11: 10-10 (make-up Sat)  (10-11 Sun)
    // 12: 10-12 13: 10-13 14: 10-14 15: 10-15 (Thu)
    const data = receiveTip(input({ channel: 'web' }), ctx());
    expect(data.regime).toBe('discipline');
    expect(data.deadlines).toEqual([
      {
        kind: 'acceptance',
        period: { amount: 15, unit: 'working_days' },
        startedAt: '2026-09-18T02:00:00.000Z',
        due: '2026-10-15',
        endsAt: '2026-10-15T16:00:00.000Z',
        beyondHorizon: false,
      },
    ]);
  });

  it('takes the start day in Shanghai: 23:30 on 09-18 Shanghai still counts from 09-18', () => {
    const data = receiveTip(input({ channel: 'letter' }), ctx({ now: new Date('2026-09-18T15:30:00Z') }));
    expect(data.deadlines[0].due).toBe('2026-10-08');
  });

  it('an election category is election-related and adds a 24-hour acknowledgement limit', () => {
    const data = receiveTip(input({ category: 'vote_buying' }), ctx());
    expect(data.electionRelated).toBe(true);
    expect(data.deadlines.map((d) => d.kind)).toEqual(['acceptance', 'acknowledgement']);
    expect(data.deadlines[1]).toEqual({
      kind: 'acknowledgement',
      period: { amount: 24, unit: 'hours' },
      startedAt: '2026-09-18T02:00:00.000Z',
      due: '2026-09-19',
      endsAt: '2026-09-19T02:00:00.000Z',
      beyondHorizon: false,
    });
  });

  it('a discipline category gets no acknowledgement limit', () => {
    const data = receiveTip(input({ category: 'village_tyrant' }), ctx());
    expect(data.electionRelated).toBe(false);
    expect(data.deadlines.map((d) => d.kind)).toEqual(['acceptance']);
  });

  it('an objection is election-related and must be answered by the notice’s last day, 24:00 Shanghai', () => {
    // The notice ends on 09-25, a Mid-Autumn holiday: a limit fixed by a date does not move.
    const data = receiveTip(input({ category: 'corruption', objection: { noticeId: 'notice-7', endsOn: '2026-09-25' } }), ctx());
    expect(data.electionRelated).toBe(true);
    expect(data.objection).toEqual({ noticeId: 'notice-7', endsOn: '2026-09-25' });
    expect(data.deadlines.map((d) => d.kind)).toEqual(['acceptance', 'acknowledgement', 'objection']);
    expect(data.deadlines[2]).toEqual({
      kind: 'objection',
      period: null,
      startedAt: '2026-09-18T02:00:00.000Z',
      due: '2026-09-25',
      endsAt: '2026-09-25T16:00:00.000Z',
      beyondHorizon: false,
    });
  });

  it('a repeat starts the same limits as a first tip (its own clock), an election objection’s included', () => {
    const tip = (repeatOf: string | null) => receiveTip(input({ category: 'vote_buying', repeatOf, objection: { noticeId: 'n', endsOn: '2026-09-25' } }), ctx());
    const data = tip('tip-0');
    expect(data.repeatOf).toBe('tip-0');
    expect(data.electionRelated).toBe(true);
    expect(data.deadlines.map((d) => d.kind)).toEqual(['acceptance', 'acknowledgement', 'objection']);
    expect(data.deadlines).toEqual(tip(null).deadlines);
  });

  it('follows a configured regime rather than fixed numbers', () => {
    const policy = {
      ...DEFAULT_TIP_POLICY,
      regimes: { ...DEFAULT_TIP_POLICY.regimes, petition: { ...DEFAULT_TIP_POLICY.regimes.petition, acceptance: { amount: 5, unit: 'calendar_days' as const } } },
    };
    // 09-18 + 5 日 = 09-23 (Wed), a working day.
    expect(receiveTip(input({ channel: 'letter' }), ctx({ policy })).deadlines[0].due).toBe('2026-09-23');
  });
});
