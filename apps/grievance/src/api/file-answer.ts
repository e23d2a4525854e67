import type { ApiResponseOptions } from '@nestjs/swagger';

/** A download's success answer in the OpenAPI document: the file itself (no zod schema describes bytes). */
export function fileAnswer(contentType: string, description: string): ApiResponseOptions {
  return { status: 200, description, content: { [contentType]: { schema: { type: 'string', format: 'binary' } } } };
}
