import { gongwenDocx } from '@lw/runtime';
import type { ReportDraft } from '../../domain/campaign/report-draft';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export type Reply = { setHeader(k: string, v: string): void; end(b: Buffer): void };

/** Sends a report draft as a Word file in 公文 layout (GB/T 9704). */
export async function sendDocx(res: Reply, draft: ReportDraft, fileName: string): Promise<void> {
  const file = await gongwenDocx(draft);
  res.setHeader('Content-Type', DOCX);
  res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  res.end(file);
}
