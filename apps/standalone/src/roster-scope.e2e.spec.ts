import ExcelJS from 'exceljs';
import { RosterPort } from '@lw/vetting/src/application/roster-port';
import { CITIZEN_ID_NOT_IMPORTABLE } from '@lw/vetting/src/domain/roster/import-plan';
import { RosterReadModel } from '@lw/vetting/src/infrastructure/roster/roster-read-model';
import { citizenId } from '@lw/testing';
import { startHarness, type TiplineHarness } from './test-harness';

// The roster across townships, as an attacker in one township would try it (issue 14, H2): a
// township imports another township's committee chair by his citizen id, then writes facts onto a
// person who is also on its roster. Neither takes hold, and no answer tells an id known elsewhere
// from one never seen beyond "cannot be imported here".

const HEADER = ['序号', '村(社区)', '村代码', '姓名', '身份证号', '性别', '民族', '学历', '政治面貌', '入党时间', '职务', '联系电话'];
const IMPORT_DATE = '2021-01-10';

interface Village {
  code: string;
  name: string;
}

/** One roster row; `seq` odd = male. */
function row(v: Village, name: string, id: string, post: string, o: { status?: string; joined?: string } = {}): string[] {
  const male = Number(id.slice(14, 17)) % 2 === 1;
  return ['1', v.name, v.code, name, id, male ? '男' : '女', '汉族', '高中', o.status ?? '中共党员', o.joined ?? '2001-07-01', post, ''];
}

