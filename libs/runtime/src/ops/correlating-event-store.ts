import type { IntegrationEvent } from '@lw/domain';
import { AppendOptions, EventStore, ExpectedVersion, NewEvent } from '@lw/eventstore';
import { currentCorrelationId } from './correlation-context';

/**
 * The kernel's event store: stored events and integration events whose correlation id was left to default (it then
 * equals the event's own id, see newEnvelope) take the correlation id of the request or consumed
 * event being handled, so one id follows a citizen's tip from the HTTP request through the outbox
 * and Kafka into the other services' logs. An id the service chose (or took from a cause) is kept.
 */
export class CorrelatingEventStore extends EventStore {
  override append(streamId: string, expectedVersion: ExpectedVersion, events: NewEvent[], options: AppendOptions = {}): Promise<{ nextVersion: number; txId: string }> {
    const correlationId = currentCorrelationId();
    if (!correlationId) return super.append(streamId, expectedVersion, events, options);
    // The stored events carry it too (unless the command chose one), so the log ties them to the request.
    const stamped = events.map((e) => (e.metadata?.correlationId ? e : { ...e, metadata: { ...e.metadata, correlationId } }));
    const integration = options.integrationEvents;
    if (!integration?.length) return super.append(streamId, expectedVersion, stamped, options);
    return super.append(streamId, expectedVersion, stamped, { ...options, integrationEvents: integration.map((e) => correlate(e, correlationId)) });
  }
}

function correlate(event: IntegrationEvent, correlationId: string): IntegrationEvent {
  return event.correlationId === event.id ? { ...event, correlationId } : event;
}
