import { sameJson } from './same-json';

describe('sameJson', () => {
  it('ignores the key order jsonb gives back, not the order of arrays', () => {
    expect(sameJson({ category: '老党员', count: 3, notes: '' }, { count: 3, notes: '', category: '老党员' })).toBe(true);
    expect(sameJson([{ a: 1 }, { b: 2 }], [{ b: 2 }, { a: 1 }])).toBe(false);
  });

  it('tells values, types, missing keys and lengths apart', () => {
    expect(sameJson({ count: 3 }, { count: '3' })).toBe(false);
    expect(sameJson({ count: 3 }, { count: 3, notes: '' })).toBe(false);
    expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson({ a: null }, { a: null })).toBe(true);
    expect(sameJson({ a: undefined, b: 1 }, { b: 1 })).toBe(true);
  });
});