async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('roster writes stay inside the writer’s township', () => {
  let h: TiplineHarness;
  let org: string;
  let township: string;
  let roster: { port: any; queries: any };
  let own: Village[];
  let other: Village;
  const db = () => h.db.pool('vetting');
  const importAs = async (token: string, rows: string[][], fields: Record<string, string> = {}) => {
    const f = new FormData();
    for (const [k, v] of Object.entries({ date: IMPORT_DATE, ...fields })) f.append(k, v);
    f.append('file', new Blob([new Uint8Array(await xlsx(rows))]), '花名册.xlsx');
    return h.call('POST', '/vetting/roster/import', { token, form: f });
  };
  const personId = async (v: Village, name: string) => ((await roster.queries.personIdByName(v.code, name)) as string[])[0];
  const streamOf = async (id: string) => (await db().query(`SELECT type, data FROM events WHERE stream_id = $1 ORDER BY stream_version`, [`roster-person-${id}`])).rows;

  const MODES: Record<string, string>[] = [{}, { dryRun: 'true' }, { mode: 'valid_rows_only' }, { mode: 'valid_rows_only', dryRun: 'true' }];
  const CHAIR_ID = citizenId('320724', '1970-03-01', 11);
  const DUAL_ID = citizenId('320724', '1972-05-01', 12);
  const FRESH_ID = citizenId('320724', '1974-07-01', 13); // never imported anywhere
  let chair: string;
  let dual: string;
  let mine: string;

  beforeAll(async () => {
    h = await startHarness();
    [org, township] = await Promise.all(['org_dept', 'township'].map((u) => h.login(u)));
    const vetting = h.s.kernels.find((k) => k.name === 'vetting')!;
    const provided = (token: unknown) => (vetting.providers().find((p: any) => p.provide === token) as any).useValue;
    roster = { port: provided(RosterPort), queries: provided(RosterReadModel) };
    const node = h.s.accounts.find((a) => a.username === 'township')!.node;
    const villages = vetting.platform.hierarchy.descendants('320724', { level: 'village' }).map((v) => ({ code: v.code, name: v.shortName }));
    own = villages.filter((v) => v.code.startsWith(node)).slice(0, 2);
    other = villages.find((v) => !v.code.startsWith(node))!;
    expect(own).toHaveLength(2);
    // The county: township B's chair; and a person the county put on a village roster of each township.
    const county = await importAs(org, [
      row(other, '乙镇主任', CHAIR_ID, '村委会主任'),
      row(other, '两地委员', DUAL_ID, '村委会委员'),
      row(own[1], '两地委员', DUAL_ID, '村委会委员'),
    ]);
    expect([county.status, county.body.created]).toEqual([200, 2]);
    // Township A's own secretary.
    expect((await importAs(township, [row(own[0], '甲镇书记', citizenId('320724', '1968-01-01', 14), '党支部书记')])).body.created).toBe(1);
    [chair, dual, mine] = await Promise.all([personId(other, '乙镇主任'), personId(other, '两地委员'), personId(own[0], '甲镇书记')]);
    expect(chair && dual && mine).toBeTruthy();
  }, 180_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('refuses another township’s chair in every mode with the neutral answer, and leaves him as he was', async () => {
    const before = await streamOf(chair);
    const takeover = [row(own[0], '甲镇改名', CHAIR_ID, '村委会委员', { status: '群众', joined: '' })];
    const neutral = [{ row: 2, column: '身份证号', message: `第 2 行：${CITIZEN_ID_NOT_IMPORTABLE}` }];
    for (const fields of MODES) {
      const r = await importAs(township, takeover, fields);
      expect([r.body.refused, r.body.imported, r.body.updated, r.body.created]).toEqual([neutral, 0, 0, 0]);
      expect(r.body.message).toContain(CITIZEN_ID_NOT_IMPORTABLE);
      expect(r.raw).not.toContain('乙镇主任');
    }
    expect(await streamOf(chair)).toEqual(before);
    const seen = await h.call('GET', `/vetting/roster/persons/${chair}`, { token: org });
    expect(seen.body).toMatchObject({ name: '乙镇主任', politicalStatus: '中共党员', villages: [other.code] });
    // Still out of the township's reach: no appraisal can be recorded on him.
    expect((await h.call('GET', `/vetting/roster/persons/${chair}`, { token: township })).status).toBe(404);
    expect((await h.call('POST', `/vetting/roster/persons/${chair}/appraisals`, { token: township, json: { year: 2024, grade: '不称职' } })).status).toBe(404);
    expect((await roster.port.personFacts([chair], '2026-01-01')).get(chair).appraisals).toEqual([]);
  });

  it('answers a row whose seat is taken the same, byte for byte, whether its id is known elsewhere or never seen', async () => {
    for (const fields of MODES) {
      const known = await importAs(township, [row(own[0], '新书记', CHAIR_ID, '党支部书记')], fields);
      const fresh = await importAs(township, [row(own[0], '新书记', FRESH_ID, '党支部书记')], fields);
      expect([known.status, known.body]).toEqual([fresh.status, fresh.body]);
      expect(known.body.refused[0].message).toContain('已由他人担任');
    }
    expect((await db().query('SELECT 1 FROM roster_citizen_ids WHERE citizen_id = $1', [FRESH_ID])).rowCount).toBe(0);
  });

  it('a person also on another township’s roster takes no fact from this township, by any write path', async () => {
    // The township sees him (he is on its roster) but may not change what another township reviews.
    expect((await h.call('GET', `/vetting/roster/persons/${dual}`, { token: township })).status).toBe(200);
    const before = await streamOf(dual);
    const post = (token: string, id: string, what: string, json: unknown) => h.call('POST', `/vetting/roster/persons/${id}/${what}`, { token, json });
    const attempts: [string, string, unknown][] = [
      [dual, 'appraisals', { year: 2024, grade: '不称职' }],
      [dual, 'records', { kind: '撤销党内职务', date: '2024-03-01' }],
      [dual, 'roles', { role: '会计', villageCode: own[1].code, since: '2024-01-01' }],
      [dual, 'investigations', { since: '2025-06-01' }],
      [dual, 'relatives', { relativeId: mine, kind: '配偶' }],
      [mine, 'relatives', { relativeId: dual, kind: '配偶' }], // read in either direction: a fact about him too
    ];
    for (const [id, what, json] of attempts) {
      const r = await post(township, id, what, json);
      expect([what, r.status]).toEqual([what, 404]);
    }
    expect(await streamOf(dual)).toEqual(before);
    expect(await roster.port.relativesAmong([mine, dual])).toEqual([]);
    // Re-importing his row changes nothing either.
    const again = await importAs(township, [row(own[1], '两地委员改', DUAL_ID, '村委会委员')], { mode: 'valid_rows_only' });
    expect(again.body.refused).toEqual([{ row: 2, column: '身份证号', message: `第 2 行：${CITIZEN_ID_NOT_IMPORTABLE}` }]);
    // A village assessment cannot grade him either: the grade is an appraisal in every review of him.
    const graded = await h.call('POST', '/vetting/assessments', {
      token: township,
      json: { villageCode: own[1].code, period: '2025', teamGrade: '好', memberGrades: [{ personId: dual, name: '两地委员', grade: '不称职' }], turnout: { invited: 50, returned: 30, representatives: 18 }, classification: '平稳', weak: false },
    });
    expect(graded.status).toBe(422);
    expect((await db().query(`SELECT 1 FROM events WHERE stream_id LIKE 'assessment-%'`)).rowCount).toBe(0);
    expect((await roster.port.personFacts([dual], '2026-01-01')).get(dual).appraisals).toEqual([]);
    // The county, whose node holds both villages, still can.
    expect((await post(org, dual, 'appraisals', { year: 2024, grade: '称职' })).status).toBe(201);
    expect((await post(township, mine, 'appraisals', { year: 2024, grade: '称职' })).status).toBe(201);
  });
});
