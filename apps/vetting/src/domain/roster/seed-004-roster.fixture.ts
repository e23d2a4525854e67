import type { Education } from '../rules/facts';
import type { Holding, PoliticalStatus, RosterPerson } from './roster.types';

/**
 * A township's roster built to match seed 004, report 1 (基本情况): 95 cadres = 57 party-committee
 * members + 83 villagers'-committee members − 45 cross-appointed; 80 full and 4 probationary party
 * members, 1 non-partisan (the other 10 are 群众); 40 women; 25 under 45, 42 aged 45–54, 28 over 54;
 * 10 大专+, 59 高中·中专, 26 初中, none 小学; 15 sanctioned since the 2016 election, 2 still in effect.
 * Deterministic: person i gets its attributes from fixed index ranges over 19 villages.
 */
export const SEED_004_DATE = '2020-11-30';
export const SEED_004_LAST_ELECTION = '2016-01-01';

export function seed004Roster(): { persons: Map<string, RosterPerson>; holdings: Holding[] } {
  const persons = new Map<string, RosterPerson>();
  const holdings: Holding[] = [];
  const village = (i: number) => `3207241002${String(i % 19).padStart(2, '0')}`;
  for (let i = 0; i < 95; i++) {
    const status: PoliticalStatus = i < 80 ? '中共党员' : i < 84 ? '预备党员' : i === 84 ? '无党派' : '群众';
    // Ages at 2020-11-30: 25 under 45 (born 1980), 42 aged 45–54 (born 1970), 28 over 54 (born 1960).
    const band = (i * 7) % 95; // a permutation of 0..94, so age does not follow party status
    const birthDate = band < 25 ? '1980-03-15' : band < 67 ? '1970-03-15' : '1960-03-15';
    const eduIdx = (i * 11) % 95;
    const education: Education = eduIdx < 10 ? '大专' : eduIdx < 69 ? '高中·中专' : '初中';
    const sanctions = i < 15 ? [{ date: '2018-06-01', effectEndsOn: i < 2 ? '2021-06-01' : '2019-06-01' }] : [];
    persons.set(`p${i}`, { id: `p${i}`, name: `干部${i}`, gender: (i * 13) % 95 < 40 ? 'female' : 'male', birthDate, education, politicalStatus: status, sanctions });
    const v = village(i);
    // 0..44 on both committees, 45..56 party only, 57..94 villagers' committee only.
    if (i < 57) holdings.push({ personId: `p${i}`, villageCode: v, body: 'party', post: i < 19 ? '书记' : '委员', from: '2018-01-10', to: null });
    if (i < 45 || i >= 57) holdings.push({ personId: `p${i}`, villageCode: v, body: 'committee', post: i < 19 ? '主任' : '委员', from: '2018-01-20', to: null });
  }
  // The full-time cadre who is not on either committee, and a member who left before the date: neither counts.
  persons.set('x1', { id: 'x1', name: '常职干部', gender: 'male', birthDate: '1975-01-01', education: '本科', politicalStatus: '中共党员', sanctions: [] });
  holdings.push({ personId: 'x1', villageCode: village(0), body: 'reserve', post: '后备干部', from: '2019-01-01', to: null });
  persons.set('x2', { id: 'x2', name: '已离任', gender: 'female', birthDate: '1950-01-01', education: '小学', politicalStatus: '群众', sanctions: [] });
  holdings.push({ personId: 'x2', villageCode: village(1), body: 'committee', post: '委员', from: '2016-01-01', to: '2020-06-30' });
  return { persons, holdings };
}
