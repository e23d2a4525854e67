import { randomBytes } from 'crypto';
import { openWith, sealWith, unwrapDataKey, wrapDataKey } from './envelope-cipher';

// The vault never lets two tips share a data key; these check the tip binding holds even if they did.
describe('envelope cipher', () => {
  const key = randomBytes(32);

  it('binds a box to its tip: the same data key does not open it as another tip', () => {
    const box = sealWith(key, 'tip-a', '举报人: 王五');
    expect(openWith(key, 'tip-a', box)).toBe('举报人: 王五');
    expect(() => openWith(key, 'tip-b', box)).toThrow(/failed authentication/);
  });

  it('binds a wrapped data key to its tip', () => {
    const dataKey = randomBytes(32);
    const wrapped = wrapDataKey(key, 'tip-a', dataKey);
    expect(unwrapDataKey(key, 'tip-a', wrapped).equals(dataKey)).toBe(true);
    expect(() => unwrapDataKey(key, 'tip-b', wrapped)).toThrow(/cannot unwrap/);
    expect(wrapped.includes(dataKey)).toBe(false);
  });

  it('keeps purposes apart: a wrapped key is not accepted as a box', () => {
    const wrapped = wrapDataKey(key, 'tip-a', randomBytes(32));
    const asBox = { v: 1 as const, iv: wrapped.subarray(0, 12).toString('base64'), tag: wrapped.subarray(12, 28).toString('base64'), ciphertext: wrapped.subarray(28).toString('base64') };
    expect(() => openWith(key, 'tip-a', asBox)).toThrow(/failed authentication/);
  });
});
