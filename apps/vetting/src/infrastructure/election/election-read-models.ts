import { ElectionRecord } from './elections.entity';
import { NominationRecord } from './nominations.entity';
import { VillageElectionRecord } from './village-elections.entity';

/** The election half's read-model entities (tables from vetting's migrations), for the ServiceDefinition. */
export const ELECTION_READ_MODELS = [ElectionRecord, VillageElectionRecord, NominationRecord];
