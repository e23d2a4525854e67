import { Injectable } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { PolicyPack } from '../domain/policy';
import { PolicyPacks } from './election/policy-packs';

export type PackSummary = Pick<PolicyPack, 'id' | 'version' | 'name' | 'cutOffDate'>;

/** The packs that ship with the software. */
export class BuiltInPolicyPacks extends Query<{ builtIn: PackSummary[] }> {}

/** One pack, shipped or released. */
export class PolicyPackOf extends Query<PolicyPack> {
  constructor(
    readonly id: string,
    readonly version: number,
  ) {
    super();
  }
}

@Injectable()
@QueryHandler(BuiltInPolicyPacks)
export class BuiltInPolicyPacksHandler implements IQueryHandler<BuiltInPolicyPacks> {
  constructor(private readonly packs: PolicyPacks) {}

  async execute(): Promise<{ builtIn: PackSummary[] }> {
    return { builtIn: this.packs.builtIn().map((p) => ({ id: p.id, version: p.version, name: p.name, cutOffDate: p.cutOffDate })) };
  }
}

@Injectable()
@QueryHandler(PolicyPackOf)
export class PolicyPackOfHandler implements IQueryHandler<PolicyPackOf> {
  constructor(private readonly packs: PolicyPacks) {}

  execute({ id, version }: PolicyPackOf): Promise<PolicyPack> {
    return this.packs.get({ id, version });
  }
}
