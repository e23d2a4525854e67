import type { ServiceKernel } from '../../service-kernel';
import type { Sample } from './scrape-gauge';

/**
 * Which leased loops of a service this process leads: the outbox relay (the kernel knows) and every
 * checkpointed projector. A projector's lease is a session advisory lock on
 * hashtextextended('<schema>:projector:<name>') (libs/eventstore); it is ours when the session
 * holding it carries this pool's application_name (unique per replica, see INSTANCE_ID).
 * A bigint advisory key shows in pg_locks as classid = high 32 bits, objid = low 32 bits, objsubid 1.
 */
const PROJECTOR_LEASES_HERE = `
  SELECT c.name,
         EXISTS (SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                  WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                    AND l.classid::bigint = ((h.k >> 32) & 4294967295)
                    AND l.objid::bigint = (h.k & 4294967295)
                    AND a.application_name = current_setting('application_name')) AS here
    FROM checkpoints c,
         LATERAL (SELECT hashtextextended(current_schema() || ':projector:' || c.name, 0) AS k) h
   ORDER BY c.name`;

export async function leaderSamples(kernel: ServiceKernel): Promise<Sample[]> {
  const { rows } = await kernel.pool.query<{ name: string; here: boolean }>(PROJECTOR_LEASES_HERE);
  return [
    { labels: { service: kernel.name, loop: 'outbox-relay' }, value: kernel.relayActiveHere() ? 1 : 0 },
    ...rows.map((r) => ({ labels: { service: kernel.name, loop: `projector:${r.name}` }, value: r.here ? 1 : 0 })),
  ];
}
