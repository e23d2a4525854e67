import { testEvent } from './contract/test-events';
import { decodeEnvelope, encodeEnvelope, peekIdentity, UndecodableMessageError } from './envelope-codec';

describe('envelope codec', () => {
  const event = testEvent('tipline', '330102001001', { scenario: 'codec', seq: 1 });

  it('round-trips a valid envelope', () => {
    expect(decodeEnvelope(Buffer.from(encodeEnvelope(event)))).toEqual(event);
  });

  it.each([
    ['null value', null],
    ['non-JSON', 'not json {'],
    ['missing id', JSON.stringify({ ...event, id: undefined })],
    ['version 0', JSON.stringify({ ...event, version: 0 })],
    ['local time without offset', JSON.stringify({ ...event, occurredAt: '2024-01-01 10:00' })],
    ['type without producer', JSON.stringify({ ...event, type: 'TipReceived' })],
  ])('rejects %s', (_label, raw) => {
    expect(() => decodeEnvelope(raw)).toThrow(UndecodableMessageError);
  });

  it('applies the contract check and reports its failure as undecodable', () => {
    const upcast = decodeEnvelope(encodeEnvelope(event), (e) => ({ ...e, version: 2 }));
    expect(upcast.version).toBe(2);
    expect(() =>
      decodeEnvelope(encodeEnvelope(event), () => {
        throw new Error('unknown contract');
      }),
    ).toThrow(/contract check failed for tipline.ContractTested v1: unknown contract/);
  });

  it('peeks the id and type of a broken message when it can', () => {
    expect(peekIdentity(JSON.stringify({ id: 'x', type: 't', version: 0 }))).toEqual({ id: 'x', type: 't' });
    expect(peekIdentity('garbage')).toEqual({ id: null, type: null });
  });
});
