import type { AuditFile } from '../application/engagement.queries';

/** The slice of the HTTP response a download writes. */
export type Download = { setHeader(k: string, v: string): void; end(b: Buffer): void };

/** Sends the file as an attachment under its Chinese name. */
export function download(res: Download, contentType: string, file: AuditFile): void {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  res.end(file.content);
}
