import { Body, Controller, Get, Module, Param, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Actor } from '@lw/domain';
import { migrate } from '@lw/db';
// Test-only: the hosts' scope checker is the hierarchy's tree, so the guard is tested with it.
import { Hierarchy, hierarchyMigrations, importDivisions } from '@lw/hierarchy';
// Test-only dependency on the shared test harness (real PostgreSQL).
import { createTestDatabase, HttpClient, sleep, type TestDatabase } from '@lw/testing';
import { request as httpRequest } from 'http';
import { decodeJwt } from 'jose';
import type { AddressInfo } from 'net';
import type { Pool } from 'pg';
import { AuditLog } from '../audit/audit-log';
import { authMigrations } from '../auth.migrations';
import { PgIdentityStore } from '../identity/pg-identity-store';
import { SecretTokenVerifier } from '../tokens/secret-token-verifier';
import { TokenIssuer } from '../tokens/token-issuer';
import { AuthModule } from './auth.module';
import { CurrentActor } from './current-actor.decorator';
import { Public } from './public.decorator';
import { sessionCookie } from './session-cookie';
import { Roles } from './roles.decorator';
import { ScopedBy } from './scoped-by.decorator';

const TOWNSHIP_A = '320724101';
const TOWNSHIP_B = '320724102';
const VILLAGE_A = '320724101200';
const VILLAGE_B = '320724102201';
const SECRET = 'e2e-secret-e2e-secret-e2e-secret-e2e';
const PASSWORD = 'demo-password-1';
const OUTSIDE = '该地区不存在或不在您的管辖范围内';

@Controller('villages')
class VillagesController {
  @Get(':villageCode')
  @Roles('township', 'org_dept', 'liaison')
  @ScopedBy('param', 'villageCode')
  show(@Param('villageCode') code: string) {
    return { code };
  }

  @Post(':villageCode/notes')
  @Roles('township', 'org_dept')
  @ScopedBy('param', 'villageCode')
  note(@Param('villageCode') code: string, @CurrentActor() actor: Actor) {
    return { code, actor };
  }
}

@Controller('cases')
class CasesController {
  @Post()
  @ScopedBy('body', 'villageCode')
  open(@Body() body: { villageCode: string }) {
    return { villageCode: body.villageCode };
  }
}

@Controller()
class MiscController {
  @Public()
  @Post('tips')
  submit() {
    return { receipt: 'R-1' };
  }

  @Post('admin/calendar')
  @Roles('admin')
  loadCalendar() {
    return { loaded: true };
  }
}

