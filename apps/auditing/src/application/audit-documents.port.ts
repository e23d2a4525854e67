import type { EngagementState } from '../domain/engagement';
import type { AuditSummary, FindingRow } from './auditing-read-model.port';

/** The office files auditing hands out: one village's report (Word) and the findings table (Excel). */
export abstract class AuditDocuments {
  abstract auditReport(s: EngagementState, villageName: string): Promise<Buffer>;
  abstract findingsTable(rows: FindingRow[], summary: AuditSummary): Promise<Buffer>;
}
