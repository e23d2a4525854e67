import type { PoolClient } from 'pg';
import { DomainNotFoundError, type IntegrationEvent } from '@lw/domain';
import { changeGate, villageGate, type OutgoingAuditStatus } from '../../domain/election';
import type { ElectionCommands } from '../election-commands';
import { loadVillageElection, villageElectionStream } from '../village-election-stream';
import type { PolicyPacks } from './policy-packs';

export const AUDIT_EVENTS = new Set(['auditing.AuditPlanned', 'auditing.FindingRecorded', 'auditing.AuditConcluded', 'auditing.AuditPublished', 'auditing.FindingRectified']);

/**
 * The gate from what auditing reports. Each finding is kept with its severity and rectification, so
 * the count of serious open findings is ours, whatever order the events arrive in: a rectification
 * seen before its finding stays rectified, an amendment may make a finding serious (or not).
 */
export class AuditGate {
  constructor(private readonly deps: { commands: ElectionCommands; packs: PolicyPacks }) {}

  async apply(event: IntegrationEvent<any>, tx: PoolClient): Promise<void> {
    const p = event.payload;
    if (!p.electionId) return;
    const key = [p.electionId, p.villageCode, p.engagementId];
    switch (event.type) {
      case 'auditing.AuditPlanned':
        await tx.query('INSERT INTO village_audits (election_id, village_code, engagement_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', key);
        break;
      case 'auditing.AuditConcluded':
      case 'auditing.AuditPublished': {
        const published = event.type === 'auditing.AuditPublished';
        await tx.query(
          `INSERT INTO village_audits (election_id, village_code, engagement_id, concluded, published) VALUES ($1, $2, $3, true, $4)
           ON CONFLICT (election_id, village_code) DO UPDATE SET concluded = true, published = village_audits.published OR excluded.published`,
          [...key, published],
        );
        break;
      }
      case 'auditing.FindingRecorded':
        await tx.query(
          `INSERT INTO audit_findings (engagement_id, finding_id, serious, rectification_required) VALUES ($1, $2, $3, $4)
           ON CONFLICT (engagement_id, finding_id) DO UPDATE SET serious = excluded.serious, rectification_required = excluded.rectification_required`,
          [p.engagementId, p.findingId, p.severity === 'serious', p.rectificationRequired],
        );
        break;
      case 'auditing.FindingRectified':
        await tx.query(
          `INSERT INTO audit_findings (engagement_id, finding_id, serious, rectification_required, rectified) VALUES ($1, $2, $3, true, true)
           ON CONFLICT (engagement_id, finding_id) DO UPDATE SET rectified = true`,
          [p.engagementId, p.findingId, p.severity === 'serious'],
        );
        break;
      default:
        return;
    }
    await this.recompute(p.electionId, p.villageCode, tx);
  }

  private async recompute(electionId: string, villageCode: string, tx: PoolClient): Promise<void> {
    const { rows } = await tx.query<{ concluded: boolean; published: boolean; serious_open: number }>(
      `SELECT a.concluded, a.published,
              (SELECT count(*)::int FROM audit_findings f WHERE f.engagement_id = a.engagement_id AND f.serious AND f.rectification_required AND NOT f.rectified) AS serious_open
         FROM village_audits a WHERE a.election_id = $1 AND a.village_code = $2`,
      [electionId, villageCode],
    );
    const audit: OutgoingAuditStatus | null = rows[0] ? { concluded: rows[0].concluded, published: rows[0].published, seriousOpen: rows[0].serious_open } : null;
    try {
      const stream = villageElectionStream(electionId, villageCode);
      const loaded = await loadVillageElection(this.deps.commands.store, stream, tx);
      const rules = (await this.deps.packs.get(loaded.state.policy, tx)).gate;
      const gate = villageGate(rules, audit);
      await this.deps.commands.run(stream, null, (s, c) => changeGate(s, gate.open, gate.reasons, c), { tx, loaded });
    } catch (err) {
      // An audit of an election we do not hold (another deployment's, or a 三资 audit) changes no gate.
      if (!(err instanceof DomainNotFoundError)) throw err;
    }
  }
}
