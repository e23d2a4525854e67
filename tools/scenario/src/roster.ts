import { citizenId, rosterCsv } from '@lw/testing';

/** One person of the village's roster, nominated as the kit's NOMINATIONS say. */
export interface RosterPerson {
  name: string;
  birth: string;
  female: boolean;
  education: string;
  joined: string;
  post: string;
}

/**
 * The village's two committees before the election. Chosen so the default pack's rules pass for
 * everyone (ages at its cut-off, a woman, one under 35, 差额 for 3 seats with 4 nominees), so the
 * scenario is about the services' interplay, not about a rule refusing someone.
 */
export const ROSTER: RosterPerson[] = [
  { name: '赵一', birth: '1975-05-01', female: false, education: '大专', joined: '1995-07-01', post: '村党组织书记、村委会主任' },
  { name: '钱二', birth: '1990-01-01', female: true, education: '本科', joined: '2015-07-01', post: '村委会委员' },
  { name: '孙三', birth: '1993-06-01', female: false, education: '大专', joined: '2015-07-01', post: '后备干部' },
  { name: '李四', birth: '1980-01-01', female: false, education: '高中', joined: '2005-07-01', post: '支部委员' },
  { name: '周五', birth: '1985-03-01', female: false, education: '大专', joined: '2010-07-01', post: '后备干部' },
];

/** The nominee the public tip names. */
export const TIPPED = { nomineeId: 'p4', name: '李四' };

/** The roster as the clerk's CSV, ids in the village's county. */
export function villageRosterCsv(village: string): string {
  return rosterCsv(ROSTER.map((p, i) => ({ village, name: p.name, citizenId: citizenId(village.slice(0, 6), p.birth, 11 + i, p.female), education: p.education, joined: p.joined, post: p.post })));
}
