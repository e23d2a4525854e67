import type { PoolClient } from 'pg';
import { DomainConflictError, DomainNotFoundError, type Actor } from '@lw/domain';
import { WrongExpectedVersionError, type EventStore } from '@lw/eventstore';
import { ALTERNATIVE_PACK, DEFAULT_PACK, validatePolicyPack, type PolicyPack } from '../../domain/policy';
import type { PolicyRef } from '../../domain/election';

const BUILT_IN: readonly PolicyPack[] = [DEFAULT_PACK, ALTERNATIVE_PACK];

const streamOf = (ref: PolicyRef) => `policy-pack-${ref.id}-v${ref.version}`;

/**
 * Policy packs: the two that ship, plus any a user releases as data (a province's own numbers, no
 * release of the software). A released version is immutable: its stream holds exactly one event.
 */
export class PolicyPacks {
  private readonly cache = new Map<string, PolicyPack>(BUILT_IN.map((p) => [streamOf(p), p]));

  constructor(private readonly store: EventStore) {}

  async get(ref: PolicyRef, tx?: PoolClient): Promise<PolicyPack> {
    const key = streamOf(ref);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const [released] = await this.store.readStream(key, 1, tx);
    if (!released) throw new DomainNotFoundError('policy_pack.not_found', `政策包 ${ref.id} 第 ${ref.version} 版不存在`, `no pack ${key}`);
    const pack = validatePolicyPack(released.data.pack);
    this.cache.set(key, pack);
    return pack;
  }

  /** Validates and releases a pack; the same id and version twice is refused, whatever its content. */
  async release(input: unknown, actor: Actor): Promise<PolicyPack> {
    const pack = validatePolicyPack(input);
    const taken = () => new DomainConflictError('policy_pack.exists', `政策包 ${pack.id} 第 ${pack.version} 版已发布，已发布的版本不能修改；请使用新的版本号`, `pack ${streamOf(pack)} exists`);
    if (this.cache.has(streamOf(pack))) throw taken();
    try {
      await this.store.append(streamOf(pack), 'no_stream', [{ type: 'PolicyPackReleased', data: { pack }, metadata: { actor } }]);
    } catch (err) {
      if (err instanceof WrongExpectedVersionError) throw taken();
      throw err;
    }
    return pack;
  }

  builtIn(): readonly PolicyPack[] {
    return BUILT_IN;
  }
}
