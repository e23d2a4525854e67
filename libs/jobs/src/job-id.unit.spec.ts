import { deadlineJobId } from './job-id';

describe('deadlineJobId', () => {
  it('joins its parts with colons, the same parts giving the same id', () => {
    expect(deadlineJobId('tip', 123, 'acceptance-overdue')).toBe('tip:123:acceptance-overdue');
    expect(deadlineJobId('tip', 123, 'acceptance-overdue')).toBe(deadlineJobId('tip', '123', 'acceptance-overdue'));
  });

  it('refuses parts that would make ids ambiguous', () => {
    expect(() => deadlineJobId()).toThrow();
    expect(() => deadlineJobId('tip', '')).toThrow();
    // ("a:b", "c") and ("a", "b:c") must not collide
    expect(() => deadlineJobId('a:b', 'c')).toThrow();
  });
});
