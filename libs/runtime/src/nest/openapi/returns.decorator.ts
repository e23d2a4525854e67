import type { z } from 'zod';

export const RETURNS_KEY = 'lw:openapi:returns';

export interface Returned {
  schema: z.ZodType;
  /** Omitted: the route's own success status (@HttpCode, else 201 for POST and 200 otherwise). */
  status?: number;
  description?: string;
}

/**
 * Documents a success answer by a zod schema (its output side). Documentation only: the answer is
 * not checked. Read when the service's document is built, so it needs no particular decorator order.
 */
export function Returns(schema: z.ZodType, status?: number, description?: string): MethodDecorator {
  return (_target, _key, descriptor) => {
    const returned: Returned[] = Reflect.getMetadata(RETURNS_KEY, descriptor.value as object) ?? [];
    Reflect.defineMetadata(RETURNS_KEY, [...returned, { schema, status, description }], descriptor.value as object);
  };
}

export function returnsOf(handler: object): Returned[] {
  return Reflect.getMetadata(RETURNS_KEY, handler) ?? [];
}
