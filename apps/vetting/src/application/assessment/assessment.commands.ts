import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainValidationError, outsideJurisdiction, type Actor } from '@lw/domain';
import { decideAndAppend } from '@lw/eventstore';
import { Jurisdiction } from '@lw/hierarchy';
import {
  ASSESSMENT_SCALES,
  assessmentDecider,
  correctAssessment,
  EMPTY_ASSESSMENT_STREAM,
  recordAssessment,
  type AssessmentContext,
  type AssessmentInput,
  type AssessmentRecorded,
  type AssessmentRecordedData,
  type AssessmentStreamState,
} from '../../domain/assessment';
import { RosterPort } from '../roster-port';
import { personReach, reachesOutside } from '../roster/person-reach';
import { AssessmentDeps } from './assessment-deps';
import { assessmentIntegrationEvents } from './assessment-integration-event';
import { assessmentStream } from './assessment-stream';

export class RecordAssessment extends Command<AssessmentRecordedData> {
  constructor(readonly actor: Actor, readonly input: AssessmentInput) {
    super();
  }
}

/** An explicit correction: the revision it corrects and why; recorded as a new revision, attributed. */
export class CorrectAssessment extends Command<AssessmentRecordedData> {
  constructor(readonly actor: Actor, readonly input: AssessmentInput, readonly correction: { revision: number; reason: string }) {
    super();
  }
}

/**
 * Records and corrects assessments: scope check, roster check, then the one decider loop appends
 * the revision together with its integration event in the outbox.
 */
@Injectable()
export class AssessmentWriter {
  constructor(private readonly deps: AssessmentDeps, private readonly roster: RosterPort, private readonly jurisdiction: Jurisdiction) {}

  async run(actor: Actor, input: AssessmentInput, decide: (s: AssessmentStreamState, c: AssessmentContext) => AssessmentRecorded): Promise<AssessmentRecordedData> {
    // Outside the actor's area looks exactly like a village that does not exist.
    if (!this.jurisdiction.currentVillage(input.villageCode) || !this.jurisdiction.covers(actor, input.villageCode)) {
      throw outsideJurisdiction(`村（社区）${input.villageCode} `, `village ${input.villageCode} unknown or outside ${actor.node}`);
    }
    const scale = ASSESSMENT_SCALES.get(input.scaleId);
    if (!scale) throw new DomainValidationError('assessment.unknown_scale', `测评等次方案“${input.scaleId}”不存在`, `unknown scale ${input.scaleId}`);
    await this.checkMembers(actor, input);
    const { events, txId } = await decideAndAppend(
      this.deps.store,
      assessmentDecider,
      assessmentStream(input.villageCode, input.period),
      ({ state }) => {
        const event = decide(state ?? EMPTY_ASSESSMENT_STREAM, { now: this.deps.now(), by: actor.userId, scale });
        return { events: [event], integrationEvents: assessmentIntegrationEvents(event.data, actor, this.deps.contracts) };
      },
      { actor },
    );
    await this.deps.readYourWrites(txId);
    return events[0].data;
  }

  /**
   * Graded persons must belong to the village's roster when the roster has the village at all (until
   * a county's roster is imported there is nothing to check against): grades feed the negative list.
   * A roster person whose records reach a village outside the actor's area (personReach, as for
   * roster writes) is a stranger too, whatever the village's holdings: a grade is an appraisal in
   * every township's review of him.
   */
  private async checkMembers(actor: Actor, input: AssessmentInput): Promise<void> {
    const holdings = await this.roster.holdingsOfVillage(input.villageCode);
    const reach = await personReach((ids, tx) => this.roster.reachOf(ids, tx), input.memberGrades.map((m) => m.personId));
    const known = new Set(holdings.map((h) => h.personId));
    const outside = (personId: string) => reachesOutside(reach.get(personId), (v) => this.jurisdiction.covers(actor, v));
    const strangers = input.memberGrades.filter((m) => (holdings.length > 0 && !known.has(m.personId)) || outside(m.personId));
    if (strangers.length) {
      throw new DomainValidationError('assessment.member_not_in_roster', `${strangers.map((m) => m.name).join('、')} 不在本村“两委”花名册中`, `persons ${strangers.map((m) => m.personId).join(',')} not in ${input.villageCode}`);
    }
  }
}

@Injectable()
@CommandHandler(RecordAssessment)
export class RecordAssessmentHandler implements ICommandHandler<RecordAssessment> {
  constructor(private readonly writer: AssessmentWriter) {}

  execute({ actor, input }: RecordAssessment): Promise<AssessmentRecordedData> {
    return this.writer.run(actor, input, (s, c) => recordAssessment(s, input, c));
  }
}

@Injectable()
@CommandHandler(CorrectAssessment)
export class CorrectAssessmentHandler implements ICommandHandler<CorrectAssessment> {
  constructor(private readonly writer: AssessmentWriter) {}

  execute({ actor, input, correction }: CorrectAssessment): Promise<AssessmentRecordedData> {
    return this.writer.run(actor, input, (s, c) => correctAssessment(s, input, correction, c));
  }
}

export const ASSESSMENT_COMMAND_HANDLERS = [RecordAssessmentHandler, CorrectAssessmentHandler];
