import { applyRolePlan, createPool, migrate, type RoleChange, type ServiceRole } from '@lw/db';
import { authMigrations } from '@lw/auth';
import { hierarchyMigrations } from '@lw/hierarchy';
import { calendarMigrations } from '../calendar/calendar.migrations';
import { SERVICES, type ServiceName } from '../services';
import { SERVICE_GRANTS } from './service-grants';

/** `TIPLINE_DATABASE_URL` and so on: the URL the service connects with, which names its role and password. */
export const serviceDatabaseUrlVariable = (service: ServiceName): string => `${service.toUpperCase()}_DATABASE_URL`;

/** lw_tipline and so on, unless the service's URL names another user. */
export const defaultServiceRole = (service: ServiceName): string => `lw_${service}`;

/** Each service's role, from `<SERVICE>_DATABASE_URL` when set (user and password), else lw_<service> without a password. */
export function serviceRoles(env: Record<string, string | undefined>): ServiceRole[] {
  return SERVICES.map((service) => {
    const url = env[serviceDatabaseUrlVariable(service)];
    let role = defaultServiceRole(service);
    let password: string | undefined;
    if (url) {
      const u = new URL(url);
      if (u.username) role = decodeURIComponent(u.username);
      if (u.password) password = decodeURIComponent(u.password);
    }
    return { schema: service, role, password, shared: SERVICE_GRANTS[service] };
  });
}

export interface DatabaseSetUp {
  migrated: string[];
  roles: RoleChange[];
}

/**
 * Run as the database's administrator before the services start, on every release: applies the
 * shared schemas' migrations (the services may not change them), then gives each service its own
 * role owning its schema, with only the access SERVICE_GRANTS names elsewhere.
 */
export async function setUpDatabase(adminUrl: string, env: Record<string, string | undefined>): Promise<DatabaseSetUp> {
  const migrated: string[] = [];
  for (const [schema, migrations] of [
    ['platform', calendarMigrations],
    ['hierarchy', hierarchyMigrations],
    ['auth', authMigrations],
  ] as const) {
    const pool = createPool({ url: adminUrl, schema, max: 1, applicationName: 'db-roles' });
    try {
      migrated.push(...(await migrate(pool, schema, migrations)));
    } finally {
      await pool.end();
    }
  }
  const admin = createPool({ url: adminUrl, max: 1, applicationName: 'db-roles' });
  try {
    return { migrated, roles: await applyRolePlan(admin, { roles: serviceRoles(env) }) };
  } finally {
    await admin.end();
  }
}
