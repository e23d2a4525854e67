import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@lw/domain';
import type { CampaignPack } from '../../domain/campaign';
import { CampaignDeps } from './campaign-deps';
import { CampaignPackCatalog } from './campaign-pack-catalog';

/** An administrator posts a new pack version as JSON (validated as a whole; see CampaignPackCatalog.release). */
export class ReleaseCampaignPack extends Command<CampaignPack> {
  constructor(readonly body: unknown, readonly actor: Actor) {
    super();
  }
}

@Injectable()
@CommandHandler(ReleaseCampaignPack)
export class ReleaseCampaignPackHandler implements ICommandHandler<ReleaseCampaignPack> {
  constructor(
    private readonly packs: CampaignPackCatalog,
    private readonly deps: CampaignDeps,
  ) {}

  execute({ body, actor }: ReleaseCampaignPack): Promise<CampaignPack> {
    return this.packs.release(body, actor, this.deps.now());
  }
}
