import { Body, Param, PipeTransform, Query } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery } from '@nestjs/swagger';
import type { z } from 'zod';
import { parseInput } from '../parse-input';
import { propertiesOf, requestSchema } from './json-schema';

export type FieldLabels = Record<string, string>;

export interface ValidBodyOptions {
  /** Shapes the raw body before parsing, e.g. `(b) => b ?? {}` for an optional body, or a multipart reader. */
  from?: (raw: unknown) => unknown;
}

/** Metadata on a handler that validates its input: its operation answers 400 with the Chinese reasons. */
export const VALIDATED_KEY = 'lw:openapi:validated';

/** parseInput as a pipe: the same 400, the same Chinese sentences naming the fields by their labels. */
export class ParseInputPipe<T> implements PipeTransform<unknown, T> {
  constructor(
    private readonly schema: z.ZodType<T>,
    private readonly labels: FieldLabels = {},
    private readonly from?: (raw: unknown) => unknown,
  ) {}

  transform(value: unknown): T {
    return parseInput(this.schema, this.from ? this.from(value) : value, this.labels);
  }
}

/** The request body, parsed by the schema; the operation's request body is the schema's input side. */
export function ValidBody<T>(schema: z.ZodType<T>, labels: FieldLabels = {}, options: ValidBodyOptions = {}): ParameterDecorator {
  const required = !accepts(schema, options.from, undefined);
  return validated(Body(new ParseInputPipe(schema, labels, options.from)), [ApiBody({ schema: requestSchema(schema), required })]);
}

/** The whole query string, parsed by an object schema; each property is documented as a query parameter. */
export function ValidQuery<T>(schema: z.ZodType<T>, labels: FieldLabels = {}): ParameterDecorator {
  const params = propertiesOf(requestSchema(schema)).map((p) => ApiQuery(p));
  return validated(Query(new ParseInputPipe(schema, labels)), params);
}

/** One route parameter (`:name`), parsed by the schema. */
export function ValidParam<T>(name: string, schema: z.ZodType<T>, labels: FieldLabels = {}): ParameterDecorator {
  return validated(Param(name, new ParseInputPipe(schema, labels)), [ApiParam({ name, required: true, schema: requestSchema(schema) })]);
}

/** All route parameters as one object, parsed by an object schema (when they are checked together). */
export function ValidParams<T>(schema: z.ZodType<T>, labels: FieldLabels = {}): ParameterDecorator {
  const params = propertiesOf(requestSchema(schema)).map((p) => ApiParam({ ...p, required: true }));
  return validated(Param(new ParseInputPipe(schema, labels)), params);
}

/**
 * Nest binds the argument; the OpenAPI metadata goes on the method, where @nestjs/swagger's method
 * decorators keep it (on the handler function, so the order of decorators does not matter).
 */
function validated(bind: ParameterDecorator, docs: MethodDecorator[]): ParameterDecorator {
  return (target, key, index) => {
    bind(target, key, index);
    const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (!descriptor || key === undefined) return;
    for (const doc of docs) doc(target, key, descriptor);
    Reflect.defineMetadata(VALIDATED_KEY, true, descriptor.value);
  };
}

/** Whether the schema takes this raw value (after `from`): an absent body is then optional. */
function accepts(schema: z.ZodType, from: ((raw: unknown) => unknown) | undefined, raw: unknown): boolean {
  try {
    return schema.safeParse(from ? from(raw) : raw).success;
  } catch {
    return false;
  }
}
