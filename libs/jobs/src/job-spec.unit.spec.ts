import { normalizeJobSpec, retryDelayMs } from './job-spec';

describe('normalizeJobSpec', () => {
  const base = { id: 'a', name: 'remind', runAt: new Date('2026-03-01T00:00:00Z'), payload: 1 };

  it('fills the documented defaults', () => {
    expect(normalizeJobSpec(base)).toMatchObject({ maxAttempts: 5, backoffMs: 1000 });
    expect(normalizeJobSpec({ ...base, maxAttempts: 1, backoffMs: 0 })).toMatchObject({ maxAttempts: 1, backoffMs: 0 });
  });

  it('rejects what an adapter would store wrongly', () => {
    expect(() => normalizeJobSpec({ ...base, id: '' })).toThrow(/id/);
    expect(() => normalizeJobSpec({ ...base, name: '' })).toThrow(/name/);
    expect(() => normalizeJobSpec({ ...base, runAt: new Date(NaN) })).toThrow(/runAt/);
    expect(() => normalizeJobSpec({ ...base, maxAttempts: 1.5 })).toThrow(/maxAttempts/);
    expect(() => normalizeJobSpec({ ...base, backoffMs: -1 })).toThrow(/backoffMs/);
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base with each failed attempt', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(100, a))).toEqual([100, 200, 400, 800]);
    expect(retryDelayMs(0, 3)).toBe(0);
  });
});
