export * from './grievance.module';
export * from './grievance.service';
export { Grievance, buildGrievance } from './infrastructure/grievance-runtime';
export { caseIdForSource } from './application/case-ids';
export { ledgerSql } from './infrastructure/read-model/case-queries';
export { ledgerWorkbook } from './infrastructure/read-model/ledger-workbook';
export { CaseQueries } from './infrastructure/read-model/case-queries';
