import type { PoolClient } from 'pg';
import { Money } from '@lw/domain';
import { toDomainEvent, type EventStore, type StoredEvent } from '@lw/eventstore';
import { seriousOpen, type EngagementEvent, type EngagementState } from '../../domain/engagement';
import { engagementDecider, engagementIdOfStream } from '../../application/engagement-stream';

/**
 * Feeds `engagements` and `findings` from the engagement streams. Each engagement a batch touches
 * is rebuilt from its whole stream (engagement streams are short), so the rows are right whatever
 * order or repetition the batch brings. The streams are read in the projection's own transaction.
 */
export function engagementProjection(store: EventStore) {
  return async (events: StoredEvent[], tx: PoolClient): Promise<void> => {
    const touched = new Set<string>();
    for (const e of events) if (engagementIdOfStream(e.streamId)) touched.add(e.streamId);
    for (const stream of (await store.readStreams([...touched], tx)).values()) {
      const state = stream.reduce<EngagementState | null>((s, e) => engagementDecider.evolve(s, toDomainEvent<EngagementEvent>(e)), null)!;
      await upsert(tx, state, stream[stream.length - 1].streamVersion);
    }
  };
}

const fenOf = (amount: string | null) => (amount === null ? null : Money.parse(amount).fen.toString());

async function upsert(tx: PoolClient, s: EngagementState, version: number): Promise<void> {
  const findings = [...s.findings.values()];
  const total = Money.sum(findings.map((f) => (f.amount === null ? Money.ZERO : Money.parse(f.amount))));
  const { rowCount } = await tx.query(
    `INSERT INTO engagements (engagement_id, version, kind, village_code, election_id, status, persons, auditors, period_from, period_to,
        planned_at, concluded_at, published_at, notice_ends_on, findings, serious_open, amount_fen)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)
     ON CONFLICT (engagement_id) DO UPDATE SET version = EXCLUDED.version, status = EXCLUDED.status, persons = EXCLUDED.persons,
        auditors = EXCLUDED.auditors, concluded_at = EXCLUDED.concluded_at, published_at = EXCLUDED.published_at,
        notice_ends_on = EXCLUDED.notice_ends_on, findings = EXCLUDED.findings, serious_open = EXCLUDED.serious_open, amount_fen = EXCLUDED.amount_fen
     WHERE engagements.version < EXCLUDED.version`,
    [
      s.engagementId,
      version,
      s.kind,
      s.villageCode,
      s.electionId,
      s.status,
      JSON.stringify(s.persons),
      JSON.stringify(s.auditors),
      s.periodFrom,
      s.periodTo,
      s.plannedAt,
      s.concludedAt,
      s.publishedAt,
      s.notice?.endsOn ?? null,
      findings.length,
      seriousOpen(s),
      total.fen.toString(),
    ],
  );
  if (!rowCount || findings.length === 0) return;
  await tx.query('DELETE FROM findings WHERE engagement_id = $1', [s.engagementId]);
  await tx.query(
    `INSERT INTO findings (finding_id, engagement_id, seq, village_code, election_id, category, severity, amount_fen, description,
        responsible_persons, rectification_required, violation_suspected, transferred, recorded_at, amendments, rectified_at, case_id)
     SELECT x->>'findingId', $1, (x->>'seq')::int, $2, $3, x->>'category', x->>'severity', (x->>'amountFen')::bigint, x->>'description',
        x->'responsiblePersons', (x->>'rectificationRequired')::boolean, (x->>'violationSuspected')::boolean, (x->>'transferred')::boolean,
        (x->>'recordedAt')::timestamptz, (x->>'amendments')::int, (x->>'rectifiedAt')::timestamptz, x->>'caseId'
       FROM jsonb_array_elements($4::jsonb) AS x`,
    [
      s.engagementId,
      s.villageCode,
      s.electionId,
      JSON.stringify(
        findings.map((f, i) => ({
          findingId: f.findingId,
          seq: i + 1,
          category: f.category,
          severity: f.severity,
          amountFen: fenOf(f.amount),
          description: f.description,
          responsiblePersons: f.responsiblePersons,
          rectificationRequired: f.rectificationRequired,
          violationSuspected: f.violationSuspected,
          transferred: f.transferId !== null,
          recordedAt: f.recordedAt,
          amendments: f.revisions.length - 1,
          rectifiedAt: f.rectified?.at ?? null,
          caseId: f.rectified?.caseId ?? null,
        })),
      ),
    ],
  );
}
