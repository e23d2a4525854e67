import type { PoolClient } from 'pg';
import type { IntegrationPayload } from '@lw/domain';
import type { OutgoingAuditStatus } from '../../domain/election';

export type AuditReport = IntegrationPayload<'auditing.AuditPlanned' | 'auditing.FindingRecorded' | 'auditing.AuditConcluded' | 'auditing.AuditPublished' | 'auditing.FindingRectified'>;

/**
 * What auditing reports of each village's outgoing audit, kept for the gate. Each finding is kept
 * with its severity and rectification, so the count of serious open findings is ours, whatever order
 * the events arrive in: a rectification seen before its finding stays rectified, an amendment may
 * make a finding serious (or not). Written in the inbox transaction; on PostgreSQL in
 * infrastructure/election.
 */
export abstract class AuditLedger {
  /** The audit's engagement for the village; a repeated plan keeps the first. */
  abstract planned(p: IntegrationPayload<'auditing.AuditPlanned'>, tx: PoolClient): Promise<void>;

  /** Concluded, and published when `published`; a later conclusion never unpublishes. */
  abstract concluded(p: IntegrationPayload<'auditing.AuditConcluded' | 'auditing.AuditPublished'>, published: boolean, tx: PoolClient): Promise<void>;

  /** A finding, or its amendment: severity and rectification as last recorded. */
  abstract finding(p: IntegrationPayload<'auditing.FindingRecorded'>, tx: PoolClient): Promise<void>;

  /** Rectified, even before the finding itself is heard of. */
  abstract rectified(p: IntegrationPayload<'auditing.FindingRectified'>, tx: PoolClient): Promise<void>;

  /** The audit as the gate sees it; null while none was planned for the village. */
  abstract status(p: Pick<AuditReport, 'electionId' | 'villageCode'>, tx: PoolClient): Promise<OutgoingAuditStatus | null>;
}
