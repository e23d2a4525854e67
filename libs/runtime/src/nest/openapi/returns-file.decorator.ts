import { applyDecorators } from '@nestjs/common';
import { ApiProduces, ApiResponse } from '@nestjs/swagger';

/** Documents a download: the answer is the file itself, of `contentType` (no zod schema describes bytes). */
export function ReturnsFile(contentType: string, description: string): MethodDecorator {
  return applyDecorators(
    ApiProduces(contentType),
    ApiResponse({ status: 200, description, content: { [contentType]: { schema: { type: 'string', format: 'binary' } } } }),
  );
}
