import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'crypto';
import { DomainValidationError, outsideJurisdiction, type Actor } from '@lw/domain';
import { decideAndAppend } from '@lw/eventstore';
import { Jurisdiction } from '@lw/hierarchy';
import { type CampaignEvent, type CampaignKind, type CampaignStage, type CampaignState, type WorkGroup } from '../../domain/campaign';
import { changePlan, closeCampaign, planCampaign, removeWorkGroup, setWorkGroup, type CampaignContext } from '../../domain/campaign/campaign.decisions';
import { CampaignAccess } from './campaign-access';
import { CampaignDeps } from './campaign-deps';
import { CampaignPackCatalog } from './campaign-pack-catalog';
import { CAMPAIGN_DECIDER, campaignStream } from './campaign-streams';

export interface PlanCampaignRequest {
  kind: CampaignKind;
  name: string;
  scope: string;
  period: { from: string; to: string };
  packId: string;
  packVersion?: number;
  stages: CampaignStage[];
  methods: string[];
  previousCampaignId?: string | null;
}

export class PlanCampaign extends Command<{ campaignId: string }> {
  constructor(readonly actor: Actor, readonly input: PlanCampaignRequest) {
    super();
  }
}

export class ChangeCampaignPlan extends Command<{ version: number }> {
  constructor(readonly actor: Actor, readonly campaignId: string, readonly plan: { stages: CampaignStage[]; methods: string[] }) {
    super();
  }
}

export class SetWorkGroup extends Command<{ version: number }> {
  constructor(readonly actor: Actor, readonly campaignId: string, readonly group: WorkGroup) {
    super();
  }
}

export class RemoveWorkGroup extends Command<{ version: number }> {
  constructor(readonly actor: Actor, readonly campaignId: string, readonly groupId: string) {
    super();
  }
}

export class CloseCampaign extends Command<{ version: number }> {
  constructor(readonly actor: Actor, readonly campaignId: string) {
    super();
  }
}

/** The one loop of the plan's commands: the organiser's scope, the campaign's pack, the decision, read-your-writes. */
@Injectable()
export class CampaignWriter {
  constructor(
    private readonly deps: CampaignDeps,
    private readonly access: CampaignAccess,
    private readonly packs: CampaignPackCatalog,
  ) {}

  async change(actor: Actor, campaignId: string, decide: (s: CampaignState, c: CampaignContext) => CampaignEvent[]): Promise<{ version: number }> {
    const current = await this.access.campaign(actor, campaignId, 'organise');
    const pack = await this.packs.require(current.pack.id, current.pack.version);
    const { version, txId } = await decideAndAppend(
      this.deps.store,
      CAMPAIGN_DECIDER,
      campaignStream(campaignId),
      ({ state }) => decide(state ?? current, { now: this.deps.now(), by: actor.userId, pack }),
      { actor },
    );
    await this.deps.readYourWrites(txId);
    return { version };
  }
}

@Injectable()
@CommandHandler(PlanCampaign)
export class PlanCampaignHandler implements ICommandHandler<PlanCampaign> {
  constructor(
    private readonly deps: CampaignDeps,
    private readonly access: CampaignAccess,
    private readonly packs: CampaignPackCatalog,
    private readonly jurisdiction: Jurisdiction,
  ) {}

  async execute({ actor, input }: PlanCampaign): Promise<{ campaignId: string }> {
    this.jurisdiction.require(actor, input.scope, `区域 ${input.scope} `);
    const pack = await this.packs.require(input.packId, input.packVersion);
    const previousCampaignId = input.previousCampaignId ?? null;
    if (previousCampaignId) {
      const previous = await this.access.campaign(actor, previousCampaignId, 'see');
      if (previous.kind !== input.kind) {
        throw new DomainValidationError('campaign.previous_kind', `对比的上届检查“${previous.name}”与本次检查类型不同`, `previous campaign ${previousCampaignId} is ${previous.kind}`);
      }
    }
    const campaignId = randomUUID();
    const { txId } = await decideAndAppend(
      this.deps.store,
      CAMPAIGN_DECIDER,
      campaignStream(campaignId),
      ({ state }) =>
        planCampaign(
          state,
          { campaignId, kind: input.kind, name: input.name, scope: input.scope, period: input.period, stages: input.stages, methods: input.methods, previousCampaignId },
          { now: this.deps.now(), by: actor.userId, pack },
        ),
      { actor },
    );
    await this.deps.readYourWrites(txId);
    return { campaignId };
  }
}

@Injectable()
@CommandHandler(ChangeCampaignPlan)
export class ChangeCampaignPlanHandler implements ICommandHandler<ChangeCampaignPlan> {
  constructor(private readonly writer: CampaignWriter) {}

  execute({ actor, campaignId, plan }: ChangeCampaignPlan): Promise<{ version: number }> {
    return this.writer.change(actor, campaignId, (s, c) => changePlan(s, plan, c));
  }
}

@Injectable()
@CommandHandler(SetWorkGroup)
export class SetWorkGroupHandler implements ICommandHandler<SetWorkGroup> {
  constructor(
    private readonly writer: CampaignWriter,
    private readonly access: CampaignAccess,
    private readonly jurisdiction: Jurisdiction,
  ) {}

  execute({ actor, campaignId, group }: SetWorkGroup): Promise<{ version: number }> {
    // A village or township outside the user's area looks like one that does not exist (404);
    // inside the area but outside the campaign's scope is the decision's refusal.
    for (const code of [...group.villages, ...group.townships]) {
      if (!this.jurisdiction.covers(actor, code)) throw outsideJurisdiction(`${code.length === 9 ? '乡镇（街道）' : '村（社区）'}${code} `, `${code} outside ${actor.node}`);
    }
    return this.writer.change(actor, campaignId, (s, c) => setWorkGroup(s, group, { ...c, inScope: (code) => this.access.inScope(actor, s, code) }));
  }
}

@Injectable()
@CommandHandler(RemoveWorkGroup)
export class RemoveWorkGroupHandler implements ICommandHandler<RemoveWorkGroup> {
  constructor(private readonly writer: CampaignWriter) {}

  execute({ actor, campaignId, groupId }: RemoveWorkGroup): Promise<{ version: number }> {
    return this.writer.change(actor, campaignId, (s, c) => removeWorkGroup(s, groupId, c));
  }
}

@Injectable()
@CommandHandler(CloseCampaign)
export class CloseCampaignHandler implements ICommandHandler<CloseCampaign> {
  constructor(private readonly writer: CampaignWriter) {}

  execute({ actor, campaignId }: CloseCampaign): Promise<{ version: number }> {
    return this.writer.change(actor, campaignId, (s, c) => closeCampaign(s, c));
  }
}

export const CAMPAIGN_COMMAND_HANDLERS = [PlanCampaignHandler, ChangeCampaignPlanHandler, SetWorkGroupHandler, RemoveWorkGroupHandler, CloseCampaignHandler];
