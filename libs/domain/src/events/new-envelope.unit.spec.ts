import { newEnvelope } from './new-envelope';

const base = { type: 'tipline.TipReceived', version: 1, producer: 'tipline', villageCode: '320724101200', actor: null, payload: { n: 1 } };

describe('newEnvelope', () => {
  it('creates a UUIDv7 id and a UTC ISO occurredAt', () => {
    const e = newEnvelope({ ...base, occurredAt: new Date('2026-10-08T09:30:00+08:00') });
    expect(e.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(e.occurredAt).toBe('2026-10-08T01:30:00.000Z');
    expect(e.correlationId).toBe(e.id);
    expect(e.causationId).toBeNull();
  });

  it('gives ids that are unique and sort in creation order', () => {
    const ids = Array.from({ length: 2000 }, () => newEnvelope(base).id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('takes correlation and causation from the causing event, or explicitly', () => {
    const cause = newEnvelope(base);
    const effect = newEnvelope({ ...base, causedBy: cause });
    expect(effect).toMatchObject({ correlationId: cause.correlationId, causationId: cause.id });
    const explicit = newEnvelope({ ...base, causedBy: cause, correlationId: 'c-1', causationId: null });
    expect(explicit).toMatchObject({ correlationId: 'c-1', causationId: null });
  });
});
