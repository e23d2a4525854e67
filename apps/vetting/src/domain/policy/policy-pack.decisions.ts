import { DomainConflictError } from '@lw/domain';
import type { PolicyPackEvent } from './policy-pack.events';
import type { PolicyPack } from './policy-pack';
import type { PolicyPackState } from './policy-pack.state';

/** The same id and version twice is refused, whatever its content (a shipped pack's too). */
export function policyPackTaken(pack: Pick<PolicyPack, 'id' | 'version'>): DomainConflictError {
  return new DomainConflictError('policy_pack.exists', `政策包 ${pack.id} 第 ${pack.version} 版已发布，已发布的版本不能修改；请使用新的版本号`, `pack ${pack.id} v${pack.version} exists`);
}

/** Releases a validated pack (validatePolicyPack) under its id and version. */
export function releasePolicyPack(state: PolicyPackState | null, pack: PolicyPack): PolicyPackEvent[] {
  if (state) throw policyPackTaken(pack);
  return [{ type: 'PolicyPackReleased', data: { pack } }];
}
