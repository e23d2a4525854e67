import { RosterAppraisalRecord } from './roster-appraisals.entity';
import { RosterHoldingRecord } from './roster-holdings.entity';
import { RosterInvestigationRecord } from './roster-investigations.entity';
import { RosterPersonRecord } from './roster-persons.entity';
import { RosterRecordRecord } from './roster-records.entity';
import { RosterRelativeRecord } from './roster-relatives.entity';
import { RosterRoleRecord } from './roster-roles.entity';

/** The roster's read-model entities (tables from vetting/roster_002), for the vetting ServiceDefinition's readModels. */
export const ROSTER_READ_MODELS = [RosterPersonRecord, RosterHoldingRecord, RosterRecordRecord, RosterAppraisalRecord, RosterRelativeRecord, RosterRoleRecord, RosterInvestigationRecord];
