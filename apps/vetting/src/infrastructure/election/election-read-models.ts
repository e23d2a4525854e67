import { AuditFindingRecord } from './audit-findings.entity';
import { ElectionRecord } from './elections.entity';
import { NominationRecord } from './nominations.entity';
import { ObjectionRecord } from './objections.entity';
import { SubstantiatedTipRecord } from './substantiated-tips.entity';
import { VillageAuditRecord } from './village-audits.entity';
import { VillageElectionRecord } from './village-elections.entity';

/**
 * The election half's entities (tables from vetting's migrations), for the ServiceDefinition: the
 * board projection's, and those the reactions keep of other services' events.
 */
export const ELECTION_READ_MODELS = [ElectionRecord, VillageElectionRecord, NominationRecord, ObjectionRecord, VillageAuditRecord, AuditFindingRecord, SubstantiatedTipRecord];
