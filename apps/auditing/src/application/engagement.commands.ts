import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import { DomainValidationError, type Actor, type ElectionOpenedV1 } from '@lw/domain';
import type { CommandContext } from '@lw/eventstore';
import { Jurisdiction } from '@lw/hierarchy';
import * as d from '../domain/engagement';
import { Engagements } from './engagements';

/** What a step of the engagement answers: its status now, and whether it still holds the election back. */
export interface StepResult {
  engagementId: string;
  status: d.EngagementStatus;
  version: number;
  seriousOpen: number;
  notice: d.EngagementState['notice'];
}

const stepResult = (s: d.EngagementState): StepResult => ({ engagementId: s.engagementId, status: s.status, version: s.version, seriousOpen: d.seriousOpen(s), notice: s.notice });

/** A 三资 audit opened by hand by an auditor, for a current village in their area (outgoing audits are planned by the election). */
export class OpenEngagement extends Command<{ engagementId: string; status: d.EngagementStatus }> {
  constructor(
    readonly actor: Actor,
    readonly scope: Pick<d.EngagementScope, 'villageCode' | 'persons' | 'periodFrom' | 'periodTo' | 'auditors'>,
  ) {
    super();
  }
}

@Injectable()
@CommandHandler(OpenEngagement)
export class OpenEngagementHandler implements ICommandHandler<OpenEngagement> {
  constructor(
    private readonly engagements: Engagements,
    private readonly jurisdiction: Jurisdiction,
  ) {}

  async execute({ actor, scope }: OpenEngagement) {
    const village = scope.villageCode;
    if (!this.jurisdiction.currentVillage(village)) throw new DomainValidationError('audit.unknown_village', `村代码 ${village} 不在本县范围内`, `unknown village ${village}`);
    this.jurisdiction.require(actor, village, '该村（社区）');
    const engagementId = `sz-${uuidv7()}`;
    await this.engagements.plan({ ...scope, engagementId, kind: 'three_assets', electionId: null }, { actor });
    return { engagementId, status: 'planned' as const };
  }
}

/** An opened election plans one outgoing audit per village; answers how many were new. */
export class PlanOutgoingAudits extends Command<number> {
  constructor(
    readonly election: ElectionOpenedV1,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}

@Injectable()
@CommandHandler(PlanOutgoingAudits)
export class PlanOutgoingAuditsHandler implements ICommandHandler<PlanOutgoingAudits> {
  constructor(private readonly engagements: Engagements) {}

  async execute({ election, ctx }: PlanOutgoingAudits): Promise<number> {
    let planned = 0;
    for (const village of election.villages) {
      if (await this.engagements.plan(d.outgoingAuditScope(election, village, this.engagements.policy), ctx)) planned++;
    }
    return planned;
  }
}

/** 进场: the named auditors (else those planned) start the fieldwork. */
export class StartFieldwork extends Command<StepResult> {
  constructor(
    readonly engagementId: string,
    readonly actor: Actor,
    readonly auditors: string[] | null,
  ) {
    super();
  }
}

@Injectable()
@CommandHandler(StartFieldwork)
export class StartFieldworkHandler implements ICommandHandler<StartFieldwork> {
  constructor(private readonly engagements: Engagements) {}

