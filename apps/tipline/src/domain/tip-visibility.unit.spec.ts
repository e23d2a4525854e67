import { DEFAULT_TIP_ACCESS_POLICY as policy, type TipAccessPolicy } from './tip-access-policy';
import { validateTipAccessPolicy } from './validate-tip-access-policy';
import { accessGrant, listReach, mayReveal, seesStatistics, tipViewFor, visibleParts } from './tip-visibility';

const TOWNSHIP = '320724100';
const OTHER = '320724101';

describe('tip visibility (default access policy)', () => {
  it('shows discipline the content of every tip in its subtree, assigned or not', () => {
    const v = { roles: ['discipline'], unitCode: '320724' };
    expect(tipViewFor(policy, v, { inScope: true, unitCode: null })).toBe('content');
    expect(tipViewFor(policy, v, { inScope: true, unitCode: TOWNSHIP })).toBe('content');
    expect(listReach(policy, v.roles)).toBe('all');
  });

  it('gives the township committee figures only, even of a tip assigned to its township’s unit (it supervises the accused)', () => {
    const v = { roles: ['township'], unitCode: TOWNSHIP };
    // The attack path: suggestHandlingUnit sends a village cadre's tip to the township unit, coded as the township.
    expect(tipViewFor(policy, v, { inScope: true, unitCode: TOWNSHIP })).toBe('statistics');
    expect(tipViewFor(policy, v, { inScope: true, unitCode: null })).toBe('statistics');
    expect(tipViewFor(policy, v, { inScope: true, unitCode: '320724' })).toBe('statistics');
    expect(visibleParts(tipViewFor(policy, v, { inScope: true, unitCode: TOWNSHIP }))).toEqual({ row: false, subjects: false, content: false });
    expect(listReach(policy, v.roles)).toBe('none');
    expect(seesStatistics(policy, v.roles)).toBe(true);
    expect(mayReveal(policy, v.roles)).toBe(false);
  });

  it('shows the township’s discipline staff (discipline at the township node) the content of its tips', () => {
    const v = { roles: ['discipline'], unitCode: TOWNSHIP };
    expect(tipViewFor(policy, v, { inScope: true, unitCode: TOWNSHIP })).toBe('content');
    expect(tipViewFor(policy, v, { inScope: true, unitCode: null })).toBe('content');
  });

  it('shows nothing outside the subtree, even a tip assigned to the viewer’s unit', () => {
    expect(tipViewFor(policy, { roles: ['township'], unitCode: OTHER }, { inScope: false, unitCode: OTHER })).toBe('none');
    expect(tipViewFor(policy, { roles: ['discipline'], unitCode: OTHER }, { inScope: false, unitCode: null })).toBe('none');
  });

  it('gives org_dept figures only: no list, no content, no reveal', () => {
    const v = { roles: ['org_dept'], unitCode: '320724' };
    expect(tipViewFor(policy, v, { inScope: true, unitCode: '320724' })).toBe('statistics');
    expect(listReach(policy, v.roles)).toBe('none');
    expect(seesStatistics(policy, v.roles)).toBe(true);
    expect(mayReveal(policy, v.roles)).toBe(false);
  });

  it('gives an unknown role (or a role named like an Object property) nothing', () => {
    for (const role of ['liaison', 'admin', 'constructor', '__proto__', 'toString']) {
      expect(accessGrant(policy, [role])).toEqual({ inScope: 'none', assignedToOwnUnit: 'none' });
      expect(seesStatistics(policy, [role])).toBe(false);
    }
  });

  it('takes the most of a viewer’s roles, and follows a replaced pack without code changes', () => {
    expect(listReach(policy, ['org_dept', 'discipline'])).toBe('all');
    const listOnly: TipAccessPolicy = { ...policy, version: 2, roles: { ...policy.roles, org_dept: { inScope: 'list', assignedToOwnUnit: 'list' } } };
    const view = tipViewFor(listOnly, { roles: ['org_dept'], unitCode: '320724' }, { inScope: true, unitCode: null });
    expect(view).toBe('list');
    expect(visibleParts(view)).toEqual({ row: true, subjects: false, content: false });
    expect(visibleParts('content')).toEqual({ row: true, subjects: true, content: true });
  });

  it('refuses a malformed pack, naming each bad field in Chinese, and freezes a good one', () => {
    expect(() => validateTipAccessPolicy({ ...policy, roles: { township: { inScope: 'everything', assignedToOwnUnit: 'content' } }, reveal: { ...policy.reveal, revealsPerApproval: 0 } })).toThrow(
      expect.objectContaining({ messageZh: expect.stringMatching(/roles\.township\.inScope.*reveal\.revealsPerApproval/) }),
    );
    expect(Object.isFrozen(policy.roles.township)).toBe(true);
  });
});
