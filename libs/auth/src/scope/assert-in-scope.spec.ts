import { NotFoundException } from '@nestjs/common';
import { assertInScope } from './assert-in-scope';
import type { ScopeChecker } from './scope-checker';

// The tree itself is the hierarchy lib's (see jurisdiction.pg.spec.ts); here a stand-in by prefix.
const byPrefix: ScopeChecker = { isInside: (code, ancestor) => code.startsWith(ancestor) };

describe('assertInScope', () => {
  it('passes inside the subtree and refuses outside it with the one 404 refusal', () => {
    expect(() => assertInScope({ node: '320724101' }, '320724101200', byPrefix)).not.toThrow();
    try {
      assertInScope({ node: '320724101' }, '320724102200', byPrefix);
      throw new Error('should have thrown');
    } catch (err) {
      expect(err).toBeInstanceOf(NotFoundException);
      expect((err as NotFoundException).getStatus()).toBe(404);
      expect((err as NotFoundException).getResponse()).toEqual({ statusCode: 404, code: 'scope.outside', message: '该地区不存在或不在您的管辖范围内' });
    }
  });
});
