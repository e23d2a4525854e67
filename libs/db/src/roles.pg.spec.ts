import { randomBytes } from 'crypto';
import { Client, Pool } from 'pg';
import { createTestDatabase, TEST_PG_URL, TestDatabase } from '@lw/testing';
import { migrate } from './migrations';
import { createPool } from './pool';
import { applyRolePlan, RolePlan } from './roles';

// Roles are per cluster: each run names its own and drops them afterwards.
describe('applyRolePlan', () => {
  let db: TestDatabase;
  const tag = `r${randomBytes(3).toString('hex')}`;
  const roleA = `${tag}_alpha`;
  const roleB = `${tag}_beta`;
  const plan: RolePlan = {
    roles: [
      {
        schema: 'alpha',
        role: roleA,
        password: "it's secret",
        shared: [
          { schema: 'shared', access: 'read-write', tables: { journal: { insert: true }, people: { select: true, update: ['password'] } } },
          { schema: 'tree', access: 'read' },
        ],
      },
      { schema: 'beta', role: roleB, shared: [{ schema: 'tree', access: 'read' }] },
    ],
  };
  const pools: Pool[] = [];
  /** A pool connected as the role (trust authentication on the test server). */
  const as = (role: string, schema: string) => {
    const u = new URL(db.url);
    u.username = role;
    const p = createPool({ url: u.toString(), schema, max: 2 });
    pools.push(p);
    return p;
  };
  const denied = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: '42501' });

  beforeAll(async () => {
    db = await createTestDatabase('roles');
    const admin = db.pool();
    await admin.query(`
      CREATE SCHEMA shared; CREATE TABLE shared.journal (id bigserial PRIMARY KEY, line text); CREATE TABLE shared.accounts (name text PRIMARY KEY, n int);
      CREATE TABLE shared.people (name text PRIMARY KEY, password text, roles text); INSERT INTO shared.people VALUES ('ann', 'old', 'clerk');
      CREATE SCHEMA tree; CREATE TABLE tree.nodes (code text PRIMARY KEY); INSERT INTO tree.nodes VALUES ('320724');
      -- What a single-user deployment left behind: beta's schema and table owned by the administrator.
      CREATE SCHEMA beta; CREATE TABLE beta.legacy (n int); INSERT INTO beta.legacy VALUES (1);
      CREATE FUNCTION beta.two() RETURNS int LANGUAGE sql AS 'SELECT 2';`);
    expect(await applyRolePlan(admin, plan)).toEqual([
      { role: roleA, created: true, reassigned: 0 },
      { role: roleB, created: true, reassigned: 2 },
    ]);
  });

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await db.drop();
    const c = new Client({ connectionString: TEST_PG_URL });
    await c.connect();
    for (const r of [roleA, roleB, `${tag}_root`]) await c.query(`DROP ROLE IF EXISTS ${r}`);
    await c.end();
  });

  it('lets a role migrate, write and read its own schema', async () => {
    const a = as(roleA, 'alpha');
    expect(await migrate(a, 'alpha', [{ id: 'alpha/001', sql: 'CREATE TABLE things (n int)' }])).toEqual(['alpha/001']);
    await a.query('INSERT INTO things VALUES (7)');
    expect((await a.query('SELECT n FROM things')).rows).toEqual([{ n: 7 }]);
  });

  it("hands a schema's earlier objects to its role, so its next migration can alter them", async () => {
    const b = as(roleB, 'beta');
    expect(await migrate(b, 'beta', [{ id: 'beta/001', sql: 'ALTER TABLE legacy ADD COLUMN m int' }])).toEqual(['beta/001']);
    expect((await b.query('SELECT two() AS v, n FROM legacy')).rows).toEqual([{ v: 2, n: 1 }]);
  });

  it("keeps each role out of the other's schema", async () => {
    await denied(as(roleA, 'alpha').query('SELECT * FROM beta.legacy'));
    await denied(as(roleB, 'beta').query('SELECT * FROM alpha.things'));
    await denied(as(roleB, 'beta').query('CREATE TABLE alpha.intruder (n int)'));
  });

  it('grants shared schemas only as planned: read, read-write, per table, nothing else', async () => {
    const a = as(roleA, 'alpha');
    expect((await a.query('SELECT code FROM tree.nodes')).rows).toEqual([{ code: '320724' }]);
    await denied(a.query(`INSERT INTO tree.nodes VALUES ('x')`));
    await denied(a.query('CREATE TABLE tree.extra (n int)'));
    await a.query(`INSERT INTO shared.accounts VALUES ('a', 1)`);
    await a.query(`UPDATE shared.accounts SET n = 2`);
    await a.query(`INSERT INTO shared.journal (line) VALUES ('seen')`);
    await denied(a.query(`UPDATE shared.journal SET line = 'rewritten'`));
    await denied(a.query('DELETE FROM shared.journal'));
    await denied(a.query('SELECT * FROM shared.journal'));
    await denied(as(roleB, 'beta').query('SELECT * FROM shared.accounts'));
    // No hiding place in "public" either.
    await denied(a.query('CREATE TABLE public.stash (n int)'));
  });

  it('grants UPDATE on the named columns only: the password, never the roles beside it', async () => {
    const a = as(roleA, 'alpha');
    expect((await a.query(`UPDATE shared.people SET password = 'new' WHERE name = 'ann'`)).rowCount).toBe(1);
    await denied(a.query(`UPDATE shared.people SET roles = 'admin' WHERE name = 'ann'`));
    await denied(a.query(`UPDATE shared.people SET password = 'x', roles = 'admin' WHERE name = 'ann'`));
    await denied(a.query(`INSERT INTO shared.people VALUES ('mallory', 'x', 'admin')`));
    await denied(a.query(`DELETE FROM shared.people`));
    expect((await db.pool().query('SELECT password, roles FROM shared.people')).rows).toEqual([{ password: 'new', roles: 'clerk' }]);
  });

  it('refuses a grant on a table that does not exist, changing nothing', async () => {
    const missing: RolePlan = { roles: [{ ...plan.roles[0], shared: [{ schema: 'shared', access: 'read', tables: { nosuch: { select: true } } }] }] };
    await expect(applyRolePlan(db.pool(), missing)).rejects.toThrow(/shared\.nosuch/);
    await as(roleA, 'alpha').query(`UPDATE shared.people SET password = 'again' WHERE name = 'ann'`);
  });

  it('skips the CREATE of a shared schema that is migrated already (the role may not create there)', async () => {
    await migrate(db.pool(), 'tree', [{ id: 'tree/001', sql: 'SELECT 1' }]);
    await applyRolePlan(db.pool(), plan);
    expect(await migrate(as(roleA, 'tree'), 'tree', [{ id: 'tree/001', sql: 'SELECT 1' }])).toEqual([]);
    await expect(migrate(as(roleA, 'tree'), 'tree', [{ id: 'tree/001', sql: 'SELECT 1' }, { id: 'tree/002', sql: 'CREATE TABLE t2 (n int)' }])).rejects.toThrow(
      /permission denied.*npm run db:roles/,
    );
  });

  it('is idempotent and narrows grants on a re-run', async () => {
    const narrowed: RolePlan = { roles: [{ ...plan.roles[0], shared: [{ schema: 'tree', access: 'read' }] }, plan.roles[1]] };
    expect(await applyRolePlan(db.pool(), narrowed)).toEqual([
      { role: roleA, created: false, reassigned: 0 },
      { role: roleB, created: false, reassigned: 0 },
    ]);
    await denied(as(roleA, 'alpha').query('SELECT * FROM shared.accounts'));
    // A column grant goes with its table: read only now, where the password was writable before.
    const readOnly: RolePlan = { roles: [{ ...plan.roles[0], shared: [{ schema: 'shared', access: 'read', tables: { people: { select: true } } }] }, plan.roles[1]] };
    await applyRolePlan(db.pool(), readOnly);
    expect((await as(roleA, 'alpha').query('SELECT count(*)::int AS n FROM shared.journal')).rows).toEqual([{ n: 1 }]);
    await denied(as(roleA, 'alpha').query(`UPDATE shared.people SET password = 'x'`));
    await denied(as(roleA, 'alpha').query(`INSERT INTO shared.journal (line) VALUES ('x')`));
    await applyRolePlan(db.pool(), plan);
    expect((await as(roleA, 'alpha').query('SELECT count(*)::int AS n FROM shared.accounts')).rows).toEqual([{ n: 1 }]);
  });

  it('refuses a superuser as a service role, and unsafe names', async () => {
    const admin = db.pool();
    await admin.query(`CREATE ROLE ${tag}_root SUPERUSER`);
    await expect(applyRolePlan(admin, { roles: [{ schema: 'gamma', role: `${tag}_root`, shared: [] }] })).rejects.toThrow(/superuser/);
    await expect(applyRolePlan(admin, { roles: [{ schema: 'gamma', role: 'x; DROP ROLE postgres', shared: [] }] })).rejects.toThrow(/invalid SQL identifier/);
    expect((await admin.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'gamma'`)).rowCount).toBe(0);
  });
});
