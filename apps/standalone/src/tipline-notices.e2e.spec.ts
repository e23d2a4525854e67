import { newEnvelope } from '@lw/domain';
import { publicNoticeStarted, waitFor } from '@lw/testing';
import { startHarness, type TiplineHarness } from './test-harness';

// The public list of candidates under notice (公示), filled from vetting's PublicNoticeStarted /
// PublicNoticeEnded events: only running notices, no id number, paginated, by township or village.
describe('tip-line public notices (embedded product, HTTP)', () => {
  let h: TiplineHarness;
  let village: string;
  let township: string;
  let otherVillage: string;
  const shanghaiDay = (offsetDays: number) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const CITIZEN_ID = '320724198001010015';

  async function notice(noticeId: string, villageCode: string, startsOn: string, endsOn: string, candidates: { candidateId: string; name: string; post: string; citizenId?: string }[]) {
    await h.tipline.bus.publish([publicNoticeStarted({ noticeId, electionId: 'e-1', villageCode, startsOn, endsOn, candidates })]);
    await waitFor(async () => (await h.db.pool('tipline').query('SELECT 1 FROM public_notices WHERE notice_id = $1', [noticeId])).rowCount === 1, 30_000, `notice ${noticeId}`);
  }

  beforeAll(async () => {
    h = await startHarness();
    village = h.s.accounts.find((a) => a.username === 'liaison')!.node;
    township = h.s.accounts.find((a) => a.username === 'township')!.node.padEnd(12, '0').slice(0, 9);
    const rows = await h.db.pool('hierarchy').query<{ code: string }>(
      `SELECT code FROM divisions WHERE level = 'village' AND code LIKE '320724%' AND code NOT LIKE $1 || '%' ORDER BY code LIMIT 1`,
      [township],
    );
    otherVillage = rows.rows[0].code.padEnd(12, '0');
    await notice('pn-running', village, shanghaiDay(-1), shanghaiDay(3), [
      { candidateId: 'c-1', name: '钱候选', post: '村党组织书记', citizenId: CITIZEN_ID },
      { candidateId: 'c-2', name: '孙候选', post: '村委会委员' },
    ]);
    await notice('pn-other', otherVillage, shanghaiDay(0), shanghaiDay(5), [{ candidateId: 'c-3', name: '李候选', post: '村委会主任' }]);
    await notice('pn-future', village, shanghaiDay(2), shanghaiDay(8), [{ candidateId: 'c-4', name: '周未来', post: '村委会委员' }]);
    await notice('pn-past', village, shanghaiDay(-9), shanghaiDay(-2), [{ candidateId: 'c-5', name: '吴过期', post: '村委会委员' }]);
    await notice('pn-ended', otherVillage, shanghaiDay(-1), shanghaiDay(4), [{ candidateId: 'c-6', name: '郑撤回', post: '村委会委员' }]);
    await h.tipline.bus.publish([
      newEnvelope({ type: 'vetting.PublicNoticeEnded', version: 1, producer: 'vetting', villageCode: otherVillage, actor: null, payload: { noticeId: 'pn-ended', villageCode: otherVillage, endedOn: shanghaiDay(0) } }),
    ]);
    await waitFor(async () => (await h.db.pool('tipline').query(`SELECT 1 FROM public_notices WHERE notice_id = 'pn-ended' AND ended_on IS NOT NULL`)).rowCount === 1, 30_000, 'notice ended');
  }, 180_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('lists only the candidates of notices running today, without login, with village, post, name and last day only', async () => {
    const r = await h.call('GET', '/tipline/public/notices');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(r.body.rows.map((x: any) => x.name).sort()).toEqual(['孙候选', '李候选', '钱候选']);
    const qian = r.body.rows.find((x: any) => x.name === '钱候选');
    expect(Object.keys(qian).sort()).toEqual(['endsOn', 'name', 'post', 'townshipName', 'villageCode', 'villageName']);
    expect(qian).toMatchObject({ villageCode: village, post: '村党组织书记', endsOn: shanghaiDay(3) });
    expect(qian.villageName).toMatch(/[\u4e00-\u9fa5]/);
    expect(qian.townshipName).toMatch(/[\u4e00-\u9fa5]/);
    expect(r.raw).not.toContain(CITIZEN_ID);
    expect(r.raw).not.toMatch(/c-[0-9]|pn-|candidateId|citizenId|noticeId/);
  });

  it('paginates on the server and filters by township or village', async () => {
    const p1 = await h.call('GET', '/tipline/public/notices?page=1&pageSize=2');
    const p2 = await h.call('GET', '/tipline/public/notices?page=2&pageSize=2');
    expect(p1.body.rows).toHaveLength(2);
    expect(p2.body.rows).toHaveLength(1);
    expect(p1.body.total).toBe(3);
    expect(new Set([...p1.body.rows, ...p2.body.rows].map((x: any) => x.name)).size).toBe(3);
    // Ordered by the notice's end: the village's notice (ends in 3 days) before the other (5 days).
    expect(p1.body.rows[0].endsOn <= p2.body.rows[0].endsOn).toBe(true);

    const byTownship = await h.call('GET', `/tipline/public/notices?township=${township}`);
    expect(byTownship.body.rows.map((x: any) => x.name).sort()).toEqual(['孙候选', '钱候选']);
    const byVillage = await h.call('GET', `/tipline/public/notices?village=${otherVillage}`);
    expect(byVillage.body.rows.map((x: any) => x.name)).toEqual(['李候选']);
    const outside = await h.call('GET', '/tipline/public/notices?village=110101001001');
    expect(outside.body).toMatchObject({ total: 0, rows: [] });
  });

  it('refuses bad paging with a Chinese message', async () => {
    const r = await h.call('GET', '/tipline/public/notices?pageSize=1000');
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toMatch(/每页/);
    expect((await h.call('GET', '/tipline/public/notices?page=0')).status).toBe(400);
    expect((await h.call('GET', '/tipline/public/notices?township=abc')).status).toBe(400);
  });

  it('offers the townships and their villages to the public form', async () => {
    const towns = await h.call('GET', '/tipline/public/places');
    expect(towns.status).toBe(200);
    expect(towns.body.length).toBeGreaterThan(5);
    expect(towns.body.every((t: any) => t.level === 'township' && /^\d{12}$/.test(t.code))).toBe(true);
    const villages = await h.call('GET', `/tipline/public/places?parent=${township}`);
    expect(villages.body.map((v: any) => v.code)).toContain(village);
    expect((await h.call('GET', '/tipline/public/places?parent=110101001')).status).toBe(404);
  });

  it('takes an objection: a public tip naming a listed candidate in that village', async () => {
    const form = new FormData();
    form.set(
      'tip',
      JSON.stringify({
        category: 'improper_nomination',
        subjects: [{ kind: 'person', name: '钱候选', post: '村党组织书记', villageCode: village }],
        text: '对公示候选人钱候选有异议：曾有违规操作。',
        anonymous: true,
      }),
    );
    const sent = await h.call('POST', '/tipline/public/tips', { form });
    expect(sent.status).toBe(201);
    const { rows } = await h.db.pool('tipline').query('SELECT tip_id FROM receipts WHERE locator = $1', [sent.body.receiptCode.replace(/-/g, '').slice(0, 8)]);
    const token = await h.login('discipline');
    const detail = await h.call('GET', `/tipline/tips/${rows[0].tip_id}`, { token });
    expect(detail.body.objection).toEqual({ noticeId: 'pn-running', endsOn: shanghaiDay(3), candidateId: 'c-1' });
    const objection = detail.body.deadlines.find((d: any) => d.kind === 'objection');
    expect(objection.remaining).toMatchObject({ overdue: false, unit: 'calendar_days', value: 3 });
    const ack = detail.body.deadlines.find((d: any) => d.kind === 'acknowledgement');
    expect(ack.remaining).toMatchObject({ unit: 'hours', overdue: false });
    expect(ack.remaining.label).toMatch(/^剩余 \d+ 小时$/);
  });

  it('lists the notice candidates in the OpenAPI document', async () => {
    const r = await h.call('GET', '/tipline/openapi.json');
    expect(r.body.paths['/tipline/public/notices'].get.security).toEqual([]);
  });
});
