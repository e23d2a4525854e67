import { citizenId } from '@lw/testing';
import { startHarness, type TiplineHarness } from './test-harness';

// Hostile roster files through the embedded product: a control character inside a cell is refused
// with the file (422 naming row and column), never a 500 from PostgreSQL (22P05), nothing written.

const HEADER = ['序号', '村(社区)', '村代码', '姓名', '身份证号', '性别', '民族', '学历', '政治面貌', '入党时间', '职务', '联系电话'];

describe('roster import of a cell with a control character', () => {
  let h: TiplineHarness;
  let org: string;
  let village: { code: string; name: string };
  const db = () => h.db.pool('vetting');
  const count = async (sql: string) => Number((await db().query(sql)).rows[0].n);

  beforeAll(async () => {
    h = await startHarness();
    org = await h.login('org_dept');
    const vetting = h.s.kernels.find((k) => k.name === 'vetting')!;
    const v = vetting.platform.hierarchy.descendants('320724', { level: 'village' })[0];
    village = { code: v.code, name: v.shortName };
  }, 180_000);

  afterAll(async () => {
    await h?.stop();
  });

  it.each([
    ['NUL in the name', 3, '\u0000'],
    ['a bell in the ethnicity', 6, '\u0007'],
  ])('%s: 422 naming the row and column, nothing written', async (_what, column, char) => {
    const row = ['1', village.name, village.code, '张三', citizenId('320724', '1970-03-15', 12), '男', '汉族', '高中', '中共党员', '1995-07-01', '党支部书记', '13800000000'];
    row[column] = `${row[column].slice(0, 1)}${char}${row[column].slice(1)}`;
    const csv = `${HEADER.join(',')}\r\n${row.join(',')}\r\n`;
    for (const mode of ['all_or_nothing', 'valid_rows_only']) {
      const form = new FormData();
      form.append('date', '2021-01-10');
      form.append('mode', mode);
      form.append('file', new Blob([new Uint8Array(Buffer.from(csv))]), '花名册.csv');
      const r = await h.call('POST', '/vetting/roster/import', { token: org, form });
      expect([r.status, r.body.code]).toEqual([422, 'import.control_character']);
      expect(r.body.message).toContain(`第 2 行 ${String.fromCharCode(65 + column)} 列（${HEADER[column]}）含有不可见的控制字符`);
    }
    expect(await count(`SELECT count(*) AS n FROM events WHERE stream_id LIKE 'roster-%'`)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM roster_citizen_ids')).toBe(0);
  });
});
