import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DIVISION_CODE_LENGTHS, DIVISION_LEVELS, DomainConflictError, DomainForbiddenError, unpadDivisionCode, type Actor } from '@lw/domain';
import { decideAndAppend, EventStore } from '@lw/eventstore';
import { validatePolicyPack, type PolicyPack } from '../domain/policy';
import { PolicyPacks, policyPackStream } from './election/policy-packs';

/** Digits of a county's code: a node with more is below the county. */
const COUNTY_DIGITS = DIVISION_CODE_LENGTHS[DIVISION_LEVELS.indexOf('county')];

type PackEvent = { type: 'PolicyPackReleased'; data: { pack: PolicyPack } };

/** A released pack's stream holds the one release. */
const packDecider = { evolve: (_: PolicyPack | null, e: PackEvent) => e.data.pack };

/** A province's own numbers, as JSON: validated field by field (Chinese messages), then immutable. */
export class ReleasePolicyPack extends Command<PolicyPack> {
  constructor(
    readonly input: unknown,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Injectable()
@CommandHandler(ReleasePolicyPack)
export class ReleasePolicyPackHandler implements ICommandHandler<ReleasePolicyPack> {
  constructor(
    private readonly store: EventStore,
    private readonly packs: PolicyPacks,
  ) {}

  /** Only from a county node or above (codes of 2, 4 or 6 digits): a pack rules every township under it. The same id and version twice is refused, whatever its content. */
  async execute({ input, actor }: ReleasePolicyPack): Promise<PolicyPack> {
    // The padded form of a county (320724000000) is a county too.
    if (unpadDivisionCode(actor.node).length > COUNTY_DIGITS) {
      throw new DomainForbiddenError('policy_pack.below_county', '政策包只能由县级及以上的组织部门或管理员发布', `policy pack release from ${actor.node}, below a county`);
    }
    const pack = validatePolicyPack(input);
    const taken = () => new DomainConflictError('policy_pack.exists', `政策包 ${pack.id} 第 ${pack.version} 版已发布，已发布的版本不能修改；请使用新的版本号`, `pack ${policyPackStream(pack)} exists`);
    if (this.packs.isBuiltIn(pack)) throw taken();
    await decideAndAppend(
      this.store,
      packDecider,
      policyPackStream(pack),
      ({ state }) => {
        if (state) throw taken();
        return [{ type: 'PolicyPackReleased', data: { pack } }];
      },
      { actor },
    );
    return pack;
  }
}
