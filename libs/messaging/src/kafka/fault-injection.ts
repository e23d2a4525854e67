import type { BusLogger } from '../logger';

/**
 * TEST-ONLY fault injection, off unless LW_FAULT_EXIT_AFTER_EFFECT names an integration event type
 * (tools/faults/src/consumer-crash.int.spec.ts sets it): the process exits right after that event's
 * inbox transaction committed and before its Kafka offset is committed, the window where a crash
 * makes Kafka redeliver an event whose effect already exists. Never set it in a deployment.
 */
export function exitAfterEffectHook(env: NodeJS.ProcessEnv = process.env): ((type: string, log: BusLogger) => void) | null {
  const type = env.LW_FAULT_EXIT_AFTER_EFFECT;
  if (!type) return null;
  return (eventType, log) => {
    if (eventType !== type) return;
    log.error({ eventType }, 'LW_FAULT_EXIT_AFTER_EFFECT: exiting after the effect, before the offset commit (test-only fault)');
    process.exit(86);
  };
}
