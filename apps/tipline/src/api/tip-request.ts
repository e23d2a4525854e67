import { BadRequestException } from '@nestjs/common';
import type { TipSubject } from '../domain';
import type { ReporterIdentity } from '../application/tip-submission';

/** What multer hands over for each uploaded file (memory storage). */
export interface UploadedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/**
 * A tip arrives either as a JSON body, or as multipart with the JSON in the field `tip` and the
 * files in `evidence`.
 */
export function tipFromRequest(body: unknown): unknown {
  if (body && typeof body === 'object' && typeof (body as { tip?: unknown }).tip === 'string') {
    try {
      return JSON.parse((body as { tip: string }).tip);
    } catch {
      throw new BadRequestException({ statusCode: 400, code: 'validation', message: '表单数据格式不正确（tip 字段应为 JSON）' });
    }
  }
  return body;
}

/** What a public and a clerk's submission share: the checked tip body and its uploaded evidence. */
export function submissionOf(
  input: { category: string; subjects: unknown[]; text: string; anonymous: boolean; reporter?: unknown },
  files: UploadedFile[],
) {
  return {
    category: input.category,
    subjects: input.subjects as TipSubject[],
    text: input.text,
    anonymous: input.anonymous,
    reporter: input.anonymous ? null : (input.reporter as ReporterIdentity),
    files: files.map((f) => ({ fileName: f.originalname, bytes: f.buffer, declaredType: f.mimetype })),
  };
}
