import { fromBullJobId, toBullJobId } from './bull-job-id';

describe('BullMQ job ids', () => {
  it('maps ids to ids BullMQ accepts (no colon, never an integer) and back', () => {
    for (const id of ['tip:123:acceptance-overdue', '123', '%3A', 'a%b:c', '']) {
      const bull = toBullJobId(id);
      expect(bull).not.toContain(':');
      expect(`${parseInt(bull, 10)}`).not.toBe(bull);
      expect(fromBullJobId(bull)).toBe(id);
    }
  });

  it('keeps distinct ids distinct', () => {
    expect(toBullJobId('a:b')).not.toBe(toBullJobId('a%3Ab'));
  });
});
