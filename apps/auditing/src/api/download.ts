import type { ApiResponseOptions } from '@nestjs/swagger';
import type { AuditFile } from '../application/engagement.queries';

/** The slice of the HTTP response a download writes. */
export type Download = { setHeader(k: string, v: string): void; end(b: Buffer): void };

/** Sends the file as an attachment under its Chinese name. */
export function download(res: Download, contentType: string, file: AuditFile): void {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  res.end(file.content);
}

/** A download's success answer in the OpenAPI document: the file itself (no zod schema describes bytes). */
export function fileAnswer(contentType: string, description: string): ApiResponseOptions {
  return { status: 200, description, content: { [contentType]: { schema: { type: 'string', format: 'binary' } } } };
}
