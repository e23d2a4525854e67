import { defaultWorkingCalendar, DomainConflictError, DomainValidationError, parseLocalDate } from '@lw/domain';
import {
  applyForClosing,
  changeDeadline,
  closeCase,
  DEFAULT_GRIEVANCE_POLICY,
  flagRed,
  flagYellow,
  foldCase,
  lightAt,
  noteProgress,
  openCase,
  reopenCase,
  returnCase,
  amendFromSource,
  type CaseContext,
  type CaseEvent,
  type CaseState,
} from './index';

const calendar = defaultWorkingCalendar();
const ctx = (iso: string): CaseContext => ({ now: new Date(iso), calendar, policy: DEFAULT_GRIEVANCE_POLICY });

function open(): CaseEvent[] {
  return openCase(
    {
      caseId: 'c-1',
      villageCode: '320724101200',
      townshipCode: '320724101',
      source: { kind: 'inspection', ref: null },
      category: '三资管理',
      severity: 'major',
      description: '村集体资产台账不清',
      measures: '重新清查登记',
      responsibleUnit: '新安镇党委',
      responsiblePerson: { name: '周联村', post: '镇党委副书记' },
      startOn: parseLocalDate('2026-02-10'),
      workingDays: 10,
    },
    ctx('2026-02-10T02:00:00Z'),
  );
}

function run(events: CaseEvent[], step: (s: CaseState) => CaseEvent[]): CaseEvent[] {
  return [...events, ...step(foldCase(events)!)];
}

