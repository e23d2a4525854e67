import { randomBytes } from 'crypto';

/**
 * This process's id among replicas, put in its PostgreSQL application_name so a replica can tell
 * its own sessions (e.g. the one holding a leader lease) from its twins' in pg_stat_activity.
 * Random rather than the pid: in containers every replica is pid 1.
 */
export const INSTANCE_ID = randomBytes(4).toString('hex');
