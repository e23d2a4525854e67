import type { SharedSchemaGrant, TableGrant } from '@lw/db';
import type { ServiceName } from '../services';

/**
 * What each service's database role may reach beyond its own schema, found from what its process
 * reads and writes (distributed.ts): no service reads another service's schema (they talk over
 * Kafka). The division tree is written only by the import (as the administrator); the calendar only
 * by vetting, the service the ingress sends the platform endpoints to.
 */
export const SHARED_SCHEMAS = ['platform', 'hierarchy', 'auth'] as const;

/**
 * The auth schema, table by table (libs/auth/src), so that no service can make itself an admin:
 * - users: every service reads accounts (logins, session checks); accounts are created, disabled,
 *   reset and given roles only by `npm run users` as the administrator. The one write a service
 *   makes is the owner's own password change (POST /auth/password), which the ingress sends to
 *   vetting: vetting alone may update the three password columns, never roles, node or disabled.
 * - sessions: every service checks the session on each request (read, last_seen_at), and with
 *   AUTH_SECRET serves /auth/login and /auth/logout (open, revoke, prune); nothing else of a row changes.
 * - login_attempts: the login throttle (upsert, reset, prune).
 * - audit_log: only grows, and no service reads it.
 * A table added by a later migration is read-only until it is named here.
 */
const SESSIONS: TableGrant = { select: true, insert: true, update: ['last_seen_at', 'revoked_at'], delete: true };
const LOGIN_ATTEMPTS: TableGrant = { select: true, insert: true, update: true, delete: true };
const AUDIT_LOG: TableGrant = { insert: true };
const OWN_PASSWORD_COLUMNS = ['password_hash', 'must_change_password', 'password_changed_at'] as const;

const auth = (users: TableGrant): SharedSchemaGrant => ({
  schema: 'auth',
  access: 'read',
  tables: { users, sessions: SESSIONS, login_attempts: LOGIN_ATTEMPTS, audit_log: AUDIT_LOG },
});
const AUTH_READ_USERS = auth({ select: true });
const AUTH_OWN_PASSWORD = auth({ select: true, update: OWN_PASSWORD_COLUMNS });
const HIERARCHY: SharedSchemaGrant = { schema: 'hierarchy', access: 'read' };

export const SERVICE_GRANTS: Record<ServiceName, readonly SharedSchemaGrant[]> = {
  vetting: [{ schema: 'platform', access: 'read-write' }, HIERARCHY, AUTH_OWN_PASSWORD],
  tipline: [{ schema: 'platform', access: 'read' }, HIERARCHY, AUTH_READ_USERS],
  auditing: [{ schema: 'platform', access: 'read' }, HIERARCHY, AUTH_READ_USERS],
  grievance: [{ schema: 'platform', access: 'read' }, HIERARCHY, AUTH_READ_USERS],
};
