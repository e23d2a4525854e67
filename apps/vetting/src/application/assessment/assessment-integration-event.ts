import { newEnvelope, type Actor, type AssessmentRecordedV1, type ContractRegistry, type IntegrationEvent } from '@lw/domain';
import type { AssessmentRecordedData } from '../../domain/assessment';

/**
 * vetting.AssessmentRecorded for grievance, which opens one case per problem (problemId is stable
 * through corrections and redelivery). Member names, person ids and grades never leave the service.
 * An invalid assessment (too few 群众代表 among respondents) publishes nothing: its re-run will.
 * `turnout.representatives` goes with every revision that carries it (all recorded since the seed's rule).
 */
export function assessmentIntegrationEvents(data: AssessmentRecordedData, actor: Actor | null, contracts: ContractRegistry): IntegrationEvent[] {
  if (!data.valid) return [];
  const payload: AssessmentRecordedV1 = {
    assessmentId: data.assessmentId,
    villageCode: data.villageCode,
    period: data.period,
    teamGrade: data.teamGrade,
    classification: data.classification,
    weak: data.weak,
    turnout: {
      invited: data.turnout.invited,
      returned: data.turnout.returned,
      ...(data.turnout.representatives === undefined ? {} : { representatives: data.turnout.representatives }),
    },
    problems: data.problems.map((p) => ({ problemId: p.problemId, category: p.category, description: p.description, severity: p.severity })),
    recordedAt: data.at,
  };
  const envelope = newEnvelope({ type: 'vetting.AssessmentRecorded', version: 1, producer: 'vetting', villageCode: data.villageCode, actor, payload });
  return [contracts.validateForPublish(envelope)];
}
