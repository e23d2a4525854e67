import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainConflictError, unpadDivisionCode, type Actor, type LocalDate } from '@lw/domain';
import { Jurisdiction } from '@lw/hierarchy';
import {
  amendFromSource,
  applyForClosing,
  changeDeadline,
  changeResponsible,
  closeCase,
  completeMilestone,
  flagRed,
  flagYellow,
  noteProgress,
  reopenCase,
  returnCase,
  type CaseContext,
  type CaseEvent,
  type CaseSourceKind,
  type CaseState,
  type OpenCaseInput,
  type PersonRef,
  type Severity,
} from '../domain';
import { caseIdForSource, newCaseId } from './case-ids';
import { CasePlacement, villageInArea } from './case-placement';
import { CaseRecorder, type CaseCaller, type CaseRecord } from './case-recorder';
import { LiaisonDirectory } from './liaison-directory.port';

/** A case entered by hand (回头看 inspection, democratic evaluation, a citizen's request); a clerk's limit is checked (no committed day). */
export interface HandEnteredCase extends Omit<OpenCaseInput, 'caseId' | 'townshipCode' | 'responsibleUnit' | 'responsiblePerson' | 'committedDue'> {
  /** The township's party committee when absent. */
  responsibleUnit?: string | null;
  /** The village's liaison when absent. */
  responsiblePerson?: PersonRef | null;
}

/** 交办 by a township or county user, for a village of their area. */
export class OpenCase extends Command<CaseRecord> {
  constructor(
    readonly actor: Actor,
    readonly input: HandEnteredCase,
  ) {
    super();
  }
}

/** A problem another service found (a tip, an audit finding, an assessment), as grievance takes it. */
export interface SourcedProblem {
  kind: CaseSourceKind;
  ref: string;
  villageCode: string;
  category: string;
  severity: Severity;
  description: string;
  directlyResponsible: PersonRef[];
  /** 整改措施 when the source states them (a campaign's 整改承诺书); none otherwise. */
  measures?: string;
  /** 整改责任人 the source names; the village's liaison otherwise. */
  responsiblePerson?: PersonRef;
  /** The last day the source agreed (承诺完成时限); the policy's limit for the severity otherwise. */
  due?: LocalDate;
}

/** Opens the case of a problem from another service, under an id derived from its source. */
export class OpenSourcedCase extends Command<CaseRecord> {
  constructor(
    readonly problem: SourcedProblem,
    readonly caller: CaseCaller,
  ) {
    super();
  }
}

/** The source corrected its problem: its case takes the new content. */
export class AmendCaseFromSource extends Command<CaseRecord> {
  constructor(
    readonly caseId: string,
    readonly content: Pick<SourcedProblem, 'category' | 'severity' | 'description' | 'directlyResponsible'>,
    readonly reason: string,
    readonly caller: CaseCaller,
  ) {
    super();
  }
}

/** The light jobs: the limit (ending at `endsAt`) reached its yellow day, or ended. */
export class FlagCaseYellow extends Command<CaseRecord> {
  constructor(
    readonly caseId: string,
    readonly endsAt: string,
  ) {
    super();
  }
}

export class FlagCaseRed extends Command<CaseRecord> {
  constructor(
    readonly caseId: string,
    readonly endsAt: string,
  ) {
    super();
  }
}

/** A user's step on a case; `expectedVersion` is the version they saw, where the step asks for it. */
abstract class CaseStep<F extends object> extends Command<CaseRecord> {
  constructor(
    readonly caseId: string,
    readonly actor: Actor,
    readonly fields: F & { expectedVersion?: number },
  ) {
    super();
  }
}

type NewLimit = { reason: string; workingDays?: number; due?: LocalDate };

export class NoteProgress extends CaseStep<{ text: string; attachments: string[] }> {
  /** One id for every try of the step. */
  readonly noteId = newCaseId();
}
export class CompleteMilestone extends CaseStep<{ milestoneId: string }> {}
/** 申请销号. */
export class ApplyForClosing extends CaseStep<{ evidence: string; attachments: string[] }> {}
/** 审核销号: the superior closes it. */
export class CloseCase extends CaseStep<{ summary: string }> {}
/** 退回整改, with reasons. */
export class ReturnCase extends CaseStep<{ reasons: string }> {}
/** 反弹回潮: a closed case reopens with a new limit. */
export class ReopenCase extends CaseStep<NewLimit> {}
/** 调整整改时限, with a reason. */
export class ChangeDeadline extends CaseStep<NewLimit> {}
export class ChangeResponsible extends CaseStep<{ responsibleUnit: string; responsiblePerson: PersonRef | null; reason: string }> {}

