import { z } from 'zod';

/** Envelope fields as every consumer may rely on them; the payload is checked by its contract. */
export const actorSchema = z.object({
  userId: z.string().min(1),
  roles: z.array(z.string()),
  node: z.string().regex(/^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$/, 'division code of 2, 4, 6, 9 or 12 digits'),
  ip: z.string().optional(),
});

export const envelopeSchema = z
  .object({
    id: z.uuid(),
    type: z.string().regex(/^[a-z][a-z0-9-]*\.[A-Z][A-Za-z0-9]*$/, 'expected "<producer>.<EventName>"'),
    version: z.number().int().min(1),
    occurredAt: z.iso.datetime(),
    producer: z.string().min(1),
    villageCode: z.string().regex(/^\d{12}$/, '12-digit village code').nullable(),
    correlationId: z.string().min(1),
    causationId: z.string().min(1).nullable(),
    actor: actorSchema.nullable(),
    payload: z.unknown(),
  })
  .refine((e) => e.type.startsWith(`${e.producer}.`), { message: 'type must start with "<producer>."', path: ['type'] });
