import { DomainConflictError, type LocalDate } from '@lw/domain';
import { electionIdTaken, evolveElection, openElection, type ElectionOpening } from '.';

const opening: ElectionOpening = {
  electionId: 'hj2026',
  name: '2026 年村（社区）两委换届',
  scope: '320724101',
  policy: { id: 'default', version: 1 },
  votingFrom: '2026-12-01' as LocalDate,
  villages: [{ villageCode: '320724101200', seats: { party: 5, committee: 5, supervision: 3 } }],
};

describe('election', () => {
  it('opens once: the opening is its state', () => {
    const events = openElection(null, opening, '2026-10-01T00:00:00.000Z');
    expect(events).toEqual([{ type: 'ElectionOpened', data: { ...opening, at: '2026-10-01T00:00:00.000Z' } }]);
    expect(events.reduce(evolveElection, null)).toEqual({ ...opening, at: '2026-10-01T00:00:00.000Z' });
  });

  it('refuses an id already used', () => {
    const state = evolveElection(null, openElection(null, opening, '2026-10-01T00:00:00.000Z')[0]);
    expect(() => openElection(state, { ...opening, name: '另一次' }, '2026-10-02T00:00:00.000Z')).toThrow(DomainConflictError);
    expect(electionIdTaken('hj2026')).toMatchObject({ code: 'election.exists', messageZh: '换届编号 hj2026 已被使用' });
  });
});
