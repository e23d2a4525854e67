import type { YearArrangement } from './year-arrangement';

/** For tests: a made-up but valid 2027 arrangement (the real one is not published yet). */
export const fake2027: YearArrangement = {
  year: 2027,
  source: '测试用〔2027〕1号',
  holidays: ['2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'].map((date) => ({ date, name: '国庆节' })),
  makeUpWorkdays: [
    { date: '2027-09-26', name: '国庆节' },
    { date: '2027-10-09', name: '国庆节' },
  ],
};
