import { checkCharOf, newEnvelope, type IntegrationEvent, type IntegrationPayload } from '@lw/domain';

/**
 * A village election as the e2e specs, the scenario, the attack suite and the benches stage it: the
 * clerk's roster CSV, valid citizen ids, the nominations of a 差额 slate (3 seats, 4 or 5 nominees),
 * and vetting's ElectionOpened and PublicNoticeStarted for a test that plays vetting's part.
 */

/** A valid 18-digit citizen id: county, birth date (YYYY-MM-DD), a 2-digit sequence, the sex digit, the check character. */
export function citizenId(county: string, birth: string, seq: number, female = false): string {
  const first17 = `${county}${birth.replaceAll('-', '')}${String(seq).padStart(2, '0')}${female ? 2 : 1}`;
  return first17 + checkCharOf(first17);
}

/** One person of the roster CSV; `politicalStatus` defaults to 中共党员. */
export interface RosterCsvRow {
  village: string;
  name: string;
  citizenId: string;
  education: string;
  politicalStatus?: string;
  /** Party joining date, empty for a non-member. */
  joined: string;
  post: string;
}

/** The roster as the clerk's CSV (UTF-8), the columns POST /vetting/roster/import reads. */
export function rosterCsv(rows: RosterCsvRow[]): string {
  const header = '村代码,姓名,身份证号,民族,学历,政治面貌,入党时间,职务';
  const lines = rows.map((r) => [r.village, r.name, r.citizenId, '汉族', r.education, r.politicalStatus ?? '中共党员', r.joined, r.post].join(','));
  return [header, ...lines].join('\n');
}

/** The import's multipart body; by default the outgoing term began at the last election (2021-01-15). */
export function rosterUpload(csv: string, termStart = '2021-01-15'): FormData {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'roster.csv');
  form.append('date', termStart);
  return form;
}

/**
 * [nomineeId, name, body, post] for a roster of 赵一, 钱二, 孙三, 李四 and 周五: 赵一 for both heads,
 * 李四 nominated once (a tip against him names one nominee).
 */
export const NOMINATIONS: readonly [nomineeId: string, name: string, body: 'party' | 'committee', post: string][] = [
  ['p1', '赵一', 'party', '书记'],
  ['p2', '钱二', 'party', '委员'],
  ['p3', '孙三', 'party', '委员'],
  ['p4', '李四', 'party', '委员'],
  ['p5', '周五', 'party', '委员'],
  ['c1', '赵一', 'committee', '主任'],
  ['c2', '钱二', 'committee', '委员'],
  ['c3', '孙三', 'committee', '委员'],
  ['c4', '周五', 'committee', '委员'],
];

/** A village of an ElectionOpened and the heads leaving office there (`since`: YYYY-MM-DD or null). */
export interface OpenedVillage {
  villageCode: string;
  outgoingHeads: { personId: string; name: string; post: string; since: string | null }[];
}

/** vetting.ElectionOpened as vetting publishes it (the default pack, no voting day set). */
export function electionOpened(p: { electionId: string; scope: string; villages: OpenedVillage[]; openedAt?: string }): IntegrationEvent {
  const { electionId, scope, villages, openedAt = new Date().toISOString() } = p;
  return newEnvelope({
    type: 'vetting.ElectionOpened',
    version: 1,
    producer: 'vetting',
    villageCode: null,
    actor: null,
    payload: { electionId, scope, name: '2026年村（社区）“两委”换届', policy: { id: 'default', version: 1 }, openedAt, votingFrom: null, villages },
  });
}

type NoticeStarted = IntegrationPayload<'vetting.PublicNoticeStarted'>;

/** vetting.PublicNoticeStarted as vetting publishes it: the candidates of a village under notice (公示), dates YYYY-MM-DD. */
export function publicNoticeStarted(payload: Omit<NoticeStarted, 'startsOn' | 'endsOn'> & { startsOn: string; endsOn: string }): IntegrationEvent {
  return newEnvelope({ type: 'vetting.PublicNoticeStarted', version: 1, producer: 'vetting', villageCode: payload.villageCode, actor: null, payload });
}