describe('AuthModule over HTTP (NestJS + PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let app: INestApplication;
  let base: string;
  let http: HttpClient;
  let audit: AuditLog;
  let store: PgIdentityStore;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase('auth_http');
    pool = db.pool('auth', 8);
    await migrate(pool, 'auth', authMigrations);
    const divisions = db.pool('hierarchy', 2);
    await migrate(divisions, 'hierarchy', hierarchyMigrations);
    await importDivisions(divisions, { scope: '320724' });
    const hierarchy = await Hierarchy.load(divisions, { scope: '320724' });
    store = new PgIdentityStore(pool);
    audit = new AuditLog(pool);
    const users = [
      ['county', ['org_dept'], '320724'],
      ['town_a', ['township'], TOWNSHIP_A],
      ['town_b', ['township'], TOWNSHIP_B],
      ['liaison_a', ['liaison'], VILLAGE_A],
      ['guessed_one', ['township'], TOWNSHIP_A],
      ['to_disable', ['township'], TOWNSHIP_A],
      ['cookie_user', ['township'], TOWNSHIP_A],
      ['changer', ['township'], TOWNSHIP_A],
      ['twin_known', ['township'], TOWNSHIP_A],
    ] as const;
    for (const [username, roles, node] of users) {
      await store.createUser({ username, displayName: username, password: PASSWORD, roles: [...roles], node });
    }

    @Module({
      imports: [
        AuthModule.register({
          verifier: new SecretTokenVerifier({ secret: SECRET }),
          identityStore: store,
          issuer: new TokenIssuer({ secret: SECRET }),
          auditLog: audit,
          scopeChecker: hierarchy,
        }),
      ],
      controllers: [VillagesController, CasesController, MiscController],
    })
    class TestAppModule {}

    app = await NestFactory.create(TestAppModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    http = new HttpClient(base);
    for (const [username] of users.slice(0, 4)) tokens[username] = (await login(username, PASSWORD)).body.token;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const login = (username: string, password: string) => http.call('POST', '/auth/login', { json: { username, password } });

  /** A login from another loopback address (Linux routes all of 127/8 to lo): another source. */
  function loginFrom(localAddress: string, username: string, password: string): Promise<{ status: number; body: any; headers: Record<string, unknown> }> {
    const url = new URL(base + '/auth/login');
    const payload = JSON.stringify({ username, password });
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined, headers: res.headers }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  const cookieOf = (headers: Headers): string => headers.getSetCookie()[0].split(';')[0];

  async function auditRows(where = 'true', params: unknown[] = []) {
    await sleep(20); // let the response 'close' handlers queue their writes
    await audit.flush();
    return (await pool.query(`SELECT * FROM audit_log WHERE ${where} ORDER BY id`, params)).rows;
  }

  describe('login', () => {
    it('returns a token, its expiry and the user; the token opens GET /auth/me', async () => {
      const res = await login('town_a', PASSWORD);
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ username: 'town_a', roles: ['township'], node: TOWNSHIP_A });
      expect(new Date(res.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(7.9 * 3600_000);
      const me = await http.call('GET', '/auth/me', { token: res.body.token });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: res.body.user.id, username: 'town_a' });
    });

    it('answers a wrong password and an unknown user identically with 401', async () => {
      const wrong = await login('county', 'not-the-password');
      const unknown = await login('no_such_user', 'not-the-password');
      expect(wrong.status).toBe(401);
      expect(wrong.body.message).toBe('用户名或密码错误');
      expect(unknown).toEqual({ ...wrong, headers: unknown.headers });
    });

    it('rejects a malformed body with 400 and a Chinese message', async () => {
      for (const body of [{}, { username: 'county' }, { username: 1, password: 2 }, ['county', PASSWORD]]) {
        const res = await http.call('POST', '/auth/login', { json: body });
        expect(res.status).toBe(400);
        expect(res.body.message).toContain('需要用户名和密码');
      }
    });

    it('throttles a guesser per (username, source) with 429; the owner logs in from another source (M2)', async () => {
      for (let i = 0; i < 50; i++) {
        const res = await loginFrom('127.0.0.2', 'guessed_one', `bad-${i}`);
        expect([401, 429]).toContain(res.status);
      }
      const refused = await loginFrom('127.0.0.2', 'guessed_one', PASSWORD);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(60);
      expect(refused.body.message).toContain('登录尝试次数过多');
      // Nothing is locked by the username alone: the real user, elsewhere, gets in.
      const owner = await loginFrom('127.0.0.3', 'guessed_one', PASSWORD);
      expect(owner.status).toBe(200);
      // Another account from the sprayed source waits too (per-source limit), but only there.
      expect((await loginFrom('127.0.0.2', 'county', PASSWORD)).status).toBe(429);
      expect((await loginFrom('127.0.0.3', 'county', PASSWORD)).status).toBe(200);
    });

    it('answers a known and an unknown username identically, throttling included', async () => {
      const run = async (username: string) => {
        const out = [];
        for (let i = 0; i < 7; i++) {
          const r = await loginFrom('127.0.0.4', username, `wrong-${i}`);
          out.push({ status: r.status, message: String(r.body.message).replace(/\d+/, 'N') });
        }
        return out;
      };
      const known = await run('twin_known');
      expect(known.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
      expect(await run('twin_unknown')).toEqual(known);
    });
  });

  describe('sessions', () => {
    it("refuses a disabled account's token and cookie at once with 401 (M1)", async () => {
      const res = await login('to_disable', PASSWORD);
      const cookie = cookieOf(res.headers);
      expect((await http.call('GET', `/villages/${VILLAGE_A}`, { token: res.body.token })).status).toBe(200);
      expect((await http.call('GET', `/villages/${VILLAGE_A}`, { headers: { cookie } })).status).toBe(200);
      await store.setDisabled(res.body.user.id, true);
      const after = await http.call('GET', `/villages/${VILLAGE_A}`, { token: res.body.token });
      expect(after.status).toBe(401);
      expect(after.body.message).toBe('登录已失效，请重新登录');
      expect((await http.call('POST', '/cases', { token: res.body.token, json: { villageCode: VILLAGE_A } })).status).toBe(401);
      expect((await http.call('GET', `/villages/${VILLAGE_A}`, { headers: { cookie } })).status).toBe(401);
      // Enabling the account again does not revive the old login.
      await store.setDisabled(res.body.user.id, false);
      expect((await http.call('GET', `/villages/${VILLAGE_A}`, { token: res.body.token })).status).toBe(401);
    });

    it('also refuses a session-less token of a disabled account', async () => {
      const u = await store.findByUsername('to_disable');
      const { token } = await new TokenIssuer({ secret: SECRET }).issue({ sub: u!.id, name: 'x', roles: ['township'], node: TOWNSHIP_A });
      expect((await http.call('GET', `/villages/${VILLAGE_A}`, { token })).status).toBe(200);
      await store.setDisabled(u!.id, true);
      expect((await http.call('GET', `/villages/${VILLAGE_A}`, { token })).status).toBe(401);
      await store.setDisabled(u!.id, false);
    });

    it('POST /auth/logout ends the session: its token and cookie stop working, the cookie is cleared', async () => {
      const a = await login('town_b', PASSWORD);
      const b = await login('town_b', PASSWORD);
      const out = await http.call('POST', '/auth/logout', { token: a.body.token });
      expect(out.status).toBe(204);
      expect(out.headers.getSetCookie()).toEqual([expect.stringMatching(/^lw_session=;.*HttpOnly.*Max-Age=0/), expect.stringMatching(/^lw_signed_in=;.*Max-Age=0/)]);
      expect((await http.call('GET', `/villages/${VILLAGE_B}`, { token: a.body.token })).status).toBe(401);
      expect((await http.call('GET', `/villages/${VILLAGE_B}`, { headers: { cookie: cookieOf(a.headers) } })).status).toBe(401);
      // Another login of the same account is not touched.
      expect((await http.call('GET', `/villages/${VILLAGE_B}`, { token: b.body.token })).status).toBe(200);
    });

    it('ends a session idle past its timeout', async () => {
      const a = await login('town_b', PASSWORD);
      const sid = decodeJwt(a.body.token).sid;
      await pool.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = $1`, [sid]);
      expect((await http.call('GET', `/villages/${VILLAGE_B}`, { token: a.body.token })).status).toBe(401);
    });
  });

  describe('session cookie (M4)', () => {
    it('is HttpOnly, SameSite=Strict, on every path, not Secure over plain http and Secure over https', async () => {
      const res = await login('cookie_user', PASSWORD);
      const [set, hint] = res.headers.getSetCookie();
      expect(set).toMatch(/^lw_session=[^;]+/);
      // The page's hint holds nothing secret; only it is readable by scripts.
      expect(hint).toMatch(/^lw_signed_in=1; Path=\/; SameSite=Strict; Max-Age=\d+$/);
      expect(set).toContain('HttpOnly');
      expect(set).toContain('SameSite=Strict');
      expect(set).toContain('Path=/');
      expect(set).not.toContain('Secure');
      expect(sessionCookie({ method: 'POST', headers: {}, secure: true } as never, 't', 60)).toContain('; Secure');
      expect(sessionCookie({ method: 'POST', headers: {} }, 't', 60, 'always')).toContain('; Secure');
    });

    it('authenticates reads by cookie alone; a state change needs the console header and a same-site request', async () => {
      const cookie = cookieOf((await login('cookie_user', PASSWORD)).headers);
      expect((await http.call('GET', `/villages/${VILLAGE_A}`, { headers: { cookie } })).status).toBe(200);
      const body = { villageCode: VILLAGE_A };
      // What a cross-site form post can send (the browser adds the cookie, no custom header) is refused.
      const forged = await http.call('POST', '/cases', { headers: { cookie }, json: body });
      expect(forged.status).toBe(403);
      expect(forged.body.message).toBe('请求来源不被接受，请刷新页面后重试');
      const crossSite = await http.call('POST', '/cases', { headers: { cookie, 'x-lw-csrf': '1', 'sec-fetch-site': 'cross-site' }, json: body });
      expect(crossSite.status).toBe(403);
      expect((await http.call('POST', '/cases', { headers: { cookie, 'x-lw-csrf': '1', 'sec-fetch-site': 'same-origin' }, json: body })).status).toBe(201);
      // Bearer clients (API, tests) need no such header: a browser never sends their token by itself.
      expect((await http.call('POST', '/cases', { token: tokens.town_a, json: body })).status).toBe(201);
    });

    it('refuses a cross-site login', async () => {
      const res = await http.call('POST', '/auth/login', { json: { username: 'cookie_user', password: PASSWORD }, headers: { 'sec-fetch-site': 'cross-site' } });
      expect(res.status).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
    });
  });

  describe('password change (L4)', () => {
    it('checks the current password and the policy, and ends every other session', async () => {
      const mine = await login('changer', PASSWORD);
      const other = await login('changer', PASSWORD);
      const change = (body: unknown) => http.call('POST', '/auth/password', { token: mine.body.token, json: body });
      expect((await change({})).status).toBe(400);
      expect((await change({ currentPassword: 'not-it', newPassword: 'a-long-enough-secret' })).status).toBe(403);
      const short = await change({ currentPassword: PASSWORD, newPassword: 'short-pw' });
      expect(short.status).toBe(422);
      expect(short.body.message).toBe('新密码至少 12 个字符');
      expect((await change({ currentPassword: PASSWORD, newPassword: 'changer-changer' })).status).toBe(422);
      expect((await http.call('GET', '/auth/me', { token: other.body.token })).status).toBe(200);
      expect((await change({ currentPassword: PASSWORD, newPassword: 'a-long-enough-secret' })).status).toBe(204);
      expect((await http.call('GET', '/auth/me', { token: other.body.token })).status).toBe(401);
      expect((await http.call('GET', '/auth/me', { token: mine.body.token })).status).toBe(200);
      expect((await login('changer', PASSWORD)).status).toBe(401);
      expect((await login('changer', 'a-long-enough-secret')).status).toBe(200);
    });

    it('an account that must change its password may do nothing else first', async () => {
      await store.createUser({ username: 'first_admin', displayName: 'x', password: PASSWORD, roles: ['org_dept'], node: '320724', mustChangePassword: true });
      const res = await login('first_admin', PASSWORD);
      expect(res.status).toBe(200);
      expect(res.body.user.mustChangePassword).toBe(true);
      const t = res.body.token;
      const blocked = await http.call('GET', `/villages/${VILLAGE_A}`, { token: t });
      expect(blocked.status).toBe(403);
      expect(blocked.body.message).toBe('请先修改初始密码');
      expect((await http.call('GET', '/auth/me', { token: t })).body.mustChangePassword).toBe(true);
      expect((await http.call('POST', '/auth/password', { token: t, json: { currentPassword: PASSWORD, newPassword: 'my-own-secret-1' } })).status).toBe(204);
      expect((await http.call('GET', `/villages/${VILLAGE_A}`, { token: t })).status).toBe(200);
    });
  });

  describe('authentication', () => {
    it('401 请先登录 without a token, with a garbage token or another scheme', async () => {
      const variants: Record<string, string>[] = [{}, { authorization: 'Bearer not.a.jwt' }, { authorization: `Basic ${tokens.county}` }];
      for (const headers of variants) {
        const res = await http.call('GET', `/villages/${VILLAGE_A}`, { headers });
        expect(res.status).toBe(401);
        expect(res.body.message).toBe('请先登录');
      }
    });

    it('401 登录已过期 for an expired token', async () => {
      const old = new TokenIssuer({ secret: SECRET, now: () => new Date(Date.now() - 9 * 3600_000) });
      const { token } = await old.issue({ sub: 'x', name: 'x', roles: ['org_dept'], node: '320724' });
      const res = await http.call('GET', `/villages/${VILLAGE_A}`, { token });
      expect(res.status).toBe(401);
      expect(res.body.message).toContain('登录已过期');
    });

    it('lets the public through @Public routes without a token', async () => {
      expect((await http.call('POST', '/tips', { json: { text: 'x' } })).status).toBe(201);
    });
  });

  describe('roles and scope', () => {
    it('403 无权执行此操作 when no role matches', async () => {
      const res = await http.call('POST', `/villages/${VILLAGE_A}/notes`, { token: tokens.liaison_a, json: {} });
      expect(res.status).toBe(403);
      expect(res.body.message).toBe('无权执行此操作');
      expect((await http.call('POST', '/admin/calendar', { token: tokens.county })).status).toBe(403);
    });

    it('a township user reaches its own villages and gets the one scope refusal (404) in another township', async () => {
      expect((await http.call('GET', `/villages/${VILLAGE_A}`, { token: tokens.town_a })).status).toBe(200);
      const other = await http.call('GET', `/villages/${VILLAGE_B}`, { token: tokens.town_a });
      expect(other.status).toBe(404);
      expect(other.body).toEqual({ statusCode: 404, code: 'scope.outside', message: OUTSIDE });
      expect((await http.call('GET', `/villages/${VILLAGE_A}`, { token: tokens.town_b })).status).toBe(404);
      expect((await http.call('GET', `/villages/${VILLAGE_B}`, { token: tokens.town_b })).status).toBe(200);
    });

    it('a county user reaches villages of both townships; a village user only its own', async () => {
      expect((await http.call('GET', `/villages/${VILLAGE_A}`, { token: tokens.county })).status).toBe(200);
      expect((await http.call('GET', `/villages/${VILLAGE_B}`, { token: tokens.county })).status).toBe(200);
      expect((await http.call('GET', `/villages/${VILLAGE_A}`, { token: tokens.liaison_a })).status).toBe(200);
      expect((await http.call('GET', `/villages/${VILLAGE_B}`, { token: tokens.liaison_a })).status).toBe(404);
    });

    it('refuses a code the tree does not know exactly as one outside the area, even for the county', async () => {
      const unknown = await http.call('GET', '/villages/320724101999', { token: tokens.county });
      expect(unknown.status).toBe(404);
      expect(unknown.body.message).toBe(OUTSIDE);
    });

    it('checks codes in the body, and rejects a missing or malformed code with 400', async () => {
      expect((await http.call('POST', '/cases', { token: tokens.town_a, json: { villageCode: VILLAGE_A } })).status).toBe(201);
      expect((await http.call('POST', '/cases', { token: tokens.town_a, json: { villageCode: VILLAGE_B } })).status).toBe(404);
      expect((await http.call('POST', '/cases', { token: tokens.town_a, json: {} })).status).toBe(400);
      expect((await http.call('GET', '/villages/32072410120x', { token: tokens.county })).status).toBe(400);
    });

    it('hands the actor (user, roles, node, ip) to handlers', async () => {
      const res = await http.call('POST', `/villages/${VILLAGE_A}/notes`, { token: tokens.town_a, json: {} });
      expect(res.status).toBe(201);
      const me = await http.call('GET', '/auth/me', { token: tokens.town_a });
      expect(res.body.actor).toEqual({ userId: me.body.id, roles: ['township'], node: TOWNSHIP_A, ip: '127.0.0.1' });
    });
  });

  describe('audit', () => {
    const SECRET_MARK = '举报人张三13800001111';

    it('records a POST with actor, ip, route pattern, status and correlation id, never the body or query', async () => {
      const res = await http.call('POST', `/villages/${VILLAGE_A}/notes?reporter=${encodeURIComponent(SECRET_MARK)}`, {
        token: tokens.town_a,
        json: { reporterName: SECRET_MARK, text: SECRET_MARK },
        headers: { 'x-correlation-id': 'corr-audit-1' },
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('x-correlation-id')).toBe('corr-audit-1');
      const rows = await auditRows('correlation_id = $1', ['corr-audit-1']);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actor_id: res.body.actor.userId,
        roles: ['township'],
        node: TOWNSHIP_A,
        ip: '127.0.0.1',
        method: 'POST',
        route: '/villages/:villageCode/notes',
        status: 201,
        target: VILLAGE_A,
      });
      expect(rows[0].at).toBeInstanceOf(Date);
      const leaked = await pool.query(`SELECT count(*)::int AS n FROM audit_log a WHERE a::text LIKE $1`, [`%张三%`]);
      expect(leaked.rows[0].n).toBe(0);
    });

    it('records no public (reporter) post, not even its address or correlation id; logins with their source; no successful GET', async () => {
      await http.call('GET', `/villages/${VILLAGE_A}`, { token: tokens.town_a, headers: { 'x-correlation-id': 'corr-get' } });
      await http.call('GET', '/auth/me', { token: tokens.town_a, headers: { 'x-correlation-id': 'corr-get' } });
      const submitted = await http.call('POST', '/tips', { json: { reporter: SECRET_MARK }, headers: { 'x-correlation-id': 'corr-tip' } });
      expect(submitted.status).toBe(201);
      expect(submitted.headers.get('x-correlation-id')).toBeNull();
      await http.call('POST', '/auth/login', { json: { username: 'county', password: 'wrong-one' }, headers: { 'x-correlation-id': 'corr-login' } });
      expect(await auditRows('correlation_id = $1', ['corr-tip'])).toEqual([]);
      expect(await auditRows(`route = '/tips'`)).toEqual([]);
      const failedLogin = await auditRows('correlation_id = $1', ['corr-login']);
      expect(failedLogin).toEqual([expect.objectContaining({ actor_id: null, route: '/auth/login', status: 401, ip: '127.0.0.1' })]);
      expect(await auditRows('correlation_id = $1', ['corr-get'])).toHaveLength(0);
      expect(await auditRows(`method = 'GET' AND status < 400`)).toHaveLength(0);
      const leaked = await pool.query(`SELECT count(*)::int AS n FROM audit_log a WHERE a::text LIKE $1`, [`%张三%`]);
      expect(leaked.rows[0].n).toBe(0);
    });

    it('records denials the guard stops, with the code that was out of scope', async () => {
      await http.call('GET', `/villages/${VILLAGE_B}`, { token: tokens.town_a, headers: { 'x-correlation-id': 'corr-denied' } });
      expect(await auditRows('correlation_id = $1', ['corr-denied'])).toEqual([
        expect.objectContaining({ method: 'GET', status: 404, target: VILLAGE_B, node: TOWNSHIP_A }),
      ]);
    });

    it('replaces an unsafe correlation id instead of storing it', async () => {
      const res = await http.call('POST', `/villages/${VILLAGE_A}/notes`, { token: tokens.town_a, json: { text: 'x' }, headers: { 'x-correlation-id': "x'; DROP TABLE audit_log; --" } });
      const id = res.headers.get('x-correlation-id');
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
      expect(await auditRows('correlation_id = $1', [id])).toHaveLength(1);
    });

    it('keeps the trail append-only', async () => {
      await expect(pool.query(`UPDATE audit_log SET status = 200`)).rejects.toThrow('append-only');
      await expect(pool.query(`DELETE FROM audit_log`)).rejects.toThrow('append-only');
      await expect(pool.query(`TRUNCATE audit_log`)).rejects.toThrow('append-only');
    });
  });
});
