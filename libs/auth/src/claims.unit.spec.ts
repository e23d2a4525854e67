import { InvalidClaimsError, validateClaims } from './claims';

const good = { sub: 'u1', name: '张三', roles: ['township'], node: '320724101' };

describe('validateClaims', () => {
  it('accepts a well-formed principal and de-duplicates roles', () => {
    expect(validateClaims({ ...good, roles: ['township', 'township', 'liaison'] })).toEqual({
      sub: 'u1',
      name: '张三',
      roles: ['township', 'liaison'],
      node: '320724101',
    });
  });

  it.each([
    ['unknown role', { roles: ['king'] }],
    ['roles not a list', { roles: 'township' }],
    ['no role at all', { roles: [] }],
    ['node with letters', { node: '32072410a' }],
    ['node of 7 digits', { node: '3207241' }],
    ['node of 13 digits', { node: '3207241012001' }],
    ['node as a number', { node: 320724 }],
    ['empty sub', { sub: '' }],
    ['review_dept without its department', { roles: ['review_dept'] }],
    ['empty dept', { dept: '' }],
  ])('rejects %s', (_label, patch) => {
    expect(() => validateClaims({ ...good, ...patch } as never)).toThrow(InvalidClaimsError);
  });

  it('can drop roles an external IdP adds when asked to', () => {
    expect(validateClaims({ ...good, roles: ['offline_access', 'auditor'] }, { ignoreUnknownRoles: true }).roles).toEqual(['auditor']);
    expect(() => validateClaims({ ...good, roles: ['offline_access'] }, { ignoreUnknownRoles: true })).toThrow(InvalidClaimsError);
  });

  it('keeps the department of a review_dept user', () => {
    expect(validateClaims({ ...good, roles: ['review_dept'], node: '320724', dept: '公安' }).dept).toBe('公安');
  });
});
