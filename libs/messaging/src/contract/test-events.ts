import { v7 as uuidv7 } from 'uuid';
import type { IntegrationEvent } from '@lw/domain';

/** What a contract-test event asks the test handler to do. */
export interface ScenarioPayload {
  scenario: string;
  seq: number;
  /** The handler throws on this many first attempts, then succeeds. */
  failTimes?: number;
  /** The handler always throws. */
  poison?: boolean;
  /** The handler finds the payload breaking its contract (ContractViolationError). */
  breaksContract?: boolean;
  /** On this many first attempts the handler kills its own database connection (a transient outage). */
  dropConnectionTimes?: number;
}

export function testEvent(producer: string, villageCode: string | null, payload: ScenarioPayload): IntegrationEvent<ScenarioPayload> {
  const id = uuidv7();
  return {
    id,
    type: `${producer}.ContractTested`,
    version: 1,
    occurredAt: new Date().toISOString(),
    producer,
    villageCode,
    correlationId: id,
    causationId: null,
    actor: null,
    payload,
  };
}
