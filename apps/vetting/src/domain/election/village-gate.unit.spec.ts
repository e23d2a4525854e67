import { ALTERNATIVE_PACK, DEFAULT_PACK } from '../policy';
import { villageGate } from './village-gate';

describe('village gate (may the village move to voting?)', () => {
  const rules = DEFAULT_PACK.gate;

  it('is closed until the outgoing audit is concluded, then until it is published', () => {
    expect(villageGate(rules, null)).toEqual({ open: false, reasons: ['离任经济责任审计尚未办结'] });
    expect(villageGate(rules, { concluded: false, published: false, seriousOpen: 0 }).reasons).toEqual(['离任经济责任审计尚未办结']);
    expect(villageGate(rules, { concluded: true, published: false, seriousOpen: 0 }).reasons).toEqual(['离任经济责任审计结果尚未公示']);
    expect(villageGate(rules, { concluded: true, published: true, seriousOpen: 0 })).toEqual({ open: true, reasons: [] });
  });

  it('stays closed while a serious finding is unrectified, naming how many', () => {
    expect(villageGate(rules, { concluded: true, published: true, seriousOpen: 2 })).toEqual({ open: false, reasons: ['审计发现的 2 个严重问题尚未整改到位'] });
    expect(villageGate(rules, { concluded: true, published: false, seriousOpen: 1 }).reasons).toHaveLength(2);
  });

  it('lets a pack with the switch off vote with serious findings open', () => {
    expect(ALTERNATIVE_PACK.gate.requireSeriousRectified).toBe(false);
    expect(villageGate(ALTERNATIVE_PACK.gate, { concluded: true, published: true, seriousOpen: 3 }).open).toBe(true);
  });

  it('opens from the start when the pack does not require the audit', () => {
    expect(villageGate({ requireAuditPublished: false, requireSeriousRectified: false }, null).open).toBe(true);
  });
});
