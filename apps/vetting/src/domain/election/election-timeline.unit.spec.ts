import { parseLocalDate } from '@lw/domain';
import { ALTERNATIVE_PACK, DEFAULT_PACK } from '../policy';
import { electionTimeline } from './election-timeline';

describe("the villagers' committee election clock", () => {
  it('counts back from the vote in calendar days: list 20 days before, objections until 10, candidates 5', () => {
    expect(electionTimeline(parseLocalDate('2026-12-20'), DEFAULT_PACK.committeeClock)).toEqual({
      votingDay: '2026-12-20',
      voterListBy: '2026-11-30',
      voterObjectionsUntil: '2026-12-10',
      candidatesBy: '2026-12-15',
    });
  });

  it('crosses a month and a leap day exactly', () => {
    expect(electionTimeline(parseLocalDate('2028-03-10'), DEFAULT_PACK.committeeClock).voterListBy).toBe('2028-02-19');
    expect(electionTimeline(parseLocalDate('2028-03-03'), DEFAULT_PACK.committeeClock).candidatesBy).toBe('2028-02-27');
  });

  it('takes the provinces that publish candidates 3 days before from the pack', () => {
    expect(electionTimeline(parseLocalDate('2026-12-20'), ALTERNATIVE_PACK.committeeClock).candidatesBy).toBe('2026-12-17');
  });
});
