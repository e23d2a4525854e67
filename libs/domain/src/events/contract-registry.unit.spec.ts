import { z } from 'zod';
import { ContractViolationError, UnknownContractError } from './contract-errors';
import { ContractRegistry } from './contract-registry';
import type { IntegrationEvent } from './envelope';
import { REPORTER_IDENTITY_KEYS } from './forbidden-keys';
import { newEnvelope } from './new-envelope';

const TYPE = 'tipline.TipReceived';

// v1: { tipId, category }            v2: + receivedVia (default 'phone')
// v3: category renamed to categories: string[]
const v1 = z.object({ tipId: z.string(), category: z.string() });
const v2 = z.object({ tipId: z.string(), category: z.string(), receivedVia: z.enum(['phone', 'web', 'letter']) });
const v3 = z.object({ tipId: z.string(), categories: z.array(z.string()).min(1), receivedVia: z.enum(['phone', 'web', 'letter']) });

function registryUpTo(latest: 1 | 2 | 3): ContractRegistry {
  const r = new ContractRegistry({ forbiddenKeys: REPORTER_IDENTITY_KEYS });
  r.register({ type: TYPE, version: 1, schema: v1 });
  if (latest >= 2) {
    r.register({ type: TYPE, version: 2, schema: v2 });
    r.registerUpcaster({ type: TYPE, fromVersion: 1, upcast: (p: z.infer<typeof v1>) => ({ ...p, receivedVia: 'phone' }) });
  }
  if (latest >= 3) {
    r.register({ type: TYPE, version: 3, schema: v3 });
    r.registerUpcaster({ type: TYPE, fromVersion: 2, upcast: ({ category, ...rest }: z.infer<typeof v2>) => ({ ...rest, categories: [category] }) });
  }
  r.assertComplete();
  return r;
}

function event(version: number, payload: unknown, over: Partial<IntegrationEvent> = {}): IntegrationEvent {
  return { ...newEnvelope({ type: TYPE, version, producer: 'tipline', villageCode: '320724101200', actor: { userId: 'u1', roles: ['clerk'], node: '320724' }, payload }), ...over };
}

