import type { z } from 'zod';

/** The payload schema of one version of one integration event. */
export interface EventContract<P = unknown> {
  /** "<producer>.<EventName>", e.g. "tipline.TipReceived". */
  type: string;
  version: number;
  schema: z.ZodType<P>;
  /** Keys that must not appear anywhere in the payload (e.g. REPORTER_IDENTITY_KEYS). */
  forbiddenKeys?: readonly string[];
}

/** Turns a payload of `fromVersion` into one of `fromVersion + 1`. Pure; no I/O. */
export interface Upcaster {
  type: string;
  fromVersion: number;
  upcast(payload: any): unknown;
}
