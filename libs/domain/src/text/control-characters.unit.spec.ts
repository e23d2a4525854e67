import { findForbiddenText, hasForbiddenCharacters, stripForbiddenCharacters } from './control-characters';

describe('forbidden characters in text', () => {
  it('flags NUL, the other C0 and C1 controls, DEL, U+FFFE/U+FFFF and unpaired surrogates; keeps tab, newlines and Chinese', () => {
    for (const bad of ['a\u0000', '\u0001', '\u000b', '\u001f', '\u007f', '\u0085', '\ufffe', '\uffff', 'x\ud800', '\udc00y']) expect(hasForbiddenCharacters(bad)).toBe(true);
    for (const ok of ['挪用集体资金', '第一行\r\n第二行\t完', '😀 emoji (a surrogate pair)', '']) expect(hasForbiddenCharacters(ok)).toBe(false);
    expect(stripForbiddenCharacters('挪\u0000用\u0001资金\t😀\ud800')).toBe('挪用资金\t😀');
  });

  it('finds the first offending value or key anywhere in a parsed request, without recursion limits', () => {
    expect(findForbiddenText({ a: 'ok', list: [{ b: 'x' }, { c: 'y\u0000' }] })).toEqual(['list', 1, 'c']);
    expect(findForbiddenText({ ['k\u0000ey']: 1 })).toEqual(['key']);
    expect(findForbiddenText('plain\u0000')).toEqual([]);
    expect(findForbiddenText({ a: 1, b: null, c: true, d: ['ok'] })).toBeNull();
    let deep: unknown = 'bottom\u0001';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findForbiddenText(deep)).toHaveLength(100_000);
  });
});
