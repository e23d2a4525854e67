import type { PoolClient } from 'pg';
import type { StoredEvent } from '@lw/eventstore';
import type { AssessmentRecordedData } from '../../domain/assessment';
import { ASSESSMENT_STREAM_PREFIX } from '../../application/assessment/assessment-stream';

/**
 * Applies AssessmentRecorded events to the read model inside the projector's transaction (with its
 * checkpoint). A stream's events arrive in version order, so the newest revision simply replaces the row.
 */
export async function projectAssessments(events: readonly StoredEvent[], tx: PoolClient): Promise<void> {
  for (const e of events) {
    if (e.type !== 'AssessmentRecorded' || !e.streamId.startsWith(ASSESSMENT_STREAM_PREFIX)) continue;
    const d = e.data as AssessmentRecordedData;
    await tx.query(
      `INSERT INTO assessments (village_code, period, year, assessment_id, revision, data, classification, weak, valid, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (village_code, period) DO UPDATE SET
         year = excluded.year, assessment_id = excluded.assessment_id, revision = excluded.revision, data = excluded.data,
         classification = excluded.classification, weak = excluded.weak, valid = excluded.valid, recorded_at = excluded.recorded_at`,
      [d.villageCode, d.period, d.year, d.assessmentId, d.revision, JSON.stringify(d), d.classification, d.weak, d.valid, d.at],
    );
    await tx.query(
      `INSERT INTO assessment_revisions (event_id, village_code, period, assessment_id, revision, data, actor, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (event_id) DO NOTHING`,
      [e.id, d.villageCode, d.period, d.assessmentId, d.revision, JSON.stringify(d), JSON.stringify(e.metadata.actor ?? null), d.at],
    );
  }
}
