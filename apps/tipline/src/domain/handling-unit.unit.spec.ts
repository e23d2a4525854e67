import { suggestHandlingUnit } from './handling-unit';
import { DEFAULT_TIP_POLICY } from './tip-policy';
import type { TipSubject } from './tip-subject';

const V1 = '320723100201';
const V2 = '320723101202';
const ORPHAN = '320723199999';
const TOWNSHIPS: Record<string, { code: string; name: string }> = {
  [V1]: { code: '320723100', name: '伊山镇' },
  [V2]: { code: '320723101', name: '杨集镇' },
};
const places = { county: { code: '320723', name: '灌云县' }, townshipOf: (v: string) => TOWNSHIPS[v] ?? null };
const COUNTY = { code: '320723', name: '灌云县纪委监委', level: 'county' };
const YISHAN = { code: '320723100', name: '伊山镇纪委', level: 'township' };

function person(post: string | null, villageCode: string | null = V1): TipSubject {
  return { kind: 'person', name: '王某某', citizenId: null, post, villageCode };
}

const suggest = (subjects: TipSubject[], electionRelated = false) => suggestHandlingUnit(subjects, electionRelated, places, DEFAULT_TIP_POLICY);

describe('suggestHandlingUnit', () => {
  it('an ordinary village cadre goes to the township commission of the village', () => {
    expect(suggest([person('村委会委员')])).toEqual(YISHAN);
    expect(suggest([person(null)])).toEqual(YISHAN);
    expect(suggest([person('会计', V2)])).toEqual({ code: '320723101', name: '杨集镇纪委', level: 'township' });
  });

  it('a 书记, 主任 or 一肩挑 goes to the county', () => {
    for (const post of ['书记', '村党组织书记', '党组织书记', '主任', '村委会主任', '一肩挑', ' 书记 ']) {
      expect(suggest([person(post)])).toEqual(COUNTY);
    }
  });

  it('posts match exactly: a 副书记 or 副主任 stays with the township', () => {
    for (const post of ['副书记', '村党组织副书记', '副主任', '村委会副主任', '书记员']) {
      expect(suggest([person(post)])).toEqual(YISHAN);
    }
  });

  it('any senior subject among several sends the tip to the county', () => {
    expect(suggest([person('会计'), person('书记')])).toEqual(COUNTY);
  });

  it('an election-related tip goes to the county whoever the subject', () => {
    expect(suggest([person('村民小组长')], true)).toEqual(COUNTY);
    expect(suggest([{ kind: 'village', villageCode: V1 }], true)).toEqual(COUNTY);
  });

  it('a village subject goes to its township', () => {
    expect(suggest([{ kind: 'village', villageCode: V1 }])).toEqual(YISHAN);
  });

  it('the first subject naming a village decides the township', () => {
    expect(suggest([person('会计', null), person('委员', V2), person('委员', V1)])).toMatchObject({ code: '320723101' });
  });

  it('no village known, or a village without a township: the county', () => {
    expect(suggest([person('会计', null)])).toEqual(COUNTY);
    expect(suggest([person('会计', ORPHAN)])).toEqual(COUNTY);
  });

  it('follows the policy’s list of county-level posts', () => {
    const policy = { countyLevelPosts: ['村务监督委员会主任'] };
    expect(suggestHandlingUnit([person('村务监督委员会主任')], false, places, policy)).toEqual(COUNTY);
    expect(suggestHandlingUnit([person('书记')], false, places, policy)).toEqual(YISHAN);
  });
});
