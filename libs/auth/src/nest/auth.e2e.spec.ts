import { Body, Controller, Get, Inject, Module, Param, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Actor } from '@lw/domain';
import { migrate } from '@lw/db';
// Test-only dependency on the shared test harness (real PostgreSQL).
import { createTestDatabase, type TestDatabase } from '@lw/testing';
import type { AddressInfo } from 'net';
import type { Pool } from 'pg';
import { AuditLog } from '../audit/audit-log';
import { authMigrations } from '../auth.migrations';
import { PgIdentityStore } from '../identity/pg-identity-store';
import type { Principal } from '../principal';
import { ScopeService } from '../scope/scope.service';
import { SecretTokenVerifier } from '../tokens/secret-token-verifier';
import { TokenIssuer } from '../tokens/token-issuer';
import { AuthModule } from './auth.module';
import { CurrentActor, CurrentPrincipal } from './current-actor.decorator';
import { Public } from './public.decorator';
import { Roles } from './roles.decorator';
import { ScopedBy } from './scoped-by.decorator';

const TOWNSHIP_A = '320724101';
const TOWNSHIP_B = '320724102';
const VILLAGE_A = '320724101200';
const VILLAGE_B = '320724102201';
const SECRET = 'e2e-secret-e2e-secret-e2e-secret-e2e';
const PASSWORD = 'demo-password-1';

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

// Resources whose village is known only once loaded: the handler asserts scope itself.
const CASES: Record<string, string> = { 'case-a': VILLAGE_A, 'case-b': VILLAGE_B };

@Controller('cases')
class CasesController {
  constructor(@Inject(ScopeService) private readonly scope: ScopeService) {}

  @Post()
  @ScopedBy('body', 'villageCode')
  open(@Body() body: { villageCode: string }) {
    return { villageCode: body.villageCode };
  }

