import { DomainConflictError } from '@lw/domain';
import { DEFAULT_PACK, evolvePolicyPack, policyPackTaken, releasePolicyPack } from '.';

describe('policy pack release', () => {
  const pack = { ...DEFAULT_PACK, id: 'jiangsu', version: 2 };

  it('releases a pack once: the release is its state', () => {
    const events = releasePolicyPack(null, pack);
    expect(events).toEqual([{ type: 'PolicyPackReleased', data: { pack } }]);
    expect(events.reduce(evolvePolicyPack, null)).toBe(pack);
  });

  it('refuses the same id and version again, whatever its content', () => {
    const released = evolvePolicyPack(null, releasePolicyPack(null, pack)[0]);
    expect(() => releasePolicyPack(released, { ...pack, name: '改过的' })).toThrow(DomainConflictError);
    expect(policyPackTaken(pack)).toMatchObject({ code: 'policy_pack.exists', messageZh: '政策包 jiangsu 第 2 版已发布，已发布的版本不能修改；请使用新的版本号' });
  });
});
