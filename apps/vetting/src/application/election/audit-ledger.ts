import type { PoolClient } from 'pg';
import type { IntegrationPayload } from '@lw/domain';
import type { OutgoingAuditStatus } from '../../domain/election';

type AuditReport = IntegrationPayload<'auditing.AuditPlanned' | 'auditing.FindingRecorded' | 'auditing.AuditConcluded' | 'auditing.AuditPublished' | 'auditing.FindingRectified'>;

/**
 * What auditing reports of each village's outgoing audit, kept for the gate. Each finding is kept
 * with its severity and rectification, so the count of serious open findings is ours, whatever order
 * the events arrive in: a rectification seen before its finding stays rectified, an amendment may
 * make a finding serious (or not).
 */
export const auditLedger = {
  planned: (p: IntegrationPayload<'auditing.AuditPlanned'>, tx: PoolClient) =>
    tx.query('INSERT INTO village_audits (election_id, village_code, engagement_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [p.electionId, p.villageCode, p.engagementId]),

  concluded: (p: IntegrationPayload<'auditing.AuditConcluded' | 'auditing.AuditPublished'>, published: boolean, tx: PoolClient) =>
    tx.query(
      `INSERT INTO village_audits (election_id, village_code, engagement_id, concluded, published) VALUES ($1, $2, $3, true, $4)
       ON CONFLICT (election_id, village_code) DO UPDATE SET concluded = true, published = village_audits.published OR excluded.published`,
      [p.electionId, p.villageCode, p.engagementId, published],
    ),

  finding: (p: IntegrationPayload<'auditing.FindingRecorded'>, tx: PoolClient) =>
    tx.query(
      `INSERT INTO audit_findings (engagement_id, finding_id, serious, rectification_required) VALUES ($1, $2, $3, $4)
       ON CONFLICT (engagement_id, finding_id) DO UPDATE SET serious = excluded.serious, rectification_required = excluded.rectification_required`,
      [p.engagementId, p.findingId, p.severity === 'serious', p.rectificationRequired],
    ),

  rectified: (p: IntegrationPayload<'auditing.FindingRectified'>, tx: PoolClient) =>
    tx.query(
      `INSERT INTO audit_findings (engagement_id, finding_id, serious, rectification_required, rectified) VALUES ($1, $2, $3, true, true)
       ON CONFLICT (engagement_id, finding_id) DO UPDATE SET rectified = true`,
      [p.engagementId, p.findingId, p.severity === 'serious'],
    ),

  /** The audit as the gate sees it; null while none was planned for the village. */
  async status(p: Pick<AuditReport, 'electionId' | 'villageCode'>, tx: PoolClient): Promise<OutgoingAuditStatus | null> {
    const { rows } = await tx.query<{ concluded: boolean; published: boolean; serious_open: number }>(
      `SELECT a.concluded, a.published,
              (SELECT count(*)::int FROM audit_findings f WHERE f.engagement_id = a.engagement_id AND f.serious AND f.rectification_required AND NOT f.rectified) AS serious_open
         FROM village_audits a WHERE a.election_id = $1 AND a.village_code = $2`,
      [p.electionId, p.villageCode],
    );
    return rows[0] ? { concluded: rows[0].concluded, published: rows[0].published, seriousOpen: rows[0].serious_open } : null;
  },
};
