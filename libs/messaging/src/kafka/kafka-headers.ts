import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { IntegrationEvent } from '@lw/domain';

/** Headers let brokers' tooling route and inspect without parsing the JSON value. */
export function eventHeaders(event: IntegrationEvent): IHeaders {
  return {
    eventId: event.id,
    type: event.type,
    version: String(event.version),
    correlationId: event.correlationId,
    producer: event.producer,
  };
}

export interface DeadLetterCause {
  consumer: string;
  error: string;
  attempts: number;
  topic: string;
  partition: number;
}

/** The original headers plus why, where from and after how many tries the message was given up. */
export function deadLetterHeaders(message: KafkaMessage, cause: DeadLetterCause): IHeaders {
  const headers: IHeaders = {};
  for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = v;
  headers['dlq-consumer'] = cause.consumer;
  headers['dlq-error'] = cause.error.slice(0, 4000);
  headers['dlq-attempts'] = String(cause.attempts);
  headers['dlq-source-topic'] = cause.topic;
  headers['dlq-source-partition'] = String(cause.partition);
  headers['dlq-source-offset'] = message.offset;
  headers['dlq-failed-at'] = new Date().toISOString();
  return headers;
}
