import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createTestDatabase, HttpClient, TestDatabase } from '@lw/testing';
import { createLogger, loadConfig, SERVICES } from '@lw/runtime';
import { Standalone, startStandalone } from './standalone';

// The embedded host end to end over HTTP, on a fresh database of the test server.
describe('standalone host', () => {
  let db: TestDatabase;
  let dataDir: string;
  let s: Standalone;
  let http: HttpClient;

  beforeAll(async () => {
    db = await createTestDatabase('standalone');
    dataDir = mkdtempSync(join(tmpdir(), 'lw-standalone-'));
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: db.url, PORT: '0' }, 'embedded');
    s = await startStandalone({ config, logger: createLogger({ service: 'test', level: 'silent' }) });
    http = new HttpClient(s.url);
  }, 120_000);

  afterAll(async () => {
    await s?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function login(username: string): Promise<string> {
    const res = await http.call('POST', '/auth/login', { json: { username, password: s.demoPassword } });
    expect(res.status).toBe(200);
    return res.body.token;
  }

  const get = (path: string, token?: string) => http.call('GET', path, { token });

  it('imports the demo county 灌南县 with its 11 townships and 238 villages', () => {
    expect(s.county).toEqual({ code: '320724', name: '灌南县', townships: 11, villages: 238 });
  });

  it.each(SERVICES)('serves health of the %s service without a token', async (name) => {
    const res = await get(`/${name}/health`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ service: name, status: 'ok', checks: { database: { ok: true } } });
  });

  it('gives every service its own schema with the event store, inbox and jobs tables', async () => {
    const pool = db.pool();
    for (const name of SERVICES) {
      const { rows } = await pool.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
        [name],
      );
      expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['events', 'outbox', 'inbox', 'jobs', 'schema_migrations']));
    }
  });

  it('creates one demo account per role, and logging in works', async () => {
    expect(s.accounts.map((a) => a.role).sort()).toEqual(
      ['admin', 'auditor', 'civil_affairs', 'discipline', 'liaison', 'org_dept', 'review_dept', 'township'].sort(),
    );
    const res = await get('/auth/me', await login('org_dept'));
    expect(res.status).toBe(200);
  });

  it('keeps a township user inside its township when browsing the tree', async () => {
    const token = await login('township');
    const own = s.accounts.find((a) => a.username === 'township')!.node;
    expect((await get(`/hierarchy/nodes/${own}/children`, token)).status).toBe(200);
    const other = own === '320724101' ? '320724100' : '320724101';
    const res = await get(`/hierarchy/nodes/${other}/children`, token);
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('该地区不存在或不在您的管辖范围内');
    expect((await get(`/hierarchy/nodes/${own}/children`)).status).toBe(401);
  });

  it('finds a township by pinyin initials for a county user', async () => {
    const res = await get('/hierarchy/search?q=xaz', await login('org_dept'));
    const found: { name: string }[] = res.body;
    expect(found.map((n) => n.name)).toContain('新安镇');
  });

  describe('calendar administration', () => {
    const arrangement2027 = {
      year: 2027,
      source: '测试用安排（非官方）',
      holidays: [
        { date: '2027-10-01', name: '国庆节' },
        { date: '2027-10-04', name: '国庆节' },
      ],
      makeUpWorkdays: [{ date: '2027-09-26', name: '国庆节' }],
    };

    it('refuses a year arrangement from anyone but an administrator', async () => {
      const res = await http.call('PUT', '/admin/calendar/years/2027', { token: await login('township'), json: arrangement2027 });
      expect(res.status).toBe(403);
    });

    it('rejects an invalid arrangement with a Chinese message and stores nothing', async () => {
      const res = await http.call('PUT', '/admin/calendar/years/2027', { token: await login('admin'), json: { ...arrangement2027, makeUpWorkdays: [{ date: '2027-10-01', name: '国庆节' }] } });
      expect(res.status).toBe(422);
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
      const { rows } = await db.pool('platform').query('SELECT count(*)::int AS n FROM calendar_years');
      expect(rows[0].n).toBe(0);
    });

    it('moves the data horizon when an administrator loads a year, without a release', async () => {
      const admin = await login('admin');
      const before = (await get('/admin/calendar', admin)).body;
      expect(before.horizon).toBe(2026);
      const res = await http.call('PUT', '/admin/calendar/years/2027', { token: admin, json: arrangement2027 });
      expect(res.status).toBe(200);
      const after = (await get('/admin/calendar', admin)).body;
      expect(after.horizon).toBe(2027);
      expect(after.loaded).toEqual([expect.objectContaining({ year: 2027 })]);
    });
  });
});
