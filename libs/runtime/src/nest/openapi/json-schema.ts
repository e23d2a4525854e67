import { z } from 'zod';
import type { SchemaObject } from '@nestjs/swagger';

/** What a client may send: the schema's input side (before transforms and defaults). */
export function requestSchema(schema: z.ZodType): SchemaObject {
  return jsonSchema(schema, 'input');
}

/** What a client receives: the schema's output side. */
export function responseSchema(schema: z.ZodType): SchemaObject {
  return jsonSchema(schema, 'output');
}

/** The properties of an object schema, for query and path parameters (one parameter each). */
export function propertiesOf(schema: SchemaObject): { name: string; schema: SchemaObject; required: boolean }[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({ name, schema: s as SchemaObject, required: required.has(name) }));
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): SchemaObject {
  // OpenAPI 3.1 schemas are JSON Schema 2020-12; the document, not each schema, names the dialect.
  // A transform or custom check has no JSON form: described as "any" rather than refused.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest as SchemaObject;
}