const caseChanged = (expected: number, actual: number) =>
  new DomainConflictError('case.changed', '该事项已被他人更新，请刷新后再操作', `expected version ${expected}, found ${actual}`);

@Injectable()
@CommandHandler(OpenCase)
export class OpenCaseHandler implements ICommandHandler<OpenCase> {
  constructor(
    private readonly cases: CaseRecorder,
    private readonly jurisdiction: Jurisdiction,
    private readonly placement: CasePlacement,
    private readonly liaisons: LiaisonDirectory,
  ) {}

  async execute({ actor, input }: OpenCase): Promise<CaseRecord> {
    const village = villageInArea(this.jurisdiction, actor, input.villageCode);
    const liaison = input.responsiblePerson ? null : await this.liaisons.liaisonOf(village);
    const person = input.responsiblePerson ?? (liaison ? { name: liaison.name, post: liaison.post } : null);
    return this.cases.open(
      {
        ...input,
        caseId: newCaseId(),
        villageCode: village,
        townshipCode: this.placement.townshipCode(village),
        responsibleUnit: input.responsibleUnit ?? this.placement.defaultUnit(village),
        responsiblePerson: person,
      },
      { actor },
    );
  }
}

@Injectable()
@CommandHandler(OpenSourcedCase)
export class OpenSourcedCaseHandler implements ICommandHandler<OpenSourcedCase> {
  constructor(
    private readonly cases: CaseRecorder,
    private readonly placement: CasePlacement,
    private readonly liaisons: LiaisonDirectory,
  ) {}

  // No scope check: the source service already checked its user's; the case goes where the problem is.
  async execute({ problem, caller }: OpenSourcedCase): Promise<CaseRecord> {
    const village = unpadDivisionCode(problem.villageCode);
    const liaison = problem.responsiblePerson ? null : await this.liaisons.liaisonOf(village, caller.tx);
    return this.cases.open(
      {
        caseId: caseIdForSource(problem.kind, problem.ref),
        villageCode: village,
        townshipCode: this.placement.townshipCode(village),
        source: { kind: problem.kind, ref: problem.ref },
        category: problem.category,
        severity: problem.severity,
        description: problem.description,
        directlyResponsible: problem.directlyResponsible,
        measures: problem.measures ?? '',
        responsibleUnit: this.placement.defaultUnit(village),
        responsiblePerson: problem.responsiblePerson ?? (liaison ? { name: liaison.name, post: liaison.post } : null),
        committedDue: problem.due,
      },
      caller,
    );
  }
}

@Injectable()
@CommandHandler(AmendCaseFromSource)
export class AmendCaseFromSourceHandler implements ICommandHandler<AmendCaseFromSource> {
  constructor(private readonly cases: CaseRecorder) {}

  async execute(c: AmendCaseFromSource): Promise<CaseRecord> {
    return this.cases.change(c.caseId, c.caller, (s, _v, ctx) => amendFromSource(s, c.content, c.reason, ctx));
  }
}

@Injectable()
@CommandHandler(FlagCaseYellow)
export class FlagCaseYellowHandler implements ICommandHandler<FlagCaseYellow> {
  constructor(private readonly cases: CaseRecorder) {}

  async execute(c: FlagCaseYellow): Promise<CaseRecord> {
    return this.cases.change(c.caseId, { actor: null }, (s, _v, ctx) => flagYellow(s, c.endsAt, ctx));
  }
}

@Injectable()
@CommandHandler(FlagCaseRed)
export class FlagCaseRedHandler implements ICommandHandler<FlagCaseRed> {
  constructor(private readonly cases: CaseRecorder) {}

