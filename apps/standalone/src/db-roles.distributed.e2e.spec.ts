import { mkdtempSync, rmSync } from 'fs';
import { randomBytes } from 'crypto';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client, Pool } from 'pg';
import { PgIdentityStore, TokenIssuer } from '@lw/auth';
import { importDivisions } from '@lw/hierarchy';
import { FAST_KAFKA_SETTINGS, integrationTopic } from '@lw/messaging';
import { createLogger, loadConfig, serviceDatabaseUrlVariable, setUpDatabase, SERVICES, startDistributedService, type DistributedService } from '@lw/runtime';
import { createTestDatabase, distributedEnv, HttpClient, kafkaForTests, TEST_PG_URL, waitFor, type TestDatabase, type TestKafka } from '@lw/testing';
import { SERVICE_DEFINITIONS } from './standalone';

// Issue 14, L6: in distributed mode each service connects as its own role (set up by
// `npm run db:roles` as the administrator), owns its schema, and cannot read another service's.
// All four start (and migrate) under their roles. In the shared auth schema no service may create,
// delete or promote an account; only vetting (which serves /auth behind the ingress) writes the
// owner's own password.
describe('per-service database roles (distributed mode)', () => {
  let db: TestDatabase;
  let kafka: TestKafka;
  let evidenceDir: string;
  const running: DistributedService[] = [];
  const pools: Pool[] = [];
  const prefix = `t${randomBytes(3).toString('hex')}`;
  // Roles belong to the whole server: this run's own names, dropped afterwards.
  const role = (service: string) => `${prefix}_${service}`;
  const secret = randomBytes(32).toString('hex');
  const saved = { ...process.env };
  const urlAs = (user: string, password?: string) => {
    const u = new URL(db.url);
    u.username = user;
    if (password) u.password = password;
    return u.toString();
  };
  const poolAs = (user: string) => {
    const p = new Pool({ connectionString: urlAs(user), max: 1 });
    pools.push(p);
    return p;
  };
  const denied = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: '42501' });
  /** One service process's HTTP API, as the ingress reaches it. */
  const service = (name: string) => new HttpClient(running.find((r) => r.kernel.name === name)!.url);

  beforeAll(async () => {
    db = await createTestDatabase('dbroles');
    const env = Object.fromEntries(SERVICES.map((s) => [serviceDatabaseUrlVariable(s), urlAs(role(s), `pw-${s}-${prefix}`)]));
    const setUp = await setUpDatabase(db.url, env);
    expect(setUp.migrated).toEqual(expect.arrayContaining(['calendar/001_years', 'hierarchy/001_divisions', 'auth/001_users']));
    expect(setUp.roles.map((r) => [r.role, r.created])).toEqual(SERVICES.map((s) => [role(s), true]));
    // The division tree is the administrator's to write (the import job).
    await importDivisions(db.pool('hierarchy'), { scope: '320724' });

    kafka = await kafkaForTests({ topics: ['tipline', 'auditing', 'vetting', 'grievance'].map((p) => ({ name: integrationTopic(p, prefix), partitions: 1 })) });
    evidenceDir = mkdtempSync(join(tmpdir(), 'lw-roles-'));
    Object.assign(process.env, {
      TIPLINE_MASTER_KEY: randomBytes(32).toString('base64'),
      EVIDENCE_DIR: evidenceDir,
      TIPLINE_RECEIPT_HASH_COST: '12',
      TIPLINE_PUBLIC_SUBMISSIONS_PER_HOUR: '0',
    });
    const kafkaOptions = { ...FAST_KAFKA_SETTINGS, topicPrefix: prefix, idempotentProducer: kafka.idempotentProducer };
    for (const definition of SERVICE_DEFINITIONS) {
      const config = loadConfig(distributedEnv({ databaseUrl: env[serviceDatabaseUrlVariable(definition.name)], kafkaBrokers: kafka.brokers, authSecret: secret }), 'distributed');
      // Starting migrates the service's schema, as its own role.
      running.push(
        await startDistributedService(definition, config, {
          logger: createLogger({ service: 'test', level: 'silent' }),
          host: '127.0.0.1',
          deploymentScope: '320724',
          kafka: kafkaOptions,
        }),
      );
    }
  }, 180_000);

  afterAll(async () => {
    for (const r of running) await r.stop();
    await Promise.all(pools.map((p) => p.end()));
    await kafka?.stop();
    await db?.drop();
    const admin = new Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    for (const s of SERVICES) await admin.query(`DROP ROLE IF EXISTS ${role(s)}`);
    await admin.end();
    rmSync(evidenceDir, { recursive: true, force: true });
    process.env = saved;
  });

  it('gives each service schema to its role, its tables created by the service itself', async () => {
    const { rows } = await db.pool().query<{ schema: string; owner: string; tables: number; foreign: number }>(
      `SELECT n.nspname AS schema, pg_get_userbyid(n.nspowner) AS owner, count(t.tablename)::int AS tables,
              count(t.tablename) FILTER (WHERE t.tableowner <> pg_get_userbyid(n.nspowner))::int AS foreign
         FROM pg_namespace n LEFT JOIN pg_tables t ON t.schemaname = n.nspname
        WHERE n.nspname = ANY ($1) GROUP BY 1, 2 ORDER BY 1`,
      [[...SERVICES]],
    );
    for (const r of rows) expect({ schema: r.schema, owner: r.owner, foreign: r.foreign }).toEqual({ schema: r.schema, owner: role(r.schema), foreign: 0 });
    expect(rows.find((r) => r.schema === 'tipline')!.tables).toBeGreaterThan(5);
    expect(rows.find((r) => r.schema === 'vetting')!.tables).toBeGreaterThan(5);
  });

  it('works under its role: a public tip is written, projected and listed for discipline', async () => {
    const tipline = service('tipline');
    const res = await tipline.call('POST', '/tipline/public/tips', {
      json: {
        category: 'vote_buying',
        subjects: [{ kind: 'person', name: '吴某', post: '村民小组长', villageCode: '320724100001' }],
        text: '选举前挨家送购物卡。',
        anonymous: true,
      },
    });
    expect(res.status).toBe(201);
    const token = (await new TokenIssuer({ secret }).issue({ sub: 'd1', name: '县纪委', roles: ['discipline'], node: '320724' })).token;
    // The list is a projection, filled by the service's projector (also under its role).
    await waitFor(async () => {
      const list = await tipline.call('GET', '/tipline/tips?limit=10', { token });
      return list.status === 200 && list.body.rows.length === 1;
    }, 30_000, 'the tip in the discipline inbox');
    expect((await db.pool().query(`SELECT count(*)::int AS n FROM tipline.events`)).rows[0].n).toBeGreaterThan(0);
    for (const { name } of SERVICE_DEFINITIONS) expect({ service: name, status: (await service(name).call('GET', `/${name}/ready`)).status }).toEqual({ service: name, status: 200 });
  });

  it('logs a user in under its role: reads the account, opens a session, appends the audit row', async () => {
    const tipline = service('tipline');
    await new PgIdentityStore(db.pool('auth')).createUser({ username: 'roles_clerk', displayName: '县纪委', password: 'a-long-password-123', roles: ['discipline'], node: '320724' });
    const audited = async () => (await db.pool().query(`SELECT count(*)::int AS n FROM auth.audit_log`)).rows[0].n as number;
    const before = await audited();
    const login = await tipline.call('POST', '/auth/login', { json: { username: 'roles_clerk', password: 'a-long-password-123' } });
    expect(login.status).toBe(200);
    expect((await tipline.call('GET', '/auth/me', { token: login.body.token })).status).toBe(200);
    expect(await audited()).toBeGreaterThan(before);
    expect((await db.pool().query(`SELECT count(*)::int AS n FROM auth.sessions`)).rows[0].n).toBeGreaterThan(0);
  });

  it('changes a password through vetting (where the ingress sends /auth): the new one logs in, other sessions end, this one stays', async () => {
    const vetting = service('vetting');
    const grievance = service('grievance');
    await new PgIdentityStore(db.pool('auth')).createUser({ username: 'roles_owner', displayName: '乡镇干部', password: 'first-password-123', roles: ['township'], node: '320724100' });
    const logIn = async (password: string) => {
      const res = await vetting.call('POST', '/auth/login', { json: { username: 'roles_owner', password } });
      return { status: res.status, token: res.status === 200 ? (res.body.token as string) : '' };
    };
    const elsewhere = await logIn('first-password-123');
    const here = await logIn('first-password-123');
    expect([elsewhere.status, here.status]).toEqual([200, 200]);
    const changed = await vetting.call('POST', '/auth/password', { token: here.token, json: { currentPassword: 'first-password-123', newPassword: 'second-Password-456' } });
    expect(changed.status).toBe(204);
    // Sent past the ingress to a service whose role may not write passwords: refused, not a 500.
    const direct = await grievance.call('POST', '/auth/password', { token: here.token, json: { currentPassword: 'second-Password-456', newPassword: 'third-Password-789' } });
    expect([direct.status, direct.body.code]).toEqual([403, 'service.forbidden']);
    expect((await logIn('first-password-123')).status).toBe(401);
    expect((await logIn('second-Password-456')).status).toBe(200);
    // Sessions are checked (read, touched, refused) by every service under its own role.
    expect((await grievance.call('GET', '/auth/me', { token: here.token })).status).toBe(200);
    expect((await grievance.call('GET', '/auth/me', { token: elsewhere.token })).status).toBe(401);
    const logout = await vetting.call('POST', '/auth/logout', { token: here.token });
    expect(logout.status).toBe(204);
    expect((await grievance.call('GET', '/auth/me', { token: here.token })).status).toBe(401);
    const { rows } = await db.pool().query(`SELECT roles, node, disabled, must_change_password FROM auth.users WHERE username = 'roles_owner'`);
    expect(rows).toEqual([{ roles: ['township'], node: '320724100', disabled: false, must_change_password: false }]);
  });

  it('lets no service make itself an admin: accounts are read-only but for vetting\'s password columns', async () => {
    const admin = db.pool();
    await new PgIdentityStore(db.pool('auth')).createUser({ username: 'roles_target', displayName: '村干部', password: 'target-password-123', roles: ['township'], node: '320724100' });
    const tipline = poolAs(role('tipline'));
    const vetting = poolAs(role('vetting'));
    const target = `(SELECT id FROM auth.users WHERE username = 'roles_target')`;
    // The public-facing service: may read an account to log it in, and nothing more.
    expect((await tipline.query(`SELECT roles FROM auth.users WHERE username = 'roles_target'`)).rows).toEqual([{ roles: ['township'] }]);
    await denied(tipline.query(`UPDATE auth.users SET roles = '{admin}', node = '32' WHERE username = 'roles_target'`));
    await denied(tipline.query(`UPDATE auth.users SET roles = '{admin}' WHERE username = 'roles_target'`));
    await denied(tipline.query(`UPDATE auth.users SET password_hash = 'planted', must_change_password = false WHERE username = 'roles_target'`));
    await denied(tipline.query(`UPDATE auth.users SET disabled = false WHERE username = 'roles_target'`));
    await denied(tipline.query(`INSERT INTO auth.users (id, username, display_name, password_hash, roles, node) VALUES (gen_random_uuid(), 'mallory', 'm', 'x', '{admin}', '32')`));
    await denied(tipline.query(`DELETE FROM auth.users WHERE username = 'roles_target'`));
    // Nor can it hand itself someone's session, or keep one alive past its end.
    await denied(tipline.query(`UPDATE auth.sessions SET user_id = ${target}`));
    await denied(tipline.query(`UPDATE auth.sessions SET expires_at = now() + interval '10 years', idle_seconds = 999999999`));
    // Vetting writes a password, never a role, the node or the lock.
    await denied(vetting.query(`UPDATE auth.users SET roles = '{admin}' WHERE username = 'roles_target'`));
    await denied(vetting.query(`UPDATE auth.users SET node = '32' WHERE username = 'roles_target'`));
    await denied(vetting.query(`UPDATE auth.users SET disabled = false WHERE username = 'roles_target'`));
    await denied(vetting.query(`INSERT INTO auth.users (id, username, display_name, password_hash, roles, node) VALUES (gen_random_uuid(), 'mallory', 'm', 'x', '{admin}', '32')`));
    await denied(vetting.query(`DELETE FROM auth.users WHERE username = 'roles_target'`));
    for (const service of ['auditing', 'grievance']) {
      await denied(poolAs(role(service)).query(`UPDATE auth.users SET roles = '{admin}' WHERE username = 'roles_target'`));
      await denied(poolAs(role(service)).query(`UPDATE auth.users SET password_hash = 'planted' WHERE username = 'roles_target'`));
    }
    const { rows } = await admin.query(`SELECT username, roles, node, disabled FROM auth.users WHERE username IN ('roles_target', 'mallory')`);
    expect(rows).toEqual([{ username: 'roles_target', roles: ['township'], node: '320724100', disabled: false }]);
  });

  it('keeps tipline out of vetting and vetting out of tipline', async () => {
    const tipline = poolAs(role('tipline'));
    const vetting = poolAs(role('vetting'));
    await denied(tipline.query('SELECT * FROM vetting.events'));
    await denied(tipline.query('SELECT * FROM vetting.schema_migrations'));
    await denied(tipline.query('CREATE TABLE vetting.planted (n int)'));
    await denied(vetting.query('SELECT * FROM tipline.events'));
    await denied(vetting.query('SELECT * FROM tipline.outbox'));
    await denied(vetting.query('SELECT * FROM tipline.tip_data_keys'));
    // And both from the services not even running here.
    await denied(tipline.query('SELECT * FROM grievance.events'));
    await denied(vetting.query('SELECT * FROM auditing.events'));
  });

  it('lets a service read but not change the division tree or the calendar, and only append to the audit log', async () => {
    const tipline = poolAs(role('tipline'));
    expect((await tipline.query(`SELECT count(*)::int AS n FROM hierarchy.divisions WHERE code LIKE '320724%'`)).rows[0].n).toBeGreaterThan(200);
    await denied(tipline.query(`UPDATE hierarchy.divisions SET name = '改名' WHERE code = '320724'`));
    await denied(tipline.query(`DELETE FROM platform.calendar_years`));
    await denied(tipline.query('UPDATE auth.audit_log SET actor_id = NULL'));
    await denied(tipline.query('DELETE FROM auth.audit_log'));
    // No service reads the trail (who logged in from where).
    await denied(tipline.query('SELECT * FROM auth.audit_log'));
    await denied(tipline.query('CREATE TABLE auth.planted (n int)'));
    await denied(tipline.query('CREATE TABLE public.planted (n int)'));
  });

  it('is not a superuser, and its password is the one from its URL', async () => {
    const { rows } = await db.pool().query<{ rolname: string; rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; has_password: boolean }>(
      `SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolpassword IS NOT NULL AS has_password FROM pg_authid WHERE rolname = ANY ($1) ORDER BY rolname`,
      [SERVICES.map(role)],
    );
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r).toEqual({ rolname: r.rolname, rolsuper: false, rolcreaterole: false, rolcreatedb: false, has_password: true });
  });

  it('can be run again on the next release without changing what each role may do', async () => {
    const env = Object.fromEntries(SERVICES.map((s) => [serviceDatabaseUrlVariable(s), urlAs(role(s), `pw-${s}-${prefix}`)]));
    const again = await setUpDatabase(db.url, env);
    expect(again).toEqual({ migrated: [], roles: SERVICES.map((s) => ({ role: role(s), created: false, reassigned: 0 })) });
    await denied(poolAs(role('tipline')).query('SELECT * FROM vetting.events'));
    await denied(poolAs(role('tipline')).query(`UPDATE auth.users SET roles = '{admin}'`));
  });
});
