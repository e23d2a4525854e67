import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PoolClient } from 'pg';
import { v5 as uuidv5 } from 'uuid';
import { DomainRateLimitError, type Actor, type IntegrationPayload } from '@lw/domain';
import { EventStore } from '@lw/eventstore';
import { Jurisdiction } from '@lw/hierarchy';
import { PublicSubmissionLimiter } from './ports/attempt-limiter.port';
import { TipIntake, type SubmitTipResult, type TipSubmission } from './tip-submission';
import { tipStreamId } from './tip-stream';
import { TiplineSettings } from './tipline-settings';

/** Namespace of tip ids derived from auditing transfer ids: a redelivered transfer names the same tip. */
const AUDIT_TIP_NAMESPACE = '6f1d3c1e-5b0a-4f4e-9a55-7c1b3e2d9f10';

/**
 * A clerk registers a phone call, letter, visit, informant report or transfer from above, in their
 * own area (no actor: the service itself, e.g. a letter dated before the clerk endpoint's bound).
 */
export class SubmitTip extends Command<SubmitTipResult> {
  constructor(
    readonly submission: TipSubmission,
    readonly actor: Actor | null,
  ) {
    super();
  }
}
@Injectable()
@CommandHandler(SubmitTip)
export class SubmitTipHandler implements ICommandHandler<SubmitTip> {
  constructor(
    private readonly intake: TipIntake,
    private readonly jurisdiction: Jurisdiction,
  ) {}
  async execute(c: SubmitTip): Promise<SubmitTipResult> {
    // A village the deployment knows must lie in the clerk's area; an unknown one is the domain's validation error.
    for (const s of c.submission.subjects) {
      if (c.actor && s.villageCode && this.jurisdiction.currentVillage(s.villageCode)) this.jurisdiction.require(c.actor, s.villageCode, '被举报的村（社区）');
    }
    return this.intake.receive(c.submission, c.actor);
  }
}

/** A citizen's tip from the public form (no login), counted per client and hour. */
export class SubmitPublicTip extends Command<SubmitTipResult> {
  constructor(
    readonly submission: Pick<TipSubmission, 'category' | 'subjects' | 'text' | 'anonymous' | 'reporter' | 'files'>,
    /** The limiters' key of the client (a keyed hash of its address, never the address). */
    readonly client: string,
  ) {
    super();
  }
}
@Injectable()
@CommandHandler(SubmitPublicTip)
export class SubmitPublicTipHandler implements ICommandHandler<SubmitPublicTip> {
  constructor(
    private readonly intake: TipIntake,
    private readonly limiter: PublicSubmissionLimiter,
    private readonly settings: TiplineSettings,
  ) {}
  async execute(c: SubmitPublicTip): Promise<SubmitTipResult> {
    if (this.settings.publicSubmissionsPerHour > 0) {
      const verdict = await this.limiter.attempt({ client: `submit:${c.client}` });
      if (!verdict.allowed) throw new DomainRateLimitError('tip.too_many', '提交过于频繁，请稍后再试', 'public submission rate exceeded', verdict.retryAfterSeconds);
    }
    return this.intake.receive({ ...c.submission, channel: 'web', issueReceipt: true }, null);
  }
}

/** An audit finding transferred as a case source becomes an anonymous tip (a reaction, in its inbox transaction). */
export class RegisterAuditTransfer extends Command<void> {
  constructor(
    readonly transfer: IntegrationPayload<'auditing.ViolationTransferred'>,
    readonly actor: Actor | null,
    readonly tx: PoolClient,
    readonly causationId: string,
  ) {
    super();
  }
}
@Injectable()
@CommandHandler(RegisterAuditTransfer)
export class RegisterAuditTransferHandler implements ICommandHandler<RegisterAuditTransfer> {
  constructor(
    private readonly intake: TipIntake,
    private readonly store: EventStore,
  ) {}
  async execute(c: RegisterAuditTransfer): Promise<void> {
    const p = c.transfer;
    const tipId = uuidv5(p.transferId, AUDIT_TIP_NAMESPACE);
    // The same transfer under another event id (a producer's retry): the tip exists already.
    if (await this.store.streamExists(tipStreamId(tipId), c.tx)) return;
    await this.intake.receive(
      {
        tipId,
        channel: 'audit',
        category: p.category,
        subjects: [
          ...p.responsiblePersons.map((r) => ({ kind: 'person' as const, name: r.name, post: r.post ?? null, citizenId: null, villageCode: p.villageCode })),
          { kind: 'village' as const, villageCode: p.villageCode },
        ],
        text: p.amount ? `${p.description}\n涉及金额：${p.amount} 元` : p.description,
        anonymous: true,
        reporter: null,
        files: [],
        origin: { auditTransferId: p.transferId, auditFindingId: p.findingId },
        issueReceipt: false,
      },
      c.actor,
      { tx: c.tx, causationId: c.causationId },
    );
  }
}

export const submissionCommandHandlers = [SubmitTipHandler, SubmitPublicTipHandler, RegisterAuditTransferHandler];