  async execute(c: FlagCaseRed): Promise<CaseRecord> {
    return this.cases.change(c.caseId, { actor: null }, (s, _v, ctx) => flagRed(s, c.endsAt, ctx));
  }
}

/**
 * A user's step: the case must lie in their area (404 otherwise, checked before the version so a
 * stale version does not reveal a case outside it), then at the version they saw, if they sent one.
 */
@Injectable()
abstract class CaseStepHandler<C extends CaseStep<object>> {
  constructor(
    private readonly cases: CaseRecorder,
    private readonly jurisdiction: Jurisdiction,
  ) {}

  protected abstract decide(c: C, state: CaseState, ctx: CaseContext): CaseEvent[];

  async execute(c: C): Promise<CaseRecord> {
    return this.cases.change(c.caseId, { actor: c.actor, expectedVersion: c.fields.expectedVersion }, (state, _v, ctx) => this.decide(c, state, ctx), {
      guard: (state) => this.jurisdiction.require(c.actor, state.villageCode, '该事项'),
      stale: caseChanged,
    });
  }
}

@CommandHandler(NoteProgress)
export class NoteProgressHandler extends CaseStepHandler<NoteProgress> {
  protected decide(c: NoteProgress, s: CaseState, ctx: CaseContext) {
    return noteProgress(s, c.noteId, c.fields.text, c.fields.attachments, ctx);
  }
}

@CommandHandler(CompleteMilestone)
export class CompleteMilestoneHandler extends CaseStepHandler<CompleteMilestone> {
  protected decide(c: CompleteMilestone, s: CaseState, ctx: CaseContext) {
    return completeMilestone(s, c.fields.milestoneId, ctx);
  }
}

@CommandHandler(ApplyForClosing)
export class ApplyForClosingHandler extends CaseStepHandler<ApplyForClosing> {
  protected decide(c: ApplyForClosing, s: CaseState, ctx: CaseContext) {
    return applyForClosing(s, c.fields.evidence, c.fields.attachments, c.actor.userId, ctx);
  }
}

@CommandHandler(CloseCase)
export class CloseCaseHandler extends CaseStepHandler<CloseCase> {
  protected decide(c: CloseCase, s: CaseState, ctx: CaseContext) {
    return closeCase(s, c.fields.summary, c.actor.userId, ctx);
  }
}

@CommandHandler(ReturnCase)
export class ReturnCaseHandler extends CaseStepHandler<ReturnCase> {
  protected decide(c: ReturnCase, s: CaseState, ctx: CaseContext) {
    return returnCase(s, c.fields.reasons, c.actor.userId, ctx);
  }
}

@CommandHandler(ReopenCase)
export class ReopenCaseHandler extends CaseStepHandler<ReopenCase> {
  protected decide(c: ReopenCase, s: CaseState, ctx: CaseContext) {
    return reopenCase(s, c.fields.reason, { workingDays: c.fields.workingDays, due: c.fields.due }, ctx);
  }
}

@CommandHandler(ChangeDeadline)
export class ChangeDeadlineHandler extends CaseStepHandler<ChangeDeadline> {
  protected decide(c: ChangeDeadline, s: CaseState, ctx: CaseContext) {
    return changeDeadline(s, c.fields.reason, { workingDays: c.fields.workingDays, due: c.fields.due }, ctx);
  }
}

@CommandHandler(ChangeResponsible)
export class ChangeResponsibleHandler extends CaseStepHandler<ChangeResponsible> {
  protected decide(c: ChangeResponsible, s: CaseState, ctx: CaseContext) {
    return changeResponsible(s, c.fields.responsibleUnit, c.fields.responsiblePerson, c.fields.reason, ctx);
  }
}

/** Every case command's handler, for the runtime's `handlers`. */
export const CASE_COMMAND_HANDLERS = [
  OpenCaseHandler,
  OpenSourcedCaseHandler,
  AmendCaseFromSourceHandler,
  FlagCaseYellowHandler,
  FlagCaseRedHandler,
  NoteProgressHandler,
  CompleteMilestoneHandler,
  ApplyForClosingHandler,
  CloseCaseHandler,
  ReturnCaseHandler,
  ReopenCaseHandler,
  ChangeDeadlineHandler,
  ChangeResponsibleHandler,
];
