import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DIVISION_CODE_LENGTHS, DIVISION_LEVELS, DomainForbiddenError, unpadDivisionCode, type Actor } from '@lw/domain';
import { decideAndAppend, EventStore } from '@lw/eventstore';
import { evolvePolicyPack, policyPackTaken, releasePolicyPack, validatePolicyPack, type PolicyPack } from '../domain/policy';
import { PolicyPacks, policyPackStream } from './election/policy-packs';

/** Digits of a county's code: a node with more is below the county. */
const COUNTY_DIGITS = DIVISION_CODE_LENGTHS[DIVISION_LEVELS.indexOf('county')];

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
    if (this.packs.isBuiltIn(pack)) throw policyPackTaken(pack);
    await decideAndAppend(this.store, { evolve: evolvePolicyPack }, policyPackStream(pack), ({ state }) => releasePolicyPack(state, pack), { actor });
    return pack;
  }
}