describe('a rectification case', () => {
  it('goes assigned → in progress → applied → returned → applied → closed → reopened', () => {
    let h = open();
    expect(foldCase(h)!.status).toBe('assigned');
    expect(foldCase(h)!.deadline.due).toBe('2026-03-02');
    h = run(h, (s) => noteProgress(s, 'n1', '已清查三组资产', ['file:abc'], ctx('2026-02-12T02:00:00Z')));
    expect(foldCase(h)!.status).toBe('in_progress');
    h = run(h, (s) => applyForClosing(s, '台账已重建', [], 'u-liaison', ctx('2026-02-25T02:00:00Z')));
    expect(() => closeCase(foldCase(h)!, '同意', 'u-liaison', ctx('2026-02-26T02:00:00Z'))).toThrow(DomainConflictError);
    h = run(h, (s) => returnCase(s, '缺少村民代表会议记录', 'u-township', ctx('2026-02-26T02:00:00Z')));
    expect(foldCase(h)!.status).toBe('returned');
    expect(() => closeCase(foldCase(h)!, '同意', 'u-township', ctx('2026-02-26T03:00:00Z'))).toThrow(DomainConflictError);
    h = run(h, (s) => applyForClosing(s, '补充会议记录', [], 'u-liaison', ctx('2026-02-27T02:00:00Z')));
    h = run(h, (s) => closeCase(s, '整改到位，同意销号', 'u-township', ctx('2026-02-27T05:00:00Z')));
    const closed = foldCase(h)!;
    expect(closed).toMatchObject({ status: 'closed', closedAt: '2026-02-27T05:00:00.000Z' });
    expect(h[h.length - 1]).toMatchObject({ type: 'CaseClosed', data: { onTime: true } });
    expect(() => closeCase(closed, '再次', 'u-other', ctx('2026-02-27T06:00:00Z'))).toThrow(DomainConflictError);
    h = run(h, (s) => reopenCase(s, '问题反弹', { workingDays: 5 }, ctx('2026-03-04T02:00:00Z')));
    expect(foldCase(h)).toMatchObject({ status: 'in_progress', reopenCount: 1, closedAt: null });
    expect(foldCase(h)!.deadline.due).toBe('2026-03-11');
  });

  it('needs a reason and a later day to change the limit', () => {
    const s = foldCase(open())!;
    expect(() => changeDeadline(s, '', { due: parseLocalDate('2026-03-20') }, ctx('2026-02-12T02:00:00Z'))).toThrow(DomainValidationError);
    expect(() => changeDeadline(s, '汛期', { due: parseLocalDate('2026-02-11') }, ctx('2026-02-12T02:00:00Z'))).toThrow(DomainValidationError);
    const [e] = changeDeadline(s, '汛期施工受阻', { due: parseLocalDate('2026-03-20') }, ctx('2026-02-12T02:00:00Z'));
    expect(e).toMatchObject({ type: 'DeadlineChanged', data: { previousDue: '2026-03-02', deadline: { due: '2026-03-20' } } });
  });

  it('turns yellow and red once per limit, and escalates on the second red only', () => {
    let h = open();
    const first = foldCase(h)!.deadline;
    expect(flagYellow(foldCase(h)!, first.endsAt, ctx('2026-02-20T02:00:00Z'))).toEqual([]); // too early (holiday)
    h = run(h, (s) => flagYellow(s, first.endsAt, ctx('2026-02-26T02:00:00Z')));
    expect(flagYellow(foldCase(h)!, first.endsAt, ctx('2026-02-26T03:00:00Z'))).toEqual([]);
    expect(flagRed(foldCase(h)!, first.endsAt, ctx('2026-03-02T15:59:00Z'))).toEqual([]); // still the last day
    h = run(h, (s) => flagRed(s, first.endsAt, ctx('2026-03-02T16:00:00Z')));
    expect(h.map((e) => e.type).slice(-1)).toEqual(['CaseOverdue']);
    expect(flagRed(foldCase(h)!, first.endsAt, ctx('2026-03-03T00:00:00Z'))).toEqual([]); // once
    h = run(h, (s) => changeDeadline(s, '延期一次', { due: parseLocalDate('2026-03-10') }, ctx('2026-03-03T02:00:00Z')));
    const second = foldCase(h)!.deadline;
    expect(flagRed(foldCase(h)!, first.endsAt, ctx('2026-03-11T00:00:00Z'))).toEqual([]); // a superseded limit's job
    const red2 = flagRed(foldCase(h)!, second.endsAt, ctx('2026-03-10T16:00:00Z'));
    expect(red2).toEqual([
      { type: 'CaseOverdue', data: expect.objectContaining({ redCount: 2 }) },
      { type: 'CaseEscalated', data: expect.objectContaining({ measure: 'interview', redCount: 2 }) },
    ]);
  });

  it('never flags a closed case', () => {
    let h = open();
    h = run(h, (s) => applyForClosing(s, '已整改', [], 'a', ctx('2026-02-12T02:00:00Z')));
    h = run(h, (s) => closeCase(s, '同意', 'b', ctx('2026-02-13T02:00:00Z')));
    expect(flagRed(foldCase(h)!, foldCase(h)!.deadline.endsAt, ctx('2026-03-05T00:00:00Z'))).toEqual([]);
  });

  it('takes a source correction as an amendment, and nothing when unchanged', () => {
    const s = foldCase(open())!;
    const same = { category: s.category, severity: s.severity, description: s.description, directlyResponsible: s.directlyResponsible };
    expect(amendFromSource(s, same, '更正', ctx('2026-02-12T00:00:00Z'))).toEqual([]);
    expect(amendFromSource(s, { ...same, severity: 'serious' }, '审计更正', ctx('2026-02-12T00:00:00Z'))[0].type).toBe('CaseAmended');
  });

  it('refuses a start day in the future or a limit out of range', () => {
    const base = open()[0].data as any;
    expect(() => openCase({ ...base, startOn: parseLocalDate('2026-02-11') }, ctx('2026-02-10T02:00:00Z'))).toThrow(DomainValidationError);
    expect(() => openCase({ ...base, workingDays: 0 }, ctx('2026-02-10T02:00:00Z'))).toThrow(DomainValidationError);
  });

  // A campaign's 整改承诺书 names the day the village promised ("承诺完成时限"): the case's limit
  // ends that day at 24:00 Shanghai, yellow as for any limit; a day already reached is taken, not refused.
  it('takes a committed last day as the limit, even one already reached', () => {
    const base = { ...(open()[0].data as any), startOn: undefined, workingDays: undefined };
    const [opened] = openCase({ ...base, committedDue: parseLocalDate('2026-03-31') }, ctx('2026-02-10T02:00:00Z'));
    const d = (opened.data as any).deadline;
    expect(d).toMatchObject({ startOn: '2026-02-10', workingDays: null, due: '2026-03-31', endsAt: '2026-03-31T16:00:00.000Z', yellowOn: '2026-03-26', yellowAt: '2026-03-25T16:00:00.000Z' });
    expect(lightAt(d, false, new Date('2026-03-25T15:59:00Z'))).toBe('green');
    expect(lightAt(d, false, new Date('2026-03-31T15:59:00Z'))).toBe('yellow');

    const late = foldCase(openCase({ ...base, committedDue: parseLocalDate('2026-03-31') }, ctx('2026-04-01T02:00:00Z')))!;
    expect(late.deadline).toMatchObject({ startOn: '2026-04-01', due: '2026-03-31' });
    expect(lightAt(late.deadline, false, new Date('2026-04-01T02:00:00Z'))).toBe('red');
    const lastDay = foldCase(openCase({ ...base, committedDue: parseLocalDate('2026-04-01') }, ctx('2026-04-01T02:00:00Z')))!;
    expect(lightAt(lastDay.deadline, false, new Date('2026-04-01T02:00:00Z'))).toBe('yellow');
    // A clerk's own limit must still lie after the day of 交办.
    expect(() => openCase({ ...base, due: parseLocalDate('2026-04-01') }, ctx('2026-04-01T02:00:00Z'))).toThrow(DomainValidationError);
  });
});