  async execute(c: StartFieldwork): Promise<StepResult> {
    return stepResult((await this.engagements.change(c.engagementId, c.actor, (s, ctx) => d.startFieldwork(s, c.auditors, ctx))).state);
  }
}

export class SubmitDraft extends Command<StepResult> {
  constructor(
    readonly engagementId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Injectable()
@CommandHandler(SubmitDraft)
export class SubmitDraftHandler implements ICommandHandler<SubmitDraft> {
  constructor(private readonly engagements: Engagements) {}

  async execute(c: SubmitDraft): Promise<StepResult> {
    return stepResult((await this.engagements.change(c.engagementId, c.actor, (s, ctx) => d.submitDraft(s, ctx))).state);
  }
}

export class ConcludeAudit extends Command<StepResult> {
  constructor(
    readonly engagementId: string,
    readonly actor: Actor,
    readonly summary: string | null,
  ) {
    super();
  }
}

@Injectable()
@CommandHandler(ConcludeAudit)
export class ConcludeAuditHandler implements ICommandHandler<ConcludeAudit> {
  constructor(private readonly engagements: Engagements) {}

  async execute(c: ConcludeAudit): Promise<StepResult> {
    return stepResult((await this.engagements.change(c.engagementId, c.actor, (s, ctx) => d.conclude(s, c.summary, ctx))).state);
  }
}

/** 公示: the results go on public notice in the village. */
export class PublishAudit extends Command<StepResult> {
  constructor(
    readonly engagementId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Injectable()
@CommandHandler(PublishAudit)
export class PublishAuditHandler implements ICommandHandler<PublishAudit> {
  constructor(private readonly engagements: Engagements) {}

  async execute(c: PublishAudit): Promise<StepResult> {
    return stepResult((await this.engagements.change(c.engagementId, c.actor, (s, ctx) => d.publish(s, ctx))).state);
  }
}

type Recorded = Extract<d.EngagementEvent, { type: 'FindingRecorded' }>;

export class RecordFinding extends Command<{ findingId: string; amount: string | null; transferred: boolean; seriousOpen: number }> {
  constructor(
    readonly engagementId: string,
    readonly actor: Actor,
    readonly finding: d.FindingContent,
  ) {
    super();
  }
}

@Injectable()
@CommandHandler(RecordFinding)
export class RecordFindingHandler implements ICommandHandler<RecordFinding> {
  constructor(private readonly engagements: Engagements) {}

  async execute(c: RecordFinding) {
    const { state, events } = await this.engagements.change(c.engagementId, c.actor, (s, ctx) => d.recordFinding(s, c.finding, c.actor.userId, ctx));
    const recorded = events.find((e): e is Recorded => e.type === 'FindingRecorded')!;
    const finding = state.findings.get(recorded.data.findingId)!;
    return { findingId: finding.findingId, amount: finding.amount, transferred: finding.transferId !== null, seriousOpen: d.seriousOpen(state) };
  }
}

/** The only way a finding of a published audit changes: an amendment with a reason, by the user making it. */
export class AmendFinding extends Command<{ findingId: string; revisions: number; seriousOpen: number }> {
  constructor(
    readonly engagementId: string,
    readonly findingId: string,
    readonly actor: Actor,
    readonly finding: d.FindingContent,
    readonly reason: string,
  ) {
    super();
  }
}

@Injectable()
@CommandHandler(AmendFinding)
export class AmendFindingHandler implements ICommandHandler<AmendFinding> {
  constructor(private readonly engagements: Engagements) {}

  async execute(c: AmendFinding) {
    const { state } = await this.engagements.change(c.engagementId, c.actor, (s, ctx) => d.amendFinding(s, c.findingId, c.finding, c.reason, c.actor.userId, ctx));
    return { findingId: c.findingId, revisions: state.findings.get(c.findingId)!.revisions.length, seriousOpen: d.seriousOpen(state) };
  }
}

/** The grievance case of one of our findings is closed (销号): the finding is rectified. False when the finding is not ours. */
export class MarkFindingRectified extends Command<boolean> {
  constructor(
    readonly findingId: string,
    readonly caseId: string,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}

@Injectable()
@CommandHandler(MarkFindingRectified)
export class MarkFindingRectifiedHandler implements ICommandHandler<MarkFindingRectified> {
  constructor(private readonly engagements: Engagements) {}

  async execute({ findingId, caseId, ctx }: MarkFindingRectified): Promise<boolean> {
    const engagementId = d.engagementOfFinding(findingId);
    if (!engagementId) return false;
    const { state } = await this.engagements.react(engagementId, ctx, (s, c) => (s.findings.has(findingId) ? d.markRectified(s, findingId, caseId, c) : []));
    return state !== null;
  }
}

/** Every engagement command handler, for the runtime. */
export const ENGAGEMENT_COMMAND_HANDLERS = [
  OpenEngagementHandler,
  PlanOutgoingAuditsHandler,
  StartFieldworkHandler,
  SubmitDraftHandler,
  ConcludeAuditHandler,
  PublishAuditHandler,
  RecordFindingHandler,
  AmendFindingHandler,
  MarkFindingRectifiedHandler,
];
