import { newEnvelope } from '@lw/domain';
import { correlationIdFrom, currentCorrelationId, runWithCorrelation } from './correlation-context';

describe('correlation context', () => {
  it('is visible across awaits inside its run, and absent outside', async () => {
    expect(currentCorrelationId()).toBeUndefined();
    const seen = await runWithCorrelation('c-1', async () => {
      await new Promise((r) => setImmediate(r));
      return currentCorrelationId();
    });
    expect(seen).toBe('c-1');
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('keeps plain caller ids and replaces unusable ones', () => {
    expect(correlationIdFrom('req-42.a:b')).toBe('req-42.a:b');
    expect(correlationIdFrom(['first', 'second'])).toBe('first');
    for (const bad of [undefined, '', 'has space', 'x'.repeat(129), 'line\nbreak']) expect(correlationIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('leaves envelopes alone outside a context (newEnvelope defaults the id)', () => {
    const e = newEnvelope({ type: 'a.B', version: 1, producer: 'a', villageCode: null, actor: null, payload: {} });
    expect(e.correlationId).toBe(e.id);
  });
});
