import type { AuditPolicy } from '../../domain/engagement';
import type { AuditDocuments } from '../../application/audit-documents.port';
import { auditReportDocx } from './audit-report.docx';
import { findingsWorkbook } from './findings-table.xlsx';

/** The audit report as Word and the findings table as Excel, with this deployment's policy. */
export function officeDocuments(policy: AuditPolicy): AuditDocuments {
  return {
    auditReport: (s, villageName) => auditReportDocx(s, villageName, policy),
    findingsTable: (rows, summary) => findingsWorkbook(rows, summary, '审计发现问题汇总表'),
  };
}
