import type { PoolClient } from 'pg';
import { DomainNotFoundError } from '@lw/domain';
import type { EventStore } from '@lw/eventstore';
import { ALTERNATIVE_PACK, DEFAULT_PACK, validatePolicyPack, type PolicyPack } from '../../domain/policy';
import type { PolicyRef } from '../../domain/election';

const BUILT_IN: readonly PolicyPack[] = [DEFAULT_PACK, ALTERNATIVE_PACK];

export const policyPackStream = (ref: PolicyRef) => `policy-pack-${ref.id}-v${ref.version}`;

/**
 * Policy packs: the two that ship, plus any a user releases as data (a province's own numbers, no
 * release of the software). A released version is immutable: its stream holds exactly one event.
 */
export class PolicyPacks {
  private readonly cache = new Map<string, PolicyPack>(BUILT_IN.map((p) => [policyPackStream(p), p]));

  constructor(private readonly store: EventStore) {}

  async get(ref: PolicyRef, tx?: PoolClient): Promise<PolicyPack> {
    const key = policyPackStream(ref);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const [released] = await this.store.readStream(key, 1, tx);
    if (!released) throw new DomainNotFoundError('policy_pack.not_found', `政策包 ${ref.id} 第 ${ref.version} 版不存在`, `no pack ${key}`);
    const pack = validatePolicyPack(released.data.pack);
    this.cache.set(key, pack);
    return pack;
  }

  isBuiltIn(ref: PolicyRef): boolean {
    return BUILT_IN.some((p) => p.id === ref.id && p.version === ref.version);
  }

  builtIn(): readonly PolicyPack[] {
    return BUILT_IN;
  }
}
