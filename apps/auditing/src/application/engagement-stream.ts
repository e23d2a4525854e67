import type { PoolClient } from 'pg';
import { DomainNotFoundError } from '@lw/domain';
import type { EventStore } from '@lw/eventstore';
import { evolveEngagement, type EngagementEvent, type EngagementState } from '../domain/engagement';

/** One stream per engagement. */
export function engagementStream(engagementId: string): string {
  return `engagement-${engagementId}`;
}

export function engagementIdOfStream(streamId: string): string | null {
  return streamId.startsWith('engagement-') ? streamId.slice('engagement-'.length) : null;
}

export async function loadEngagement(store: EventStore, engagementId: string): Promise<{ state: EngagementState; version: number }> {
  const events = await store.readStream(engagementStream(engagementId));
  if (events.length === 0) throw new DomainNotFoundError('audit.not_found', '审计项目不存在或不在您的管辖范围内', `no engagement ${engagementId}`);
  let state: EngagementState | null = null;
  for (const e of events) state = evolveEngagement(state, { type: e.type, data: e.data } as EngagementEvent);
  return { state: state!, version: events[events.length - 1].streamVersion };
}

/** True when the engagement's stream exists (read in the caller's transaction when given). */
export async function engagementExists(db: Pick<PoolClient, 'query'>, engagementId: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM events WHERE stream_id = $1 LIMIT 1', [engagementStream(engagementId)]);
  return (rowCount ?? 0) > 0;
}
