import ExcelJS from 'exceljs';
import { SEED_004_DATE, SEED_004_LAST_ELECTION, SEED_004_OTHER_VILLAGE, SEED_004_TOWNSHIP, seed004Roster } from '@lw/vetting/src/domain/roster/seed-004-roster.fixture';
import { AddRecord, EndHolding, RecordAppraisal, RecordPerson, StartHolding } from '@lw/vetting/src/application/roster/roster.commands';
import { RosterPort } from '@lw/vetting/src/application/roster-port';
import { RosterReadModel } from '@lw/vetting/src/infrastructure/roster/roster-read-model';
import { bombStream, writeZip } from '@lw/vetting/src/infrastructure/import/zip.fixture';
import { citizenId, waitFor } from '@lw/testing';
import { startHarness, type TiplineHarness } from './test-harness';

// The roster (两委花名册) through the embedded product: imports over HTTP (all or nothing, valid rows
// only, again, twice at once, outside the importer's township), the seed 004 township loaded through
// the roster's commands and its 基本情况 over HTTP and as xlsx, and a record reaching the rules' facts.

const HEADER = ['序号', '村(社区)', '村代码', '姓名', '身份证号', '性别', '民族', '学历', '政治面貌', '入党时间', '职务', '联系电话'];
const IMPORT_DATE = '2021-01-10';

/** Row i's birth day: `i` days after 1960-01-01. */
function birthOf(i: number): Date {
  return new Date(Date.UTC(1960, 0, 1) + i * 86_400_000);
}

interface Village {
  code: string;
  name: string;
}

/**
 * Row i of a roster spread over `villages`: the first row of a village is its 书记, the second its 主任.
 * `seqBase` (a multiple of 10) names the batch; its tens are the id's sequence, so batches never share an id.
 */
function rosterRow(i: number, villages: readonly Village[], seqBase: number, posts?: (k: number) => string): string[] {
  const v = villages[i % villages.length];
  const k = Math.floor(i / villages.length);
  const female = i % 2 === 1;
  const id = citizenId('320724', birthOf(i).toISOString().slice(0, 10), seqBase / 10, female);
  const post = posts ? posts(k) : k === 0 ? '党支部书记' : k === 1 ? '村委会主任' : k % 2 ? '支部委员' : '村委会委员';
  return [String(i + 1), v.name, v.code, `干部${seqBase}-${i}`, id, female ? '女' : '男', '汉族', '高中', '中共党员', `${birthOf(i).getUTCFullYear() + 25}-07-01`, post, `138${String(i).padStart(8, '0')}`];
}

async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['灌南县村（社区）“两委”干部花名册']);
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function form(file: Buffer, fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([new Uint8Array(file)]), '花名册.xlsx');
  return f;
}