  @Get(':id')
  show(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    this.scope.assert(principal, CASES[id]);
    return { id };
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
  let audit: AuditLog;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase('auth_http');
    pool = db.pool('auth', 8);
    await migrate(pool, 'auth', authMigrations);
    const store = new PgIdentityStore(pool, { maxFailures: 3, lockMinutes: 15 });
    audit = new AuditLog(pool);
    const users = [
      ['county', ['org_dept'], '320724'],
      ['town_a', ['township'], TOWNSHIP_A],
      ['town_b', ['township'], TOWNSHIP_B],
      ['liaison_a', ['liaison'], VILLAGE_A],
      ['locked_one', ['township'], TOWNSHIP_A],
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
        }),
      ],
      controllers: [VillagesController, CasesController, MiscController],
    })
    class TestAppModule {}

    app = await NestFactory.create(TestAppModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    for (const [username] of users.slice(0, 4)) tokens[username] = (await login(username, PASSWORD)).body.token;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  async function call(method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(base + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  const login = (username: string, password: string) => call('POST', '/auth/login', { body: { username, password } });

  async function auditRows(where = 'true', params: unknown[] = []) {
    await new Promise((r) => setTimeout(r, 20)); // let the response 'close' handlers queue their writes
    await audit.flush();
    return (await pool.query(`SELECT * FROM audit_log WHERE ${where} ORDER BY id`, params)).rows;
  }

  describe('login', () => {
    it('returns a token, its expiry and the user; the token opens GET /auth/me', async () => {
      const res = await login('town_a', PASSWORD);
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ username: 'town_a', roles: ['township'], node: TOWNSHIP_A });
      expect(new Date(res.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(7.9 * 3600_000);
      const me = await call('GET', '/auth/me', { token: res.body.token });
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
        const res = await call('POST', '/auth/login', { body });
        expect(res.status).toBe(400);
        expect(res.body.message).toContain('需要用户名和密码');
      }
    });

    it('locks the account with 423 after repeated failures, even for the right password', async () => {
      expect((await login('locked_one', 'bad-1')).status).toBe(401);
      expect((await login('locked_one', 'bad-2')).status).toBe(401);
      const third = await login('locked_one', 'bad-3');
      expect(third.status).toBe(423);
      expect(third.body.message).toContain('账号已锁定');
      expect((await login('locked_one', PASSWORD)).status).toBe(423);
    });
  });

  describe('authentication', () => {
    it('401 请先登录 without a token, with a garbage token or another scheme', async () => {
      const variants: Record<string, string>[] = [{}, { authorization: 'Bearer not.a.jwt' }, { authorization: `Basic ${tokens.county}` }];
      for (const headers of variants) {
        const res = await call('GET', `/villages/${VILLAGE_A}`, { headers });
        expect(res.status).toBe(401);
        expect(res.body.message).toBe('请先登录');
      }
    });

    it('401 登录已过期 for an expired token', async () => {
      const old = new TokenIssuer({ secret: SECRET, now: () => new Date(Date.now() - 9 * 3600_000) });
      const { token } = await old.issue({ sub: 'x', name: 'x', roles: ['org_dept'], node: '320724' });
      const res = await call('GET', `/villages/${VILLAGE_A}`, { token });
      expect(res.status).toBe(401);
      expect(res.body.message).toContain('登录已过期');
    });

    it('lets the public through @Public routes without a token', async () => {
      expect((await call('POST', '/tips', { body: { text: 'x' } })).status).toBe(201);
    });
  });

  describe('roles and scope', () => {
    it('403 无权执行此操作 when no role matches', async () => {
      const res = await call('POST', `/villages/${VILLAGE_A}/notes`, { token: tokens.liaison_a, body: {} });
      expect(res.status).toBe(403);
      expect(res.body.message).toBe('无权执行此操作');
      expect((await call('POST', '/admin/calendar', { token: tokens.county })).status).toBe(403);
    });

    it('a township user reaches its own villages and gets 403 超出您的管辖范围 in another township', async () => {
      expect((await call('GET', `/villages/${VILLAGE_A}`, { token: tokens.town_a })).status).toBe(200);
      const other = await call('GET', `/villages/${VILLAGE_B}`, { token: tokens.town_a });
      expect(other.status).toBe(403);
      expect(other.body.message).toBe('超出您的管辖范围');
      expect((await call('GET', `/villages/${VILLAGE_A}`, { token: tokens.town_b })).status).toBe(403);
      expect((await call('GET', `/villages/${VILLAGE_B}`, { token: tokens.town_b })).status).toBe(200);
    });

    it('a county user reaches villages of both townships; a village user only its own', async () => {
      expect((await call('GET', `/villages/${VILLAGE_A}`, { token: tokens.county })).status).toBe(200);
      expect((await call('GET', `/villages/${VILLAGE_B}`, { token: tokens.county })).status).toBe(200);
      expect((await call('GET', `/villages/${VILLAGE_A}`, { token: tokens.liaison_a })).status).toBe(200);
      expect((await call('GET', `/villages/${VILLAGE_B}`, { token: tokens.liaison_a })).status).toBe(403);
    });

    it('checks codes in the body, and rejects a missing or malformed code with 400', async () => {
      expect((await call('POST', '/cases', { token: tokens.town_a, body: { villageCode: VILLAGE_A } })).status).toBe(201);
      expect((await call('POST', '/cases', { token: tokens.town_a, body: { villageCode: VILLAGE_B } })).status).toBe(403);
      expect((await call('POST', '/cases', { token: tokens.town_a, body: {} })).status).toBe(400);
      expect((await call('GET', '/villages/32072410120x', { token: tokens.county })).status).toBe(400);
    });

    it('lets handlers assert scope on a loaded resource with the configured checker', async () => {
      expect((await call('GET', '/cases/case-a', { token: tokens.town_a })).status).toBe(200);
      const res = await call('GET', '/cases/case-b', { token: tokens.town_a });
      expect(res.status).toBe(403);
      expect(res.body.message).toBe('超出您的管辖范围');
    });

    it('hands the actor (user, roles, node, ip) to handlers', async () => {
      const res = await call('POST', `/villages/${VILLAGE_A}/notes`, { token: tokens.town_a, body: {} });
      expect(res.status).toBe(201);
      const me = await call('GET', '/auth/me', { token: tokens.town_a });
      expect(res.body.actor).toEqual({ userId: me.body.id, roles: ['township'], node: TOWNSHIP_A, ip: '127.0.0.1' });
    });
  });

  describe('audit', () => {
    const SECRET_MARK = '举报人张三13800001111';

    it('records a POST with actor, ip, route pattern, status and correlation id, never the body or query', async () => {
      const res = await call('POST', `/villages/${VILLAGE_A}/notes?reporter=${encodeURIComponent(SECRET_MARK)}`, {
        token: tokens.town_a,
        body: { reporterName: SECRET_MARK, text: SECRET_MARK },
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

    it('records public posts and logins without an actor, and no successful GET at all', async () => {
      await call('GET', `/villages/${VILLAGE_A}`, { token: tokens.town_a, headers: { 'x-correlation-id': 'corr-get' } });
      await call('GET', '/auth/me', { token: tokens.town_a, headers: { 'x-correlation-id': 'corr-get' } });
      await call('POST', '/tips', { body: { reporter: SECRET_MARK }, headers: { 'x-correlation-id': 'corr-tip' } });
      await call('POST', '/auth/login', { body: { username: 'county', password: 'wrong-one' }, headers: { 'x-correlation-id': 'corr-login' } });
      const tip = await auditRows('correlation_id = $1', ['corr-tip']);
      expect(tip).toEqual([expect.objectContaining({ actor_id: null, route: '/tips', status: 201, ip: '127.0.0.1' })]);
      const failedLogin = await auditRows('correlation_id = $1', ['corr-login']);
      expect(failedLogin).toEqual([expect.objectContaining({ actor_id: null, route: '/auth/login', status: 401 })]);
      expect(await auditRows('correlation_id = $1', ['corr-get'])).toHaveLength(0);
      expect(await auditRows(`method = 'GET' AND status < 400`)).toHaveLength(0);
      const leaked = await pool.query(`SELECT count(*)::int AS n FROM audit_log a WHERE a::text LIKE $1`, [`%张三%`]);
      expect(leaked.rows[0].n).toBe(0);
    });

    it('records denials the guard stops, with the code that was out of scope', async () => {
      await call('GET', `/villages/${VILLAGE_B}`, { token: tokens.town_a, headers: { 'x-correlation-id': 'corr-denied' } });
      expect(await auditRows('correlation_id = $1', ['corr-denied'])).toEqual([
        expect.objectContaining({ method: 'GET', status: 403, target: VILLAGE_B, node: TOWNSHIP_A }),
      ]);
    });

    it('replaces an unsafe correlation id instead of storing it', async () => {
      const res = await call('POST', '/tips', { headers: { 'x-correlation-id': "x'; DROP TABLE audit_log; --" } });
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
