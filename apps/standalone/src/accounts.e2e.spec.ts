import { PgIdentityStore } from '@lw/auth';
import { DEFAULT_PACK_DATA } from '@lw/vetting';
import { startHarness, type TiplineHarness } from './test-harness';

/*
 * Accounts of embedded mode for real use (LW_DEMO_ACCOUNTS=0), and who may change installation-wide
 * data: the working calendar (national) only from the installation's top node, with a reason and
 * every version kept; policy packs only from a county node or above.
 */
describe('embedded accounts and installation-wide data (embedded product, HTTP)', () => {
  let h: TiplineHarness;
  let identity: PgIdentityStore;
  let admin: string;
  const NEW_PASSWORD = 'county-keeper-2026';
  const arrangement = { year: 2027, source: '测试用安排（非官方）', holidays: [{ date: '2027-10-01', name: '国庆节' }], makeUpWorkdays: [] };

  beforeAll(async () => {
    h = await startHarness({ LW_DEMO_ACCOUNTS: '0' });
    identity = new PgIdentityStore(h.db.pool('auth', 1));
  }, 180_000);

  afterAll(async () => {
    delete process.env.LW_DEMO_ACCOUNTS;
    await h?.stop();
  });

  it('creates only an admin, whose generated password must be changed before anything else', async () => {
    expect(h.s.demoAccounts).toBe(false);
    expect(h.s.accounts.map((a) => a.username)).toEqual(['admin']);
    expect(h.s.demoPassword.length).toBeGreaterThanOrEqual(12);
    for (const demo of ['discipline', 'org_dept', 'township']) {
      expect((await h.call('POST', '/auth/login', { json: { username: demo, password: h.s.demoPassword } })).status).toBe(401);
    }
    const first = await h.call('POST', '/auth/login', { json: { username: 'admin', password: h.s.demoPassword } });
    expect(first.status).toBe(200);
    expect(first.body.user.mustChangePassword).toBe(true);
    const blocked = await h.call('GET', '/admin/calendar', { token: first.body.token });
    expect(blocked.status).toBe(403);
    expect(blocked.body.message).toBe('请先修改初始密码');
    const weak = await h.call('POST', '/auth/password', { token: first.body.token, json: { currentPassword: h.s.demoPassword, newPassword: 'admin-admin-1' } });
    expect(weak.status).toBe(422);
    expect((await h.call('POST', '/auth/password', { token: first.body.token, json: { currentPassword: h.s.demoPassword, newPassword: NEW_PASSWORD } })).status).toBe(204);
    expect((await h.call('GET', '/admin/calendar', { token: first.body.token })).status).toBe(200);
    admin = first.body.token;
  });

  it('lets only an admin at the installation\u2019s top node change the calendar, and keeps every version', async () => {
    const county = h.s.county.code;
    const township = (await h.call('GET', `/hierarchy/nodes/${county}/children`, { token: admin })).body[0].code;
    await identity.createUser({ username: 'town_admin', displayName: '乡镇管理员', password: NEW_PASSWORD, roles: ['admin'], node: township });
    const townAdmin = (await h.call('POST', '/auth/login', { json: { username: 'town_admin', password: NEW_PASSWORD } })).body.token;
    const put = (token: string, body: unknown) => h.call('PUT', '/admin/calendar/years/2027', { token, json: body });

    const refused = await put(townAdmin, arrangement);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('最高层级');
    expect((await put(admin, arrangement)).status).toBe(200);
    const noReason = await put(admin, { ...arrangement, holidays: [{ date: '2027-10-08', name: '国庆节' }] });
    expect(noReason.status).toBe(422);
    expect(noReason.body.message).toContain('原因');
    const changed = await put(admin, { ...arrangement, holidays: [{ date: '2027-10-08', name: '国庆节' }], reason: '通知更正' });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);
    const versions = (await h.call('GET', '/admin/calendar/years/2027/versions', { token: admin })).body;
    expect(versions.map((v: { version: number; reason: string }) => [v.version, v.reason])).toEqual([
      [1, '首次载入：测试用安排（非官方）'],
      [2, '通知更正'],
    ]);
    expect(versions[0].arrangement.holidays).toEqual([{ date: '2027-10-01', name: '国庆节' }]);
    // A year past any integer the database holds was a 500.
    const far = await h.call('GET', '/admin/calendar/years/99999999999/versions', { token: admin });
    expect([far.status, far.body.message]).toEqual([400, '年份须在 1900 至 2100 之间']);
  });

  it('refuses a policy pack released from below county level', async () => {
    const county = h.s.county.code;
    const township = (await h.call('GET', `/hierarchy/nodes/${county}/children`, { token: admin })).body[0].code;
    await identity.createUser({ username: 'town_org', displayName: '乡镇组织委员', password: NEW_PASSWORD, roles: ['org_dept'], node: township });
    await identity.createUser({ username: 'county_org', displayName: '县委组织部', password: NEW_PASSWORD, roles: ['org_dept'], node: county });
    const login = async (username: string) => (await h.call('POST', '/auth/login', { json: { username, password: NEW_PASSWORD } })).body.token;
    const pack = { ...DEFAULT_PACK_DATA, id: 'county2027', version: 1, name: '2027 年换届（县定）', cutOffDate: '2027-12-31' };
    const low = await h.call('POST', '/vetting/policy-packs', { token: await login('town_org'), json: pack });
    expect(low.status).toBe(403);
    expect(low.body.message).toContain('县级及以上');
    expect((await h.call('POST', '/vetting/policy-packs', { token: await login('county_org'), json: pack })).status).toBe(201);
    // The padded form of the county's code names the county too.
    await identity.createUser({ username: 'county_org_padded', displayName: '县委组织部', password: NEW_PASSWORD, roles: ['org_dept'], node: county.padEnd(12, '0') });
    const padded = { ...pack, id: 'county2027b' };
    expect((await h.call('POST', '/vetting/policy-packs', { token: await login('county_org_padded'), json: padded })).status).toBe(201);
  });
});
