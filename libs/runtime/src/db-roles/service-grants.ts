import type { SharedSchemaGrant } from '@lw/db';
import type { ServiceName } from '../services';

/**
 * What each service's database role may reach beyond its own schema, found from what its process
 * reads and writes (distributed.ts): no service reads another service's schema (they talk over
 * Kafka). The division tree is written only by the import (as the administrator); the calendar only
 * by vetting, the service the ingress sends the platform endpoints to; the auth schema by every
 * service, because each logs users in and checks sessions, but the audit log only grows.
 */
export const SHARED_SCHEMAS = ['platform', 'hierarchy', 'auth'] as const;

const AUTH: SharedSchemaGrant = { schema: 'auth', access: 'read-write', appendOnly: ['audit_log'] };
const HIERARCHY: SharedSchemaGrant = { schema: 'hierarchy', access: 'read' };

export const SERVICE_GRANTS: Record<ServiceName, readonly SharedSchemaGrant[]> = {
  vetting: [{ schema: 'platform', access: 'read-write' }, HIERARCHY, AUTH],
  tipline: [{ schema: 'platform', access: 'read' }, HIERARCHY, AUTH],
  auditing: [{ schema: 'platform', access: 'read' }, HIERARCHY, AUTH],
  grievance: [{ schema: 'platform', access: 'read' }, HIERARCHY, AUTH],
};