describe('roster (两委花名册) in the embedded product', () => {
  let h: TiplineHarness;
  let org: string;
  let township: string;
  let discipline: string;
  let roster: { port: any; queries: any; kernel: any };
  let commands: { execute(c: unknown): Promise<any> };
  let county: Village[];
  let ownTownship: string;
  const db = () => h.db.pool('vetting');
  const count = async (sql: string, params: unknown[] = []) => Number((await db().query(sql, params)).rows[0].n);
  const rosterEvents = () => count(`SELECT count(*) AS n FROM events WHERE stream_id LIKE 'roster-%'`);
  const importAs = (token: string, file: Buffer, fields: Record<string, string>) => h.call('POST', '/vetting/roster/import', { token, form: form(file, { date: IMPORT_DATE, ...fields }) });

  beforeAll(async () => {
    h = await startHarness();
    [org, township, discipline] = await Promise.all(['org_dept', 'township', 'discipline'].map((u) => h.login(u)));
    const vetting = h.s.kernels.find((k) => k.name === 'vetting')!;
    const provided = (token: unknown) => (vetting.providers().find((p: any) => p.provide === token) as any).useValue;
    roster = { port: provided(RosterPort), queries: provided(RosterReadModel), kernel: vetting };
    commands = vetting.commandBus;
    ownTownship = h.s.accounts.find((a) => a.username === 'township')!.node;
    county = vetting.platform.hierarchy.descendants('320724', { level: 'village' }).map((v) => ({ code: v.code, name: v.shortName }));
  }, 180_000);

  afterAll(async () => {
    await h?.stop();
  });

  describe('a 5,000-row county roster with 3 bad rows', () => {
    // The seed 004 township (the demo township) is loaded below with its own secretaries: keep out of it.
    const villages = () => county.filter((v) => !v.code.startsWith(SEED_004_TOWNSHIP) && v.code !== SEED_004_OTHER_VILLAGE);
    let rows: string[][];
    let file: Buffer;

    beforeAll(async () => {
      rows = Array.from({ length: 5000 }, (_, i) => rosterRow(i, villages(), 500));
      const id = rows[9][4];
      rows[9][4] = id.slice(0, 17) + (id[17] === '1' ? '2' : '1'); // spreadsheet row 12 (title, header, then data)
      rows[1999][5] = rows[1999][5] === '男' ? '女' : '男'; // row 2002
      rows[4999][10] = '村长'; // row 5002
      file = await xlsx(rows);
    });

    it('all or nothing: 422 naming exactly those 3 rows, and nothing written', async () => {
      const r = await importAs(org, file, {});
      expect(r.status).toBe(422);
      expect(r.body.refused.map((e: any) => e.row)).toEqual([12, 2002, 5002]);
      expect(r.body.message).toMatch(/^有 3 行不符合要求，本次未导入任何数据/);
      expect(r.body.message).toContain('第 12 行：身份证号校验位不正确');
      expect(r.body.message).toContain('第 5002 行：职务“村长”无法识别');
      expect([r.body.written, r.body.imported]).toEqual([false, 0]);
      expect(await rosterEvents()).toBe(0);
      expect(await count('SELECT count(*) AS n FROM roster_citizen_ids')).toBe(0);
    });

    it('valid rows only: imports the 4,997 good rows in one go and lists the 3 others', async () => {
      const r = await importAs(org, file, { mode: 'valid_rows_only' });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ written: true, rows: 5000, imported: 4997, created: 4997, updated: 0, unchanged: 0 });
      expect(r.body.message).toMatch(/^已导入 4997 行（新增 4997，更新 0，无变化 0）；以下 3 行未导入：第 12 行：/);
      expect(await count('SELECT count(*) AS n FROM roster_citizen_ids')).toBe(4997);
      expect(await count('SELECT count(*) AS n FROM roster_persons')).toBe(4997);
      // One transaction: every event of the import has the same writing transaction.
      expect(await count(`SELECT count(DISTINCT tx_id) AS n FROM events WHERE stream_id LIKE 'roster-%'`)).toBe(1);
    });

    it('importing the same file again changes nothing', async () => {
      const before = await rosterEvents();
      const r = await importAs(org, file, { mode: 'valid_rows_only' });
      expect(r.body).toMatchObject({ imported: 4997, created: 0, updated: 0, unchanged: 4997 });
      expect(await rosterEvents()).toBe(before);
    });

    it('a record added over HTTP reaches the rules engine facts with the negative-list kind and its effect period', async () => {
      const cid = rows[0][4];
      const { rows: found } = await db().query('SELECT person_id FROM roster_citizen_ids WHERE citizen_id = $1', [cid]);
      const personId = found[0].person_id as string;
      expect((await h.call('POST', `/vetting/roster/persons/${personId}/records`, { token: discipline, json: { kind: '撤销党内职务', date: '2024-03-01' } })).status).toBe(403);
      expect((await h.call('POST', `/vetting/roster/persons/${personId}/records`, { token: township, json: { kind: '撤销党内职务', date: '2024-03-01' } })).status).toBe(404); // another township's person
      const bad = await h.call('POST', `/vetting/roster/persons/${personId}/records`, { token: org, json: { kind: '通报批评', date: '2024-03-01' } });
      expect([bad.status, bad.body.message]).toEqual([422, expect.stringContaining('可填写：党内警告')]);
      const r = await h.call('POST', `/vetting/roster/persons/${personId}/records`, { token: org, json: { kind: '撤销党内职务', date: '2024-03-01', source: '县纪委 2024 第 3 号' } });
      expect(r.status).toBe(201);
      expect(r.body.record).toMatchObject({ kind: 'party_sanction_removal_or_above', label: '撤销党内职务', endsOn: '2026-02-28' });
      // An assessment's member grade counts as an appraisal too.
      await roster.kernel.store.append(`assessment-${rows[0][2]}-2025`, 'no_stream', [
        { type: 'AssessmentRecorded', data: { assessmentId: 'as-1', villageCode: rows[0][2], period: '2025', year: 2025, memberGrades: [{ personId, name: rows[0][3], grade: '不称职' }] } },
      ]);
      await waitFor(async () => (await roster.port.personFacts([personId], '2026-01-01')).get(personId).appraisals.length > 0, 10_000, 'assessment grade projected');
      const facts = (await roster.port.personFacts([personId, 'nobody'], '2026-01-01')) as Map<string, any>;
      expect([...facts.keys()]).toEqual([personId]);
      expect(facts.get(personId)).toMatchObject({
        name: rows[0][3],
        gender: 'male',
        birthDate: '1960-01-01',
        records: [{ kind: 'party_sanction_removal_or_above', date: '2024-03-01', endsOn: '2026-02-28' }],
        appraisals: [{ year: 2025, grade: '不称职' }],
        underInvestigation: null,
      });
      expect((await roster.port.personFacts([personId], '2024-02-29')).get(personId).records).toEqual([]); // not yet known then
      const person = await h.call('GET', `/vetting/roster/persons/${personId}`, { token: discipline });
      expect(person.status).toBe(200);
      expect(person.body.citizenId).toBe(`${cid.slice(0, 4)}**********${cid.slice(14)}`);
      // The election side re-reads this person on the event named in ROSTER_FACT_EVENTS.
      const { rows: ev } = await db().query(`SELECT type, data->>'personId' AS p FROM events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1`, [`roster-person-${personId}`]);
      expect(ev[0]).toEqual({ type: 'RecordAdded', p: personId });
      // No id number in any log line.
      expect(h.logs.join('\n')).not.toContain(cid);
    });
  });

  it('two identical imports at once create each person once', async () => {
    const village = county.find((v) => !v.code.startsWith(SEED_004_TOWNSHIP))!;
    const file = await xlsx(Array.from({ length: 12 }, (_, i) => rosterRow(i, [village], 700, () => '支部委员')));
    const [a, b] = await Promise.all([importAs(org, file, {}), importAs(org, file, {})]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.body.created + b.body.created, a.body.unchanged + b.body.unchanged]).toEqual([12, 12]);
    expect(await count(`SELECT count(*) AS n FROM roster_persons WHERE name LIKE '干部700-%'`)).toBe(12);
    expect(await count(`SELECT count(*) AS n FROM events WHERE type = 'PersonRecorded' AND data->>'name' LIKE '干部700-%'`)).toBe(12);
    expect(await count(`SELECT count(*) AS n FROM roster_holdings WHERE village_code = $1 AND post = '委员' AND body = 'party'`, [village.code])).toBeGreaterThanOrEqual(12);
  });

  it('a township user cannot import a row of another township’s village', async () => {
    const own = county.find((v) => v.code.startsWith(ownTownship))!;
    const other = county.find((v) => !v.code.startsWith(ownTownship))!;
    const file = await xlsx([rosterRow(0, [own], 800, () => '支部委员'), rosterRow(1, [other], 800, () => '支部委员')]);
    const refused = await importAs(township, file, {});
    expect(refused.status).toBe(422);
    expect(refused.body.refused).toEqual([expect.objectContaining({ row: 4, message: `第 4 行：村代码“${other.code}”不在本次导入范围内的村（社区）中` })]);
    const partial = await importAs(township, file, { mode: 'valid_rows_only' });
    expect(partial.body).toMatchObject({ imported: 1, created: 1 });
    expect(await count(`SELECT count(*) AS n FROM roster_persons WHERE name LIKE '干部800-%'`)).toBe(1);
    expect((await h.call('GET', `/vetting/roster/villages/${other.code}`, { token: township })).status).toBe(404);
    expect((await h.call('GET', `/vetting/roster/villages/${own.code}?date=${IMPORT_DATE}`, { token: township })).body.members).toHaveLength(1);
  });

  it('refuses a request without a file or with an unknown mode (400), and a dry run writes nothing', async () => {
    const village = county.find((v) => !v.code.startsWith(SEED_004_TOWNSHIP))!;
    const file = await xlsx([rosterRow(0, [village], 900, () => '支部委员')]);
    const noFile = new FormData();
    noFile.append('mode', 'all_or_nothing');
    expect((await h.call('POST', '/vetting/roster/import', { token: org, form: noFile })).status).toBe(400);
    const badMode = await importAs(org, file, { mode: 'some' });
    expect([badMode.status, badMode.body.message]).toEqual([400, expect.stringContaining('导入方式')]);
    const before = await rosterEvents();
    const dry = await importAs(org, file, { dryRun: 'true' });
    expect(dry.body).toMatchObject({ dryRun: true, written: false, imported: 1, created: 1 });
    expect(dry.body.message).toMatch(/^（试导入，未写入）已导入 1 行/);
    expect(await rosterEvents()).toBe(before);
  });

  it('refuses an xlsx zip bomb (300 MB of sheet in ≈300 KB) with a 422 before parsing it, whatever size it declares', async () => {
    const bomb = bombStream('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>', 300, '</sheetData></worksheet>');
    const before = await rosterEvents();
    for (const size of [bomb.size, 4096]) {
      const file = writeZip([{ name: 'xl/worksheets/sheet1.xml', deflated: bomb.deflated, size }]);
      const r = await importAs(org, file, {});
      expect([r.status, r.body.code]).toEqual([422, 'import.xlsx_too_large']);
      expect(r.body.message).toContain('解压后的内容过大');
    }
    expect(await rosterEvents()).toBe(before);
    expect((await h.call('GET', `/vetting/roster/villages/${county[0].code}`, { token: org })).status).toBe(200); // still serving
  });

  it('serves elections through the port: relatives, roles, investigations, names, and a new term in the caller’s transaction', async () => {
    const village = county.find((v) => !v.code.startsWith(SEED_004_TOWNSHIP) && v.code !== SEED_004_OTHER_VILLAGE)!;
    const rows = [rosterRow(0, [village], 950, () => '支部委员'), rosterRow(1, [village], 950, () => '村委会委员')];
    expect((await importAs(org, await xlsx(rows), {})).status).toBe(200);
    const [a, b] = await Promise.all(rows.map(async (r) => (await roster.queries.personIdByName(village.code, r[3]))[0] as string));
    expect(a && b && a !== b).toBe(true);
    const post = (id: string, what: string, json: unknown) => h.call('POST', `/vetting/roster/persons/${id}/${what}`, { token: org, json });
    expect((await post(a, 'relatives', { relativeId: b, kind: '配偶' })).status).toBe(201);
    expect((await post(a, 'relatives', { relativeId: a, kind: '配偶' })).status).toBe(422);
    expect((await post(a, 'roles', { role: '会计', villageCode: village.code, since: '2021-01-10' })).status).toBe(201);
    const opened = await post(a, 'investigations', { since: '2025-06-01', source: '县纪委立案' });
    expect(opened.status).toBe(201);
    expect(await roster.port.relativesAmong([b, a])).toEqual([{ personId: a, relativeId: b, kind: '配偶' }]);
    const facts = (await roster.port.personFacts([a], '2026-01-01')).get(a);
    expect([facts.roles, facts.underInvestigation]).toEqual([['会计'], { since: '2025-06-01', source: '县纪委立案' }]);
    expect((await post(a, `investigations/${opened.body.investigationId}/close`, { closedOn: '2025-09-30' })).status).toBe(200);
    expect((await roster.port.personFacts([a], '2026-01-01')).get(a).underInvestigation).toBeNull();

    const change = { villageCode: village.code, on: '2026-01-05', bodies: ['party'], members: [{ personId: b, body: 'party', post: '委员' }] };
    const inForce = async () => (await roster.port.holdingsOfVillage(village.code)).filter((x: any) => x.body === 'party' && !x.to).map((x: any) => x.personId);
    const withTx = async (end: 'COMMIT' | 'ROLLBACK') => {
      const c = await db().connect();
      try {
        await c.query('BEGIN');
        await roster.port.startTerm(change, null, c);
        await c.query(end);
      } finally {
        c.release();
      }
    };
    expect(await inForce()).toContain(a);
    await withTx('ROLLBACK');
    expect(await count(`SELECT count(*) AS n FROM events WHERE stream_id = $1 AND type = 'HoldingEnded'`, [`roster-village-${village.code}`])).toBe(0);
    await withTx('COMMIT');
    await waitFor(async () => !(await inForce()).includes(a), 10_000, 'new term projected');
    expect(await inForce()).toEqual([b]);
  });

  describe('seed 004, report 1, loaded through the roster commands', () => {
    beforeAll(async () => {
      const { persons, holdings } = seed004Roster();
      const firstVillage = new Map<string, string>();
      for (const x of [...holdings].sort((a, b) => a.from.localeCompare(b.from))) if (!firstVillage.has(x.personId)) firstVillage.set(x.personId, x.villageCode);
      const ids = new Map<string, string>();
      for (const p of persons) {
        const personId: string = await commands.execute(
          new RecordPerson(
            {
              name: p.name, citizenId: p.citizenId, ethnicity: p.ethnicity, education: p.education, politicalStatus: p.politicalStatus, partyJoinDate: p.partyJoinDate ?? null,
              phone: p.phone ?? null, tags: [...p.tags], villageCode: firstVillage.get(p.id) ?? `${SEED_004_TOWNSHIP}001`,
            },
            null,
          ),
        );
        ids.set(p.id, personId);
        // The clerk's own words for each sanction, through the same commands the HTTP API uses.
        for (const [k, r] of p.disciplinaryRecords.entries()) {
          await commands.execute(new AddRecord(personId, { recordId: `${p.id}-${k}`, text: r.kind, date: r.date, endsOn: r.effectEndsOn ?? null, source: null }, null));
        }
        for (const a of p.appraisals) await commands.execute(new RecordAppraisal(personId, a.year, a.grade, null));
      }
      for (const x of [...holdings].sort((a, b) => a.from.localeCompare(b.from))) {
        await commands.execute(new StartHolding({ personId: ids.get(x.personId)!, villageCode: x.villageCode, body: x.body, post: x.post, from: x.from }, null));
        if (x.to) await commands.execute(new EndHolding({ villageCode: x.villageCode, personId: ids.get(x.personId)!, body: x.body, post: x.post, on: x.to }, null));
      }
    }, 120_000);

    const query = `scope=${SEED_004_TOWNSHIP}&date=${SEED_004_DATE}&lastElectionDate=${SEED_004_LAST_ELECTION}`;

    it('reproduces the 基本情况 figures over HTTP: 95 = 57 + 83 − 45 …', async () => {
      const r = await h.call('GET', `/vetting/roster/basic-situation?${query}`, { token: township });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        cadres: 95, partyCommittee: 57, villagersCommittee: 83, crossAppointed: 45, oneShoulder: 7,
        partyStatus: { 正式党员: 80, 预备党员: 4, 无党派或民主党派: 1, 群众: 10 },
        women: 40,
        ageBands: { under45: 25, from45to54: 42, from55: 28 },
        averageAge: 48.1,
        education: { 大专及以上: 10, '高中·中专': 59, 初中: 26, 小学: 0 },
        disciplinedSinceElection: 15,
        disciplinedInEffect: 2,
        reserve: 30,
      });
      // Scope: the township of another user is not found; bad dates are a 400.
      expect((await h.call('GET', `/vetting/roster/basic-situation?scope=320724101&date=2020-11-30&lastElectionDate=2016-12-15`, { token: township })).status).toBe(404);
      expect((await h.call('GET', `/vetting/roster/basic-situation?scope=${SEED_004_TOWNSHIP}&date=2020-13-01&lastElectionDate=2016-12-15`, { token: township })).status).toBe(400);
    });

    it('exports the same figures as xlsx, which reads back to them', async () => {
      const json = (await h.call('GET', `/vetting/roster/basic-situation?${query}`, { token: org })).body;
      const res = await h.call('GET', `/vetting/roster/basic-situation.xlsx?${query}`, { token: org });
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.bytes as any);
      const figures = new Map<string, unknown>();
      wb.getWorksheet('基本情况')!.eachRow((row) => figures.set(String(row.getCell(1).value), row.getCell(2).value));
      expect(figures.get('两委干部总数（人）')).toBe(json.cadres);
      expect([figures.get('两委干部总数（人）'), figures.get('村（社区）党组织委员（人）'), figures.get('村（居）民委员会委员（人）'), figures.get('交叉任职（人）')]).toEqual([95, 57, 83, 45]);
      expect([figures.get('女性（人）'), figures.get('45周岁以下（人）'), figures.get('平均年龄（周岁）'), figures.get('其中仍在处分影响期内（人）')]).toEqual([40, 25, 48.1, 2]);
    });
  });
});