/** Runs `fn` and returns what it threw (fails the test if nothing). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('ContractRegistry', () => {
  it('upcasts v1 → v2 → v3 step by step at consume', () => {
    const r = registryUpTo(3);
    const decoded = r.decode(JSON.parse(JSON.stringify(event(1, { tipId: 't1', category: '侵占集体资产' }))));
    expect(decoded.version).toBe(3);
    expect(decoded.payload).toEqual({ tipId: 't1', categories: ['侵占集体资产'], receivedVia: 'phone' });
    const fromV2 = r.decode(event(2, { tipId: 't2', category: 'x', receivedVia: 'web' }));
    expect(fromV2).toMatchObject({ version: 3, payload: { tipId: 't2', categories: ['x'], receivedVia: 'web' } });
  });

  it('keeps old events decodable as contracts evolve (compatibility)', () => {
    const old = event(1, { tipId: 't1', category: 'c' });
    const stored = JSON.stringify(old); // as it sits in a topic or event store
    expect(registryUpTo(1).decode(JSON.parse(stored)).payload).toEqual({ tipId: 't1', category: 'c' });
    expect(registryUpTo(2).decode(JSON.parse(stored)).payload).toEqual({ tipId: 't1', category: 'c', receivedVia: 'phone' });
    const latest = registryUpTo(3).decode(JSON.parse(stored));
    expect(latest).toMatchObject({ id: old.id, correlationId: old.correlationId, occurredAt: old.occurredAt, version: 3 });
    expect(v3.safeParse(latest.payload).success).toBe(true);
  });

  it('validates the intermediate steps: a bad upcaster is caught, not passed on', () => {
    const r = new ContractRegistry();
    r.register({ type: TYPE, version: 1, schema: v1 }).register({ type: TYPE, version: 2, schema: v2 });
    r.registerUpcaster({ type: TYPE, fromVersion: 1, upcast: (p) => ({ ...p, receivedVia: 'fax' }) });
    const e = thrown(() => r.decode(event(1, { tipId: 't', category: 'c' })));
    expect(e).toBeInstanceOf(ContractViolationError);
    expect(e).toMatchObject({ version: 2 });
  });

  it('publishes only the latest version with a valid payload', () => {
    const r = registryUpTo(3);
    const ok = event(3, { tipId: 't', categories: ['a'], receivedVia: 'web', extra: 'dropped' });
    expect(r.validateForPublish(ok).payload).toEqual({ tipId: 't', categories: ['a'], receivedVia: 'web' });
    expect(thrown(() => r.validateForPublish(event(2, { tipId: 't', category: 'c', receivedVia: 'web' })))).toMatchObject({ detail: expect.stringMatching(/latest version v3/) });
    const bad = thrown(() => r.validateForPublish(event(3, { tipId: 't', categories: [], receivedVia: 'web' }))) as ContractViolationError;
    expect(bad).toBeInstanceOf(ContractViolationError);
    expect(bad.issues[0].path).toEqual(['categories']);
  });

  it('rejects unknown types and versions with UnknownContractError', () => {
    const r = registryUpTo(2);
    const unknownType = thrown(() => r.decode({ ...event(1, {}), type: 'tipline.Other' }));
    expect(unknownType).toBeInstanceOf(UnknownContractError);
    expect(unknownType).toMatchObject({ type: 'tipline.Other', latestVersion: null });
    const newer = thrown(() => r.decode(event(3, { tipId: 't', categories: ['a'], receivedVia: 'web' })));
    expect(newer).toBeInstanceOf(UnknownContractError);
    expect(newer).toMatchObject({ version: 3, latestVersion: 2 });
    expect(thrown(() => r.validateForPublish({ ...event(1, {}), type: 'tipline.Other' }))).toBeInstanceOf(UnknownContractError);
  });

  it('rejects invalid payloads with the zod issues', () => {
    const e = thrown(() => registryUpTo(3).decode(event(1, { tipId: 42, category: 'c' }))) as ContractViolationError;
    expect(e).toBeInstanceOf(ContractViolationError);
    expect(e.issues).toEqual([expect.objectContaining({ path: ['tipId'], code: 'invalid_type' })]);
    expect(e.messageZh).toContain(TYPE);
  });

  it.each<[string, Partial<IntegrationEvent>]>([
    ['a non-uuid id', { id: 'not-a-uuid' }],
    ['a non-ISO occurredAt', { occurredAt: '2026-10-08 17:30' }],
    ['an offset occurredAt (must be UTC)', { occurredAt: '2026-10-08T17:30:00+08:00' }],
    ['a short villageCode', { villageCode: '320724' }],
    ['a version 0', { version: 0 }],
    ['a type not matching the producer', { producer: 'vetting' }],
    ['a malformed type', { type: 'TipReceived' }],
    ['an actor without userId', { actor: { roles: [], node: '32' } as never }],
    ['a missing correlationId', { correlationId: undefined as never }],
  ])('rejects an envelope with %s', (_label, over) => {
    const r = registryUpTo(1);
    const e = thrown(() => r.decode(event(1, { tipId: 't', category: 'c' }, over)));
    expect(e).toBeInstanceOf(ContractViolationError);
    expect((e as ContractViolationError).detail).toMatch(/^envelope of/);
    expect(thrown(() => r.validateForPublish(event(1, { tipId: 't', category: 'c' }, over)))).toBeInstanceOf(ContractViolationError);
  });

  it('accepts county-wide events (villageCode null) and null actors', () => {
    const r = registryUpTo(1);
    expect(r.decode(event(1, { tipId: 't', category: 'c' }, { villageCode: null, actor: null })).villageCode).toBeNull();
    expect(() => r.decode(null)).toThrow(ContractViolationError);
  });

  describe('forbidden keys (reporter identity never travels)', () => {
    const loose = z.object({ tipId: z.string() }).passthrough();

    it.each([
      ['top level', { tipId: 't', reporterName: '张三' }, ['reporterName']],
      ['nested', { tipId: 't', detail: { who: { reporterPhone: '13800000000' } } }, ['detail', 'who', 'reporterPhone']],
      ['inside an array', { tipId: 't', parties: [{ ok: 1 }, { contact: 'x' }] }, ['parties', 1, 'contact']],
      ['in another spelling', { tipId: 't', reporter_id_number: '1' }, ['reporter_id_number']],
    ])('rejects a forbidden key at %s, even when the schema would strip it', (_label, payload, path) => {
      const r = new ContractRegistry().register({ type: TYPE, version: 1, schema: loose, forbiddenKeys: REPORTER_IDENTITY_KEYS });
      const e = thrown(() => r.validateForPublish(event(1, payload))) as ContractViolationError;
      expect(e).toBeInstanceOf(ContractViolationError);
      expect(e.issues.map((i) => i.path)).toEqual([path]);
      expect(thrown(() => r.decode(event(1, payload)))).toBeInstanceOf(ContractViolationError);
      // The schema alone accepts it: the guard is what stops it.
      expect(loose.safeParse(payload).success).toBe(true);
    });

    it('applies registry-wide forbidden keys to every contract', () => {
      const r = registryUpTo(1);
      expect(thrown(() => r.validateForPublish(event(1, { tipId: 't', category: 'c', contact: 'x' })))).toBeInstanceOf(ContractViolationError);
      expect(new ContractRegistry().register({ type: TYPE, version: 1, schema: v1 }).validateForPublish(event(1, { tipId: 't', category: 'c', contact: 'x' })).payload).toEqual({ tipId: 't', category: 'c' });
    });

    it('checks what an upcaster produces too', () => {
      const r = new ContractRegistry({ forbiddenKeys: REPORTER_IDENTITY_KEYS })
        .register({ type: TYPE, version: 1, schema: loose })
        .register({ type: TYPE, version: 2, schema: loose })
        .registerUpcaster({ type: TYPE, fromVersion: 1, upcast: (p) => ({ ...p, reporterName: 'leak' }) });
      expect(thrown(() => r.decode(event(1, { tipId: 't' })))).toMatchObject({ version: 2, issues: [expect.objectContaining({ path: ['reporterName'] })] });
    });
  });

  describe('registration', () => {
    it('rejects duplicates and reports an incomplete chain at startup', () => {
      const r = new ContractRegistry().register({ type: TYPE, version: 1, schema: v1 });
      expect(() => r.register({ type: TYPE, version: 1, schema: v1 })).toThrow(/twice/);
      r.register({ type: TYPE, version: 3, schema: v3 });
      expect(() => r.assertComplete()).toThrow(/TipReceived v2 missing/);
      expect(() => r.assertComplete()).toThrow(/upcaster v1→v2 missing/);
      expect(() => r.register({ type: TYPE, version: 0, schema: v1 })).toThrow(/version/);
      expect(r.latestVersion(TYPE)).toBe(3);
      expect(() => r.latestVersion('x.Y')).toThrow(UnknownContractError);
    });
  });
});
