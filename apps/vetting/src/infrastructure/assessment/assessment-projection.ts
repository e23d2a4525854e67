import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import type { StoredEvent } from '@lw/eventstore';
import type { AssessmentRecordedData } from '../../domain/assessment';
import { ASSESSMENT_STREAM_PREFIX } from '../../application/assessment/assessment-stream';
import { AssessmentRevisionRecord } from './assessment-revisions.entity';
import { AssessmentRecord } from './assessments.entity';

const REPLACED = ['year', 'assessment_id', 'revision', 'data', 'classification', 'weak', 'valid', 'recorded_at'];

/**
 * Applies AssessmentRecorded events to the read model through the EntityManager of the projector's
 * transaction (with its checkpoint). A stream's events arrive in version order, so the newest
 * revision simply replaces the row.
 */
export async function projectAssessments(events: readonly StoredEvent[], _tx: PoolClient, manager: EntityManager | undefined): Promise<void> {
  if (!manager) throw new Error('assessment projection: run it with readModels (kernel.readModels)');
  for (const e of events) {
    if (e.type !== 'AssessmentRecorded' || !e.streamId.startsWith(ASSESSMENT_STREAM_PREFIX)) continue;
    const d = e.data as AssessmentRecordedData;
    const inForce: AssessmentRecord = {
      villageCode: d.villageCode,
      period: d.period,
      year: d.year,
      assessmentId: d.assessmentId,
      revision: d.revision,
      data: d,
      classification: d.classification,
      weak: d.weak,
      valid: d.valid,
      recordedAt: new Date(d.at),
    };
    await manager.createQueryBuilder().insert().into(AssessmentRecord).values(inForce).orUpdate(REPLACED, ['village_code', 'period']).updateEntity(false).execute();
    const revision: AssessmentRevisionRecord = {
      eventId: e.id,
      villageCode: d.villageCode,
      period: d.period,
      assessmentId: d.assessmentId,
      revision: d.revision,
      data: d,
      actor: e.metadata.actor ?? null,
      recordedAt: new Date(d.at),
    };
    await manager.createQueryBuilder().insert().into(AssessmentRevisionRecord).values(revision).orIgnore().updateEntity(false).execute();
  }
}
