import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/**
 * The domain's refusals a controller's routes can give, for the OpenAPI document (the 400 of
 * validation and the guard's 401/403 are added from the routes themselves). Same body as every
 * refusal: the document's Error schema, with a Chinese message.
 */
export function Refusals(refusals: Partial<Record<404 | 409 | 422 | 429, string>>): ClassDecorator {
  return applyDecorators(
    ...Object.entries(refusals).map(([status, description]) => ApiResponse({ status: Number(status), description, schema: { $ref: '#/components/schemas/Error' } })),
  );
}
