import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Pool, type PoolClient } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { withTransaction } from '@lw/db';
import { DomainNotFoundError, type Actor } from '@lw/domain';
import * as tip from '../domain';
import type { DeadlineKind, Finding, TipState } from '../domain';
import { HandlingUnits } from './handling-units';
import { ErasureCompletion } from './ports/erasure-completion.port';
import { IdentityVault } from './ports/identity-vault.port';
import { ReceiptCheck } from './receipt-check';
import { TipListFreshness } from './tip-list-freshness';
import { TipSteps, type TipDecide } from './tip-steps';

/** What a handling step answers: the tip's new status and version (the next expectedVersion). */
export interface TipSummary {
  tipId: string;
  status: string;
  version: number;
}

function summary(s: TipState): TipSummary {
  return { tipId: s.received.tipId, status: s.status, version: s.version };
}

/** A handling step by a discipline official on one tip; `expectedVersion` where the screen showed one. */
abstract class TipStep extends Command<TipSummary> {
  constructor(
    readonly tipId: string,
    readonly actor: Actor,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

/** The shared shape of the step handlers: the step's decision, run through TipSteps. */
@Injectable()
abstract class TipStepHandler<C extends TipStep> {
  constructor(protected readonly steps: TipSteps) {}
  protected abstract decide(c: C): TipDecide;
  async execute(c: C): Promise<TipSummary> {
    return summary((await this.steps.run(c.tipId, c.actor, this.decide(c), { expectedVersion: c.expectedVersion })).state);
  }
}

/** Election-period acknowledgement (第一时间确认收悉). */
export class AcknowledgeTip extends TipStep {}
@Injectable()
@CommandHandler(AcknowledgeTip)
export class AcknowledgeTipHandler extends TipStepHandler<AcknowledgeTip> {
  protected decide(): TipDecide {
    return (s, c) => tip.acknowledge(s, c);
  }
}

export class AcceptTip extends TipStep {}
@Injectable()
@CommandHandler(AcceptTip)
export class AcceptTipHandler extends TipStepHandler<AcceptTip> {
  protected decide(): TipDecide {
    return (s, c) => tip.accept(s, c);
  }
}

export class NotAcceptTip extends TipStep {
  constructor(tipId: string, actor: Actor, readonly reason: string, expectedVersion?: number) {
    super(tipId, actor, expectedVersion);
  }
}
@Injectable()
@CommandHandler(NotAcceptTip)
export class NotAcceptTipHandler extends TipStepHandler<NotAcceptTip> {
  protected decide(c: NotAcceptTip): TipDecide {
    return (s, x) => tip.notAccept(s, c.reason, x);
  }
}

export class TransferTip extends TipStep {
  constructor(tipId: string, actor: Actor, readonly to: string, readonly reason: string, expectedVersion?: number) {
    super(tipId, actor, expectedVersion);
  }
}
@Injectable()
@CommandHandler(TransferTip)
export class TransferTipHandler extends TipStepHandler<TransferTip> {
  protected decide(c: TransferTip): TipDecide {
    return (s, x) => tip.transfer(s, c.to, c.reason, x);
  }
}

/** Assigns to the given unit, or (null) to the one the subject's level and place suggest. */
export class AssignTip extends TipStep {
  constructor(tipId: string, actor: Actor, readonly unitCode: string | null, expectedVersion?: number) {
    super(tipId, actor, expectedVersion);
  }
}
@Injectable()
@CommandHandler(AssignTip)
export class AssignTipHandler extends TipStepHandler<AssignTip> {
  constructor(steps: TipSteps, private readonly units: HandlingUnits) {
    super(steps);
  }
  protected decide(c: AssignTip): TipDecide {
    return (s, x) => {
      const unit = c.unitCode ? this.units.unitFor(c.unitCode) : this.units.suggest(s);
      if (!unit) throw new DomainNotFoundError('tip.unknown_unit', '承办单位不存在，请选择本县或乡镇纪委', `unknown unit ${c.unitCode}`);
      return tip.assign(s, unit, x);
    };
  }
}

export class AddCheckNote extends TipStep {
  readonly noteId = uuidv7();
  constructor(tipId: string, actor: Actor, readonly text: string) {
    super(tipId, actor);
  }
}
@Injectable()
@CommandHandler(AddCheckNote)
export class AddCheckNoteHandler extends TipStepHandler<AddCheckNote> {
  protected decide(c: AddCheckNote): TipDecide {
    return (s, x) => tip.addNote(s, c.noteId, c.text, x);
  }
}

export class AddCheckTask extends TipStep {
  readonly taskId = uuidv7();
  constructor(tipId: string, actor: Actor, readonly title: string, readonly dueOn: string | null) {
    super(tipId, actor);
  }
}
@Injectable()
@CommandHandler(AddCheckTask)
export class AddCheckTaskHandler extends TipStepHandler<AddCheckTask> {
  protected decide(c: AddCheckTask): TipDecide {
    return (s, x) => tip.addTask(s, c.taskId, c.title, c.dueOn, x);
  }
}

export class CompleteCheckTask extends TipStep {
  constructor(tipId: string, actor: Actor, readonly taskId: string) {
    super(tipId, actor);
  }
}
@Injectable()
@CommandHandler(CompleteCheckTask)
export class CompleteCheckTaskHandler extends TipStepHandler<CompleteCheckTask> {
  protected decide(c: CompleteCheckTask): TipDecide {
    return (s, x) => tip.completeTask(s, c.taskId, x);
  }
}

/** Extends the limit to conclude (once). */
export class ExtendTip extends TipStep {
  constructor(tipId: string, actor: Actor, readonly reason: string, expectedVersion?: number) {
    super(tipId, actor, expectedVersion);
  }
}
@Injectable()
@CommandHandler(ExtendTip)
export class ExtendTipHandler extends TipStepHandler<ExtendTip> {
  protected decide(c: ExtendTip): TipDecide {
    return (s, x) => tip.extend(s, c.reason, x);
  }
}

export class ConcludeTip extends TipStep {
  constructor(
    tipId: string,
    actor: Actor,
    readonly conclusion: { finding: Finding; falseAccusation: boolean; summary: string; needsRectification?: boolean },
    expectedVersion?: number,
  ) {
    super(tipId, actor, expectedVersion);
  }
}
@Injectable()
@CommandHandler(ConcludeTip)
export class ConcludeTipHandler extends TipStepHandler<ConcludeTip> {
  protected decide(c: ConcludeTip): TipDecide {
    return (s, x) => tip.conclude(s, c.conclusion, x);
  }
}

/** A question or the result for the reporter, who reads it with the receipt code. */
export class MessageReporter extends TipStep {
  readonly messageId = uuidv7();
  constructor(tipId: string, actor: Actor, readonly kind: 'question' | 'feedback', readonly text: string) {
    super(tipId, actor);
  }
}
@Injectable()
@CommandHandler(MessageReporter)
export class MessageReporterHandler extends TipStepHandler<MessageReporter> {
  protected decide(c: MessageReporter): TipDecide {
    return (s, x) => tip.messageReporter(s, c.messageId, c.kind, c.text, x);
  }
}

export class CloseTip extends TipStep {}
@Injectable()
@CommandHandler(CloseTip)
export class CloseTipHandler extends TipStepHandler<CloseTip> {
  protected decide(): TipDecide {
    return (s, c) => tip.close(s, c);
  }
}

/** The reporter's reply, with the receipt code as their only credential. */
export class ReplyAsReporter extends Command<{ messageId: string }> {
  constructor(
    readonly code: string,
    /** The limiters' key of the client (a keyed hash of its address, never the address). */
    readonly client: string,
    readonly text: string,
    readonly inReplyTo: string | null,
  ) {
    super();
  }
}
@Injectable()
@CommandHandler(ReplyAsReporter)
export class ReplyAsReporterHandler implements ICommandHandler<ReplyAsReporter> {
  constructor(
    private readonly receipts: ReceiptCheck,
    private readonly steps: TipSteps,
  ) {}
  async execute(c: ReplyAsReporter): Promise<{ messageId: string }> {
    const tipId = await this.receipts.tipOf(c.code, c.client);
    const messageId = uuidv7();
    await this.steps.run(tipId, null, (s, x) => tip.reporterReply(s, messageId, c.inReplyTo, c.text, x));
    return { messageId };
  }
}

/** Grievance closed the rectification case a concluded tip opened (a reaction, in its inbox transaction). */
export class RecordRectificationClosed extends Command<void> {
  constructor(
    readonly tipId: string,
    readonly caseId: string,
    readonly tx: PoolClient,
    readonly causationId: string,
  ) {
    super();
  }
}
@Injectable()
@CommandHandler(RecordRectificationClosed)
export class RecordRectificationClosedHandler implements ICommandHandler<RecordRectificationClosed> {
  constructor(private readonly steps: TipSteps) {}
  async execute(c: RecordRectificationClosed): Promise<void> {
    await this.steps.run(c.tipId, null, (s, x) => tip.recordRectificationClosed(s, c.caseId, x), { tx: c.tx, causationId: c.causationId });
  }
}

/** From a job: a reminder or overdue flag, if the limit it was set for is still the current one. */
export class FlagDeadline extends Command<void> {
  constructor(
    readonly tipId: string,
    readonly flag: 'DeadlineReminded' | 'DeadlineOverdue',
    readonly deadline: DeadlineKind,
    readonly endsAt: string,
  ) {
    super();
  }
}
@Injectable()
@CommandHandler(FlagDeadline)
export class FlagDeadlineHandler implements ICommandHandler<FlagDeadline> {
  constructor(private readonly steps: TipSteps) {}
  async execute(c: FlagDeadline): Promise<void> {
    await this.steps.run(c.tipId, null, (s, x) => (tip.currentDeadline(s, c.deadline)?.endsAt === c.endsAt ? tip.flagDeadline(s, c.flag, c.deadline, x) : []));
  }
}

/**
 * Crypto-shredding of the reporter's identity: the data key goes in the same transaction as the
 * event saying so. `irreversible` is false while a step after the commit (key-ring rotation,
 * deleting plaintext evidence of older versions) has yet to succeed; it is retried.
 */
export class EraseReporter extends Command<{ erased: true; irreversible: boolean }> {
  constructor(
    readonly tipId: string,
    readonly actor: Actor,
    readonly reason: string,
  ) {
    super();
  }
}
@Injectable()
@CommandHandler(EraseReporter)
export class EraseReporterHandler implements ICommandHandler<EraseReporter> {
  constructor(
    private readonly pool: Pool,
    private readonly steps: TipSteps,
    private readonly vault: IdentityVault,
    private readonly completion: ErasureCompletion,
    private readonly freshness: TipListFreshness,
  ) {}
  async execute(c: EraseReporter): Promise<{ erased: true; irreversible: boolean }> {
    const { txId } = await withTransaction(this.pool, async (tx) => {
      const done = await this.steps.run(c.tipId, c.actor, (s, x) => tip.eraseIdentity(s, c.reason, x), { tx });
      await this.vault.shred(c.tipId, tx);
      return done;
    });
    await this.freshness.shown(txId);
    return { erased: true, irreversible: await this.completion.complete(c.tipId) };
  }
}

export const tipCommandHandlers = [
  AcknowledgeTipHandler,
  AcceptTipHandler,
  NotAcceptTipHandler,
  TransferTipHandler,
  AssignTipHandler,
  AddCheckNoteHandler,
  AddCheckTaskHandler,
  CompleteCheckTaskHandler,
  ExtendTipHandler,
  ConcludeTipHandler,
  MessageReporterHandler,
  CloseTipHandler,
  ReplyAsReporterHandler,
  RecordRectificationClosedHandler,
  FlagDeadlineHandler,
  EraseReporterHandler,
];
