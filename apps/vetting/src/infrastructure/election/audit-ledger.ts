import type { PoolClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { readModelManager } from '@lw/db';
import type { IntegrationPayload } from '@lw/domain';
import { AuditLedger, type AuditReport } from '../../application/election/audit-ledger';
import type { OutgoingAuditStatus } from '../../domain/election';
import { AuditFindingRecord } from './audit-findings.entity';
import { VillageAuditRecord } from './village-audits.entity';

const AUDIT_KEY = ['election_id', 'village_code'];
const FINDING_KEY = ['engagement_id', 'finding_id'];

/** The audit ledger through TypeORM, on the caller's (inbox) transaction; each write one upsert. */
export class PgAuditLedger extends AuditLedger {
  constructor(private readonly readModels: DataSource) {
    super();
  }

  async planned(p: IntegrationPayload<'auditing.AuditPlanned'>, tx: PoolClient): Promise<void> {
    await this.insert(tx, VillageAuditRecord, { electionId: p.electionId!, villageCode: p.villageCode, engagementId: p.engagementId }).orIgnore().execute();
  }

  async concluded(p: IntegrationPayload<'auditing.AuditConcluded' | 'auditing.AuditPublished'>, published: boolean, tx: PoolClient): Promise<void> {
    // published = old OR new: overwritten only by a publication.
    const overwrite = published ? ['concluded', 'published'] : ['concluded'];
    await this.insert(tx, VillageAuditRecord, { electionId: p.electionId!, villageCode: p.villageCode, engagementId: p.engagementId, concluded: true, published }).orUpdate(overwrite, AUDIT_KEY).execute();
  }

  async finding(p: IntegrationPayload<'auditing.FindingRecorded'>, tx: PoolClient): Promise<void> {
    const row = { engagementId: p.engagementId, findingId: p.findingId, serious: p.severity === 'serious', rectificationRequired: p.rectificationRequired };
    await this.insert(tx, AuditFindingRecord, row).orUpdate(['serious', 'rectification_required'], FINDING_KEY).execute();
  }

  async rectified(p: IntegrationPayload<'auditing.FindingRectified'>, tx: PoolClient): Promise<void> {
    const row = { engagementId: p.engagementId, findingId: p.findingId, serious: p.severity === 'serious', rectificationRequired: true, rectified: true };
    await this.insert(tx, AuditFindingRecord, row).orUpdate(['rectified'], FINDING_KEY).execute();
  }

  async status(p: Pick<AuditReport, 'electionId' | 'villageCode'>, tx: PoolClient): Promise<OutgoingAuditStatus | null> {
    const manager = readModelManager(this.readModels, tx);
    const audit = await manager.getRepository(VillageAuditRecord).findOneBy({ electionId: p.electionId!, villageCode: p.villageCode });
    if (!audit) return null;
    const seriousOpen = await manager.getRepository(AuditFindingRecord).countBy({ engagementId: audit.engagementId, serious: true, rectificationRequired: true, rectified: false });
    return { concluded: audit.concluded, published: audit.published, seriousOpen };
  }

  private insert<T extends object>(tx: PoolClient, entity: new () => T, values: Partial<T>) {
    const manager: EntityManager = readModelManager(this.readModels, tx);
    return manager.createQueryBuilder().insert().into(entity).values(values as never);
  }
}
