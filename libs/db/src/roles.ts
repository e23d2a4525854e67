import type { Pool, PoolClient } from 'pg';
import { assertIdentifier, withTransaction } from './pool';

/** What a service role may do in a schema it does not own. */
export interface SharedSchemaGrant {
  schema: string;
  /** Every table `tables` does not name. read: SELECT only. read-write: SELECT, INSERT, UPDATE, DELETE (and the schema's sequences). */
  access: 'read' | 'read-write';
  /** Tables that get exactly these privileges instead of `access` (each must exist). */
  tables?: Readonly<Record<string, TableGrant>>;
}

/**
 * Exactly what a role may do on one table; anything not set is refused. An append-only table is
 * `{ insert: true }`; `update` as a list grants UPDATE on those columns only (column-level GRANT),
 * so a role that must touch a password cannot touch the roles next to it.
 */
export interface TableGrant {
  select?: boolean;
  insert?: boolean;
  /** true: every column; a list: those columns only. */
  update?: boolean | readonly string[];
  delete?: boolean;
}

/** One service's database role: it owns its schema and reaches the shared ones only as granted. */
export interface ServiceRole {
  /** The service's own schema (its name). */
  schema: string;
  role: string;
  /** Set as the role's password when given (never logged); left alone otherwise. */
  password?: string;
  shared: readonly SharedSchemaGrant[];
}

export interface RolePlan {
  roles: readonly ServiceRole[];
}

export interface RoleChange {
  role: string;
  created: boolean;
  /** Objects in the service's schema that another role owned (an earlier single-user deployment). */
  reassigned: number;
}

/**
 * Applies the plan as an administrative connection (the database owner or a role with CREATEROLE):
 * each role exists, can log in and is no superuser; it owns its schema and everything in it (objects
 * an earlier deployment created as the administrator are handed over); it may use each shared
 * schema only as granted, and no other schema at all. Idempotent, serialised by an advisory lock,
 * one transaction: a failure leaves the database as it was. Run it after the shared schemas'
 * migrations, so their tables exist to be granted.
 */
