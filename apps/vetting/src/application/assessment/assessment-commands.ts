import { DomainNotFoundError, DomainValidationError, type Actor, type ContractRegistry } from '@lw/domain';
import { WrongExpectedVersionError, type EventStore } from '@lw/eventstore';
import {
  ASSESSMENT_SCALES,
  correctAssessment,
  recordAssessment,
  type AssessmentContext,
  type AssessmentInput,
  type AssessmentRecordedData,
  type AssessmentStreamState,
  type AssessmentRecorded,
} from '../../domain/assessment';
import type { RosterPort } from '../roster-port';
import { personReach, reachesOutside } from '../roster/person-reach';
import { assessmentIntegrationEvents } from './assessment-integration-event';
import { assessmentStream, loadAssessments } from './assessment-stream';

export interface AssessmentCommandsDeps {
  store: EventStore;
  contracts: ContractRegistry;
  roster: Pick<RosterPort, 'holdingsOfVillage' | 'reachOf'>;
  /** True when the village lies inside the actor's node. */
  inScope: (actor: Actor, villageCode: string) => boolean;
  isVillage: (code: string) => boolean;
  /** Brings the read model up to date after an append (read-your-writes). */
  afterAppend?: () => Promise<void>;
  clock?: () => Date;
}

const MAX_ATTEMPTS = 5;

/**
 * Records and corrects assessments: scope check, roster check, decide, append at the version read
 * together with the integration event in the outbox; a concurrent append makes it decide again.
 */
export class AssessmentCommands {
  constructor(private readonly deps: AssessmentCommandsDeps) {}

  record(actor: Actor, input: AssessmentInput): Promise<AssessmentRecordedData> {
    return this.run(actor, input, (s, c) => recordAssessment(s, input, c));
  }

  correct(actor: Actor, input: AssessmentInput, correction: { revision: number; reason: string }): Promise<AssessmentRecordedData> {
    return this.run(actor, input, (s, c) => correctAssessment(s, input, correction, c));
  }

  private async run(actor: Actor, input: AssessmentInput, decide: (s: AssessmentStreamState, c: AssessmentContext) => AssessmentRecorded): Promise<AssessmentRecordedData> {
    // Outside the actor's node looks exactly like a village that does not exist.
    if (!this.deps.isVillage(input.villageCode) || !this.deps.inScope(actor, input.villageCode)) {
      throw new DomainNotFoundError('assessment.village_not_found', `村（社区）${input.villageCode} 不存在或不在您的管辖范围内`, `village ${input.villageCode} unknown or outside ${actor.node}`);
    }
    const scale = ASSESSMENT_SCALES.get(input.scaleId);
    if (!scale) throw new DomainValidationError('assessment.unknown_scale', `测评等次方案“${input.scaleId}”不存在`, `unknown scale ${input.scaleId}`);
    await this.checkMembers(actor, input);
    const streamId = assessmentStream(input.villageCode, input.period);
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await loadAssessments(this.deps.store, streamId);
      const event = decide(state, { now: (this.deps.clock ?? (() => new Date()))(), by: actor.userId, scale });
      try {
        await this.deps.store.append(streamId, version === 0 ? 'no_stream' : version, [{ type: event.type, data: event.data, metadata: { actor } }], {
          integrationEvents: assessmentIntegrationEvents(event.data, actor, this.deps.contracts),
        });
        await this.deps.afterAppend?.();
        return event.data;
      } catch (err) {
        if (!(err instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  }

  /**
   * Graded persons must belong to the village's roster when the roster has the village at all (until
   * a county's roster is imported there is nothing to check against): grades feed the negative list.
   * A roster person whose records reach a village outside the actor's node (named by, roles, posts
   * held: personReach, as for roster writes) is a stranger too, whatever the village's holdings: a grade is an appraisal in every township's review of him.
   */
  private async checkMembers(actor: Actor, input: AssessmentInput): Promise<void> {
    const holdings = await this.deps.roster.holdingsOfVillage(input.villageCode);
    // The same reach as the roster's writes (personReach): named by, roles, posts held.
    const reach = await personReach(this.deps.roster.reachOf, input.memberGrades.map((m) => m.personId));
    const known = new Set(holdings.map((h) => h.personId));
    const outside = (personId: string) => reachesOutside(reach.get(personId), (v) => this.deps.inScope(actor, v));
    const strangers = input.memberGrades.filter((m) => (holdings.length > 0 && !known.has(m.personId)) || outside(m.personId));
    if (strangers.length) {
      throw new DomainValidationError('assessment.member_not_in_roster', `${strangers.map((m) => m.name).join('、')} 不在本村“两委”花名册中`, `persons ${strangers.map((m) => m.personId).join(',')} not in ${input.villageCode}`);
    }
  }
}
