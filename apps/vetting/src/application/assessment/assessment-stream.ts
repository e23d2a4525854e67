import type { EventStore } from '@lw/eventstore';
import { evolveAssessment, EMPTY_ASSESSMENT_STREAM, type AssessmentStreamState } from '../../domain/assessment';

/** One stream per village and period: every revision of its assessment(s), in order. */
export function assessmentStream(villageCode: string, period: string): string {
  return `assessment-${villageCode}-${period}`;
}

export const ASSESSMENT_STREAM_PREFIX = 'assessment-';

export async function loadAssessments(store: EventStore, streamId: string): Promise<{ state: AssessmentStreamState; version: number }> {
  const events = await store.readStream(streamId);
  const state = events.reduce(evolveAssessment, EMPTY_ASSESSMENT_STREAM);
  return { state, version: events.length ? events[events.length - 1].streamVersion : 0 };
}
