import { matterKey } from './matter-key';
import type { TipSubject } from './tip-subject';

const V1 = '320723100201';
const V2 = '320723101202';
const ID = '32072319720315123X';

function person(name: string, villageCode: string | null, citizenId: string | null = null): TipSubject {
  return { kind: 'person', name, citizenId, post: null, villageCode };
}

describe('matterKey', () => {
  it('the same person by citizen id matches across villages and spellings of the name', () => {
    const a = matterKey('corruption', [person('王某某', V1, ID)]);
    expect(a).not.toBeNull();
    expect(matterKey('corruption', [person('王 某', V2, ID)])).toBe(a);
    expect(matterKey('corruption', [person('王某某', null, ID)])).toBe(a);
  });

  it('different citizen ids are different subjects even with the same name and village', () => {
    expect(matterKey('corruption', [person('王某某', V1, ID)])).not.toBe(matterKey('corruption', [person('王某某', V1, '320723197203151220')]));
  });

  it('without an id, a name matches only within the same village', () => {
    const a = matterKey('corruption', [person('王某某', V1)]);
    expect(a).not.toBeNull();
    expect(matterKey('corruption', [person('王某某', V1)])).toBe(a);
    expect(matterKey('corruption', [person('王某某', V2)])).not.toBe(a);
    expect(matterKey('corruption', [person('李某某', V1)])).not.toBe(a);
  });

  it('ignores whitespace in names, full-width spaces included', () => {
    const a = matterKey('favouritism', [person('欧阳某某', V1)]);
    expect(matterKey('favouritism', [person(' 欧阳 某某 ', V1)])).toBe(a);
    expect(matterKey('favouritism', [person('欧阳\u3000某某', V1)])).toBe(a);
    expect(matterKey('favouritism', [person('欧\t阳\n某某', V1)])).toBe(a);
  });

  it('a different category is a different matter', () => {
    expect(matterKey('corruption', [person('王某某', V1, ID)])).not.toBe(matterKey('favouritism', [person('王某某', V1, ID)]));
    expect(matterKey('corruption', [{ kind: 'village', villageCode: V1 }])).not.toBe(matterKey('inaction', [{ kind: 'village', villageCode: V1 }]));
  });

  it('a village subject matches by its code', () => {
    const a = matterKey('inaction', [{ kind: 'village', villageCode: V1 }]);
    expect(matterKey('inaction', [{ kind: 'village', villageCode: V1 }])).toBe(a);
    expect(matterKey('inaction', [{ kind: 'village', villageCode: V2 }])).not.toBe(a);
    // A village is not a person named after it in that village.
    expect(matterKey('inaction', [person(V1, V1)])).not.toBe(a);
  });

  it('goes by the first subject only', () => {
    const a = matterKey('corruption', [person('王某某', V1), person('李某某', V1)]);
    expect(matterKey('corruption', [person('王某某', V1), person('赵某某', V2)])).toBe(a);
    expect(matterKey('corruption', [person('李某某', V1), person('王某某', V1)])).not.toBe(a);
  });

  it('is null when the subject is too vague: no subject, or a person with neither id nor village', () => {
    expect(matterKey('corruption', [])).toBeNull();
    expect(matterKey('corruption', [person('王某某', null)])).toBeNull();
  });

  it('is a SHA-256 hex digest holding no name, id or village in the clear', () => {
    const key = matterKey('corruption', [person('王某某', V1, ID)])!;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const byName = matterKey('corruption', [person('王某某', V1)])!;
    for (const k of [key, byName]) {
      expect(k).not.toContain(ID);
      expect(k).not.toContain(V1);
    }
  });
});