export async function applyRolePlan(admin: Pool, plan: RolePlan): Promise<RoleChange[]> {
  for (const r of plan.roles) {
    assertIdentifier(r.schema);
    assertIdentifier(r.role);
    for (const g of r.shared) {
      assertIdentifier(g.schema);
      for (const [t, grant] of Object.entries(g.tables ?? {})) {
        assertIdentifier(t);
        if (typeof grant.update === 'object') grant.update.forEach(assertIdentifier);
      }
    }
  }
  return withTransaction(admin, async (client) => {
    const changes: RoleChange[] = [];
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('db-roles'))`);
    // Before PostgreSQL 15 every role may create tables in "public": a service could hide data there.
    await client.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    for (const r of plan.roles) changes.push(await applyRole(client, r));
    return changes;
  });
}

async function applyRole(client: PoolClient, r: ServiceRole): Promise<RoleChange> {
  const existing = await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = $1', [r.role]);
  const created = existing.rowCount === 0;
  if (created) await client.query(`CREATE ROLE ${r.role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS`);
  else if (existing.rows[0].rolsuper) throw new Error(`role ${r.role} is a superuser: a service role must not be (ALTER ROLE ${r.role} NOSUPERUSER)`);
  else await client.query(`ALTER ROLE ${r.role} LOGIN NOCREATEDB NOCREATEROLE`);
  if (r.password !== undefined) await client.query(`ALTER ROLE ${r.role} PASSWORD ${client.escapeLiteral(r.password)}`);

  const schema = await client.query<{ owner: string }>('SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = $1', [r.schema]);
  if (schema.rowCount === 0) await client.query(`CREATE SCHEMA ${r.schema} AUTHORIZATION ${r.role}`);
  else if (schema.rows[0].owner !== r.role) await client.query(`ALTER SCHEMA ${r.schema} OWNER TO ${r.role}`);
  const reassigned = await reassignSchemaObjects(client, r.schema, r.role);
  await client.query(`REVOKE ALL ON SCHEMA ${r.schema} FROM PUBLIC`);

  // Nothing of another service's schema, nor of a shared schema the plan no longer names,
  // whatever an earlier set-up granted.
  const planned = [r.schema, ...r.shared.map((g) => g.schema)];
  const stale = await client.query<{ schema: string }>(
    `SELECT n.nspname AS schema FROM pg_namespace n
      WHERE n.nspname <> ALL ($2::text[]) AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'public')
        AND (EXISTS (SELECT 1 FROM aclexplode(n.nspacl) a WHERE a.grantee = to_regrole($1))
          OR EXISTS (SELECT 1 FROM pg_class c, aclexplode(c.relacl) a WHERE c.relnamespace = n.oid AND a.grantee = to_regrole($1))
          OR EXISTS (SELECT 1 FROM pg_class c JOIN pg_attribute t ON t.attrelid = c.oid, aclexplode(t.attacl) a
                      WHERE c.relnamespace = n.oid AND a.grantee = to_regrole($1)))`,
    [r.role, planned],
  );
  for (const { schema: other } of stale.rows) {
    const name = client.escapeIdentifier(other);
    await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${name} FROM ${r.role}`);
    await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${name} FROM ${r.role}`);
    await client.query(`REVOKE ALL ON SCHEMA ${name} FROM ${r.role}`);
  }

  for (const g of r.shared) {
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [g.schema]);
    if (exists.rowCount === 0) throw new Error(`shared schema ${g.schema} does not exist: migrate it before granting ${r.role} access`);
    await client.query(`REVOKE ALL ON SCHEMA ${g.schema} FROM ${r.role}`);
    await client.query(`GRANT USAGE ON SCHEMA ${g.schema} TO ${r.role}`);
    // From scratch each run, so narrowing a grant in the plan takes effect on the next run.
    await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${g.schema} FROM ${r.role}`);
    await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${g.schema} FROM ${r.role}`);
    const tables = Object.entries(g.tables ?? {});
    for (const [t] of tables) {
      const table = await client.query('SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = $2', [g.schema, t]);
      if (table.rowCount === 0) throw new Error(`table ${g.schema}.${t} named in ${r.role}'s grant does not exist`);
    }
    // Tables, views and the like the grant does not name (a newer migration's too) get `access`.
    const { rows: others } = await client.query<{ name: string }>(
      `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relname <> ALL ($2::text[]) ORDER BY 1`,
      [g.schema, tables.map(([t]) => t)],
    );
    const rest = others.map((o) => o.name);
    if (rest.length > 0) {
      const privileges = g.access === 'read' ? 'SELECT' : 'SELECT, INSERT, UPDATE, DELETE';
      await client.query(`GRANT ${privileges} ON ${rest.join(', ')} TO ${r.role}`);
    }
    for (const [t, grant] of tables) {
      const privileges = tablePrivileges(grant);
      if (privileges.length > 0) await client.query(`GRANT ${privileges.join(', ')} ON ${g.schema}.${t} TO ${r.role}`);
    }
    // Sequences serve inserts (identity columns need none: the table's INSERT covers them).
    if (g.access === 'read-write' || tables.some(([, grant]) => grant.insert)) {
      await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${g.schema} TO ${r.role}`);
    }
  }
  return { role: r.role, created, reassigned };
}

function tablePrivileges(grant: TableGrant): string[] {
  const privileges: string[] = [];
  if (grant.select) privileges.push('SELECT');
  if (grant.insert) privileges.push('INSERT');
  if (grant.update === true) privileges.push('UPDATE');
  else if (typeof grant.update === 'object' && grant.update.length > 0) privileges.push(`UPDATE (${grant.update.join(', ')})`);
  if (grant.delete) privileges.push('DELETE');
  return privileges;
}

/**
 * Hands every table, view, free-standing sequence, routine and type of the schema to its role
 * (indexes, triggers and owned sequences follow their table), so later migrations run as the role.
 */
async function reassignSchemaObjects(client: PoolClient, schema: string, role: string): Promise<number> {
  const { rows } = await client.query<{ kind: string; name: string }>(
    `SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE'
                           WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind,
            format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND pg_get_userbyid(c.relowner) <> $2
        AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
     UNION ALL
     SELECT 'ROUTINE', p.oid::regprocedure::text
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND pg_get_userbyid(p.proowner) <> $2
     UNION ALL
     SELECT 'TYPE', format('%I.%I', n.nspname, t.typname)
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 AND t.typtype IN ('e', 'd', 'r') AND pg_get_userbyid(t.typowner) <> $2`,
    [schema, role],
  );
  for (const o of rows) await client.query(`ALTER ${o.kind} ${o.name} OWNER TO ${role}`);
  return rows.length;
}
