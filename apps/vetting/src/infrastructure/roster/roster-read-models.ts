import { RosterAppraisalRecord } from './roster-appraisals.entity';
import { RosterCitizenIdRecord } from './roster-citizen-ids.entity';
import { RosterEvaluationRecord } from './roster-evaluations.entity';
import { RosterHoldingRecord } from './roster-holdings.entity';
import { RosterInvestigationRecord } from './roster-investigations.entity';
import { RosterPersonRecord } from './roster-persons.entity';
import { RosterRecordRecord } from './roster-records.entity';
import { RosterRelativeRecord } from './roster-relatives.entity';
import { RosterRoleRecord } from './roster-roles.entity';

/**
 * The roster's entities for the vetting ServiceDefinition's readModels: the read model (tables from
 * vetting/roster_002, 003) and the citizen-id claims its writers keep (vetting/roster_001).
 */
export const ROSTER_READ_MODELS = [RosterPersonRecord, RosterHoldingRecord, RosterRecordRecord, RosterAppraisalRecord, RosterRelativeRecord, RosterRoleRecord, RosterInvestigationRecord, RosterEvaluationRecord, RosterCitizenIdRecord];
