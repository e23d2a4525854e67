import { startHarness, type TiplineHarness } from './test-harness';

// The public form's per-client cap, on a product started with a cap of 2 submissions an hour.
describe('tip-line public submission cap', () => {
  let h: TiplineHarness;

  beforeAll(async () => {
    h = await startHarness({ TIPLINE_PUBLIC_SUBMISSIONS_PER_HOUR: '2' });
  }, 180_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('refuses the third tip from one client within the hour with 429 and Retry-After, writing nothing', async () => {
    const village = h.s.accounts.find((a) => a.username === 'liaison')!.node;
    const tip = { category: 'inaction', subjects: [{ kind: 'village', villageCode: village }], text: '村务长期不公开。', anonymous: true };
    const first = await h.call('POST', '/tipline/public/tips', { json: tip });
    const second = await h.call('POST', '/tipline/public/tips', { json: { ...tip, category: 'work_style' } });
    expect([first.status, second.status]).toEqual([201, 201]);
    const before = (await h.db.pool('tipline').query('SELECT count(*)::int AS n FROM events')).rows[0].n;
    const third = await h.call('POST', '/tipline/public/tips', { json: { ...tip, category: 'misconduct' } });
    expect(third.status).toBe(429);
    expect(third.body.message).toContain('提交过于频繁');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await h.db.pool('tipline').query('SELECT count(*)::int AS n FROM events')).rows[0].n).toBe(before);
  });

  it('answers a malformed form with its 400 even when the client is at its cap (validation comes first)', async () => {
    const bad = await h.call('POST', '/tipline/public/tips', { json: { category: 'inaction' } });
    expect(bad.status).toBe(400);
  });
});
