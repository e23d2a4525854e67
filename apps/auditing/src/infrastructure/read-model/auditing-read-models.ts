import { EngagementRecord } from './engagements.entity';
import { FindingRecord } from './findings.entity';

/** The auditing service's read-model entities (tables from its migrations), for its ServiceDefinition. */
export const AUDITING_READ_MODELS = [EngagementRecord, FindingRecord];
