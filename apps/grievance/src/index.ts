export * from './grievance.module';
export * from './grievance.service';
export { caseIdForSource } from './application/case-ids';
export { ledgerSql } from './infrastructure/read-model/case-queries';
export { ledgerWorkbook } from './infrastructure/read-model/ledger-workbook';
export { CaseQueries } from './infrastructure/read-model/case-queries';
export { GRIEVANCE_READ_MODELS } from './infrastructure/read-model/grievance-read-models';
