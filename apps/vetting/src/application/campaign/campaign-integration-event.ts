import { newEnvelope, type Actor, type LocalDate, type CampaignProblemsAcceptedV1, type ContractRegistry, type IntegrationEvent } from '@lw/domain';
import type { CampaignState, DossierState } from '../../domain/campaign';

/**
 * vetting.CampaignProblemsAccepted for grievance, which opens one case per problem with its
 * 整改承诺书 (measures, responsible person's name and post, deadline). Grades, member names and
 * talk notes never leave the service. A township team's problems travel under the township's code.
 */
export function problemsAcceptedEvent(
  campaign: CampaignState,
  dossier: DossierState,
  problemIds: readonly string[],
  at: string,
  actor: Actor | null,
  contracts: ContractRegistry,
): IntegrationEvent[] {
  const problems = problemIds.flatMap((id) => {
    const problem = dossier.sections.problems.find((p) => p.problemId === id);
    const commitment = dossier.commitments.find((c) => c.problemId === id);
    if (!problem || !commitment) return [];
    const { category, description, severity } = problem;
    return [{ problemId: id, category, description, severity, measures: commitment.measures, responsible: { name: commitment.responsible.name, post: commitment.responsible.post }, deadline: commitment.deadline as LocalDate }];
  });
  if (!problems.length) return [];
  const payload: CampaignProblemsAcceptedV1 = {
    campaignId: campaign.campaignId,
    kind: campaign.kind,
    villageCode: dossier.subject.code,
    subject: dossier.subject,
    problems,
    acceptedAt: at,
  };
  const envelope = newEnvelope({ type: 'vetting.CampaignProblemsAccepted', version: 1, producer: 'vetting',
    // The envelope's villageCode is a village or nothing; a township team's problems name their township in the payload.
    villageCode: dossier.subject.kind === 'village' ? dossier.subject.code : null,
    actor,
    payload,
  });
  return [contracts.validateForPublish(envelope)];
}
