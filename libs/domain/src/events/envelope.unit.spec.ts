import type { IntegrationEvent } from './envelope';

describe('IntegrationEvent envelope', () => {
  it('is a plain serialisable object', () => {
    const e: IntegrationEvent<{ n: number }> = {
      id: '0190a0b0-0000-7000-8000-000000000000', type: 'x.Y', version: 1, occurredAt: '2026-01-01T00:00:00.000Z',
      producer: 'x', villageCode: null, correlationId: 'c', causationId: null, actor: null, payload: { n: 1 },
    };
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });
});
