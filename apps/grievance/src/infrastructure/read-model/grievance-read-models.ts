import { CaseLedgerRecord } from './case-ledger.entity';

/**
 * Grievance's read models (TypeORM entities on its own pool). Only the ledger: liaison_assignments
 * is written by the liaison commands themselves (state, not a projection) and stays in PgLiaisonDirectory.
 */
export const GRIEVANCE_READ_MODELS = [CaseLedgerRecord];
