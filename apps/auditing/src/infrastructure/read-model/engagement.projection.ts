import type { PoolClient } from 'pg';
import { In, type EntityManager } from 'typeorm';
import { Money } from '@lw/domain';
import { toDomainEvent, type EventStore, type StoredEvent } from '@lw/eventstore';
import { seriousOpen, type EngagementEvent, type EngagementState } from '../../domain/engagement';
import { engagementDecider, engagementIdOfStream } from '../../application/engagement-stream';
import { EngagementRecord } from './engagements.entity';
import { FindingRecord } from './findings.entity';

/** The columns a rebuild may change; kind, village, election, audit period and planning never do. */
const REBUILT = ['version', 'status', 'persons', 'auditors', 'concluded_at', 'published_at', 'notice_ends_on', 'findings', 'serious_open', 'amount_fen'];
/** Findings per INSERT, well below PostgreSQL's 65535 parameters (17 columns each). */
const FINDINGS_PER_INSERT = 1000;

interface Rebuilt {
  state: EngagementState;
  version: number;
}

/**
 * Feeds `engagements` and `findings` from the engagement streams, through the EntityManager of the
 * projection's transaction (the checkpoint's). Each engagement a batch touches is rebuilt from its
 * whole stream (engagement streams are short), so the rows are right whatever order or repetition
 * the batch brings. The streams are read in that same transaction.
 */
export function engagementProjection(store: EventStore) {
  return async (events: StoredEvent[], tx: PoolClient, manager: EntityManager | undefined): Promise<void> => {
    if (!manager) throw new Error('engagement projection: run it with readModels (kernel.readModels)');
    const touched = new Set<string>();
    for (const e of events) if (engagementIdOfStream(e.streamId)) touched.add(e.streamId);
    if (touched.size === 0) return;
    const rebuilt = [...(await store.readStreams([...touched], tx)).values()].map((stream) => ({
      state: stream.reduce<EngagementState | null>((s, e) => engagementDecider.evolve(s, toDomainEvent<EngagementEvent>(e)), null)!,
      version: stream[stream.length - 1].streamVersion,
    }));
    await save(manager, rebuilt);
  };
}

async function save(manager: EntityManager, rebuilt: Rebuilt[]): Promise<void> {
  const { raw } = await manager
    .createQueryBuilder()
    .insert()
    .into(EngagementRecord)
    .values(rebuilt.map(engagementRow))
    .orUpdate(REBUILT, ['engagement_id'], { overwriteCondition: { where: 'engagements.version < EXCLUDED.version' } })
    .returning(['engagementId'])
    .updateEntity(false)
    .execute();
  // Rows the guard left alone (already at this version) keep their findings too.
  const changed = new Set((raw as { engagement_id: string }[]).map((r) => r.engagement_id));
  const withFindings = rebuilt.filter((r) => changed.has(r.state.engagementId) && r.state.findings.size > 0);
  if (withFindings.length === 0) return;
  await manager.delete(FindingRecord, { engagementId: In(withFindings.map((r) => r.state.engagementId)) });
  const rows = withFindings.flatMap((r) => findingRows(r.state));
  for (let i = 0; i < rows.length; i += FINDINGS_PER_INSERT) await manager.insert(FindingRecord, rows.slice(i, i + FINDINGS_PER_INSERT));
}

const fenOf = (amount: string | null) => (amount === null ? null : Money.parse(amount).fen.toString());
const dateOf = (at: string | null) => (at === null ? null : new Date(at));

function engagementRow({ state: s, version }: Rebuilt): EngagementRecord {
  const findings = [...s.findings.values()];
  return {
    engagementId: s.engagementId,
    version,
    kind: s.kind,
    villageCode: s.villageCode,
    electionId: s.electionId,
    status: s.status,
    persons: s.persons,
    auditors: s.auditors,
    periodFrom: s.periodFrom,
    periodTo: s.periodTo,
    plannedAt: new Date(s.plannedAt),
    concludedAt: dateOf(s.concludedAt),
    publishedAt: dateOf(s.publishedAt),
    noticeEndsOn: s.notice?.endsOn ?? null,
    findings: findings.length,
    seriousOpen: seriousOpen(s),
    amountFen: Money.sum(findings.map((f) => (f.amount === null ? Money.ZERO : Money.parse(f.amount)))).fen.toString(),
  };
}

function findingRows(s: EngagementState): FindingRecord[] {
  return [...s.findings.values()].map((f, i) => ({
    findingId: f.findingId,
    engagementId: s.engagementId,
    seq: i + 1,
    villageCode: s.villageCode,
    electionId: s.electionId,
    category: f.category,
    severity: f.severity,
    amountFen: fenOf(f.amount),
    description: f.description,
    responsiblePersons: f.responsiblePersons,
    rectificationRequired: f.rectificationRequired,
    violationSuspected: f.violationSuspected,
    transferred: f.transferId !== null,
    recordedAt: new Date(f.recordedAt),
    amendments: f.revisions.length - 1,
    rectifiedAt: dateOf(f.rectified?.at ?? null),
    caseId: f.rectified?.caseId ?? null,
  }));
}
