import { basicSituation } from './basic-situation';
import { SEED_004_DATE, SEED_004_LAST_ELECTION, seed004Roster } from './seed-004-roster.fixture';

describe('basic situation (基本情况)', () => {
  it('reproduces seed 004 report 1 exactly: 95 cadres = 57 + 83 − 45, and every other figure', () => {
    const { persons, holdings } = seed004Roster();
    const b = basicSituation(holdings, persons, { date: SEED_004_DATE, lastElectionDate: SEED_004_LAST_ELECTION });
    expect(b).toMatchObject({
      cadres: 95,
      partyCommittee: 57,
      villagersCommittee: 83,
      crossAppointed: 45,
      politicalStatus: { 正式党员: 80, 预备党员: 4, 无党派或民主党派: 1, 群众: 10 },
      women: 40,
      ageBands: { under45: 25, from45to54: 42, over54: 28 },
      education: { 大专及以上: 10, '高中·中专': 59, 初中: 26, 小学及以下: 0 },
      sanctionedSinceElection: 15,
      sanctionStillInEffect: 2,
      reserve: 1,
    });
    expect(b.cadres).toBe(b.partyCommittee + b.villagersCommittee - b.crossAppointed);
    expect(b.oneShoulder).toBe(19);
  });

  it('counts only holdings in force on the date and inside the scope', () => {
    const { persons, holdings } = seed004Roster();
    const before = basicSituation(holdings, persons, { date: '2020-06-29', lastElectionDate: SEED_004_LAST_ELECTION });
    expect(before.villagersCommittee).toBe(84); // the member who left on 2020-06-30 still counts the day before
    const oneVillage = basicSituation(holdings, persons, { date: SEED_004_DATE, lastElectionDate: SEED_004_LAST_ELECTION, scope: '320724100200' });
    expect(oneVillage.cadres).toBe(5);
    expect(basicSituation(holdings, persons, { date: '2017-01-01', lastElectionDate: SEED_004_LAST_ELECTION }).cadres).toBe(1);
  });

  it('drops a sanction from "still in effect" the day after its effect period ends', () => {
    const { persons, holdings } = seed004Roster();
    const on = basicSituation(holdings, persons, { date: '2021-06-01', lastElectionDate: SEED_004_LAST_ELECTION });
    const after = basicSituation(holdings, persons, { date: '2021-06-02', lastElectionDate: SEED_004_LAST_ELECTION });
    expect([on.sanctionStillInEffect, after.sanctionStillInEffect]).toEqual([2, 0]);
  });
});
