import { ForbiddenException } from '@nestjs/common';
import { assertInScope } from './assert-in-scope';
import { PrefixScopeChecker } from './prefix-scope-checker';

describe('PrefixScopeChecker', () => {
  const c = new PrefixScopeChecker();

  it('contains the subtree, inclusive of the node itself', () => {
    expect(c.isInside('320724101200', '320724')).toBe(true);
    expect(c.isInside('320724101200', '320724101')).toBe(true);
    expect(c.isInside('320724101200', '320724101200')).toBe(true);
    expect(c.isInside('320724101', '32')).toBe(true);
  });

  it('excludes siblings and ancestors', () => {
    expect(c.isInside('320724102200', '320724101')).toBe(false);
    expect(c.isInside('320724', '320724101')).toBe(false);
    expect(c.isInside('320723101200', '320724')).toBe(false);
  });

  it('treats padded 12-digit codes like their short form', () => {
    expect(c.isInside('320724101200', '320724000000')).toBe(true);
    expect(c.isInside('320724101000', '320724101')).toBe(true);
    expect(c.isInside('320724000000', '320724101')).toBe(false);
    // Not fooled by a zero inside a level: village 320724101020 is not township 320724101's padding.
    expect(c.isInside('320724101020', '320724101020')).toBe(true);
    expect(c.isInside('320724101020', '320724101021')).toBe(false);
  });

  it('rejects anything that is not a division code', () => {
    expect(c.isInside('3207241', '320724')).toBe(false);
    expect(c.isInside('320724101200', '')).toBe(false);
    expect(c.isInside('32072410120x', '320724')).toBe(false);
  });

  it('assertInScope throws 403 with the Chinese message outside the subtree', () => {
    expect(() => assertInScope({ node: '320724101' }, '320724101200')).not.toThrow();
    try {
      assertInScope({ node: '320724101' }, '320724102200');
      throw new Error('should have thrown');
    } catch (err) {
      expect(err).toBeInstanceOf(ForbiddenException);
      expect((err as ForbiddenException).message).toBe('超出您的管辖范围');
    }
  });
});
